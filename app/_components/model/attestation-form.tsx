"use client";

import { useId, useState } from "react";
import { governanceKeys } from "@/lib/api/governance-schemas";
import { apiKeys, apiPaths } from "@/lib/api/keys";
import { AttestationResponse, NewAttestation } from "@/lib/api/schemas";
import { FormField, Options } from "./form-field";
import styles from "./model.module.css";
import { RecordFormShell, useRecordForm } from "./record-form";

const FIELDS = ["safeguard", "status", "by", "at", "expires_at", "evidence"] as const;

const STATUSES = [
  { value: "verified", label: "verified" },
  { value: "implemented", label: "implemented" },
  { value: "planned", label: "planned (does not count as attested)" },
] as const;

/** Records a safeguard attestation, then re-renders the server evaluation. */
export function AttestationForm({
  modelId,
  policyId,
  safeguards,
  today,
  defaultBy = "",
}: {
  modelId: string;
  policyId: string;
  safeguards: { id: string; title: string; status: string; required: boolean }[];
  today: string;
  /** the signed-in person, offered as the one recorded */
  defaultBy?: string;
}) {
  const uid = useId();
  const [safeguard, setSafeguard] = useState(safeguards[0]?.id ?? "");
  const [status, setStatus] = useState<string>("verified");
  const [by, setBy] = useState(defaultBy);
  const [at, setAt] = useState(today);
  const [expires, setExpires] = useState("");
  const [evidence, setEvidence] = useState("");
  const form = useRecordForm({
    url: apiPaths.attestations(),
    request: NewAttestation,
    response: AttestationResponse,
    fields: FIELDS,
    // A new record can change the evaluation a decision was made on: the decisions' status with it.
    invalidate: [
      apiKeys.evaluations.all,
      apiKeys.attestations.all,
      apiKeys.models.detail(modelId),
      governanceKeys.decisions.all,
    ],
    recorded: ({ attestation: a }) =>
      `Recorded attestation #${a.id}: ${a.safeguard} ${a.status} by ${a.by} on ${a.at}${a.expires_at ? `, expires ${a.expires_at}` : ""}.`,
    unreachable: "The attestation could not be sent. Check the connection and try again.",
    reset: () => setEvidence(""),
  });
  const { errors } = form;

  function onSubmit() {
    form.submit(
      {
        model: modelId,
        policy: policyId,
        safeguard,
        status,
        ...(by.trim() ? { by: by.trim() } : {}),
        ...(at ? { at } : {}),
        ...(expires ? { expires_at: expires } : {}),
        ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
      },
      by.trim() ? {} : { by: "name the person who attests" },
    );
  }

  if (safeguards.length === 0) return null;
  return (
    <RecordFormShell
      uid={uid}
      title="Record a safeguard attestation"
      form={form}
      submitLabel="Record attestation"
      onSubmit={onSubmit}
    >
      <FormField id={`${uid}-safeguard`} label="Safeguard" error={errors.safeguard}>
        {(a) => (
          <select {...a} value={safeguard} onChange={(e) => setSafeguard(e.target.value)}>
            {safeguards.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.id}) — now {s.status}
                {s.required ? ", required" : ""}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className={styles.row2}>
        <FormField id={`${uid}-status`} label="Status" error={errors.status}>
          {(a) => (
            <select {...a} value={status} onChange={(e) => setStatus(e.target.value)}>
              <Options options={STATUSES} />
            </select>
          )}
        </FormField>
        <FormField id={`${uid}-by`} label="Attested by" error={errors.by}>
          {(a) => (
            <input {...a} required autoComplete="name" value={by} onChange={(e) => setBy(e.target.value)} />
          )}
        </FormField>
      </div>
      <div className={styles.row2}>
        <FormField id={`${uid}-at`} label="Date" error={errors.at}>
          {(a) => <input {...a} type="date" value={at} onChange={(e) => setAt(e.target.value)} />}
        </FormField>
        <FormField
          id={`${uid}-expires`}
          label="Expires"
          error={errors.expires_at}
          hint="Optional; the attestation no longer counts from this day."
        >
          {(a) => <input {...a} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </FormField>
      </div>
      <FormField
        id={`${uid}-evidence`}
        label="Evidence"
        error={errors.evidence}
        hint="Optional: a report, ticket or audit that shows the safeguard is in place."
      >
        {(a) => <textarea {...a} rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} />}
      </FormField>
    </RecordFormShell>
  );
}
