"use client";

import { useId, useState } from "react";
import { governanceKeys } from "@/lib/api/governance-schemas";
import { apiKeys, apiPaths } from "@/lib/api/keys";
import { DeterminationResponse, NewDetermination } from "@/lib/api/schemas";
import { FormField, Options } from "./form-field";
import styles from "./model.module.css";
import { RecordFormShell, useRecordForm } from "./record-form";

const FIELDS = ["threshold", "outcome", "mitigation", "rationale", "by", "at"] as const;

export interface ThresholdOption {
  domain: string;
  thresholds: { id: string; title: string; status: string }[];
}

const OUTCOMES = [
  { value: "reached", label: "reached" },
  { value: "not_reached", label: "not reached" },
  { value: "cannot_rule_out", label: "cannot rule out" },
] as const;

/** Records a human determination on one threshold, then re-renders the server evaluation. */
export function DeterminationForm({
  modelId,
  policyId,
  options,
  today,
  defaultBy = "",
}: {
  modelId: string;
  policyId: string;
  options: ThresholdOption[];
  today: string;
  /** the signed-in person, offered as the one recorded */
  defaultBy?: string;
}) {
  const uid = useId();
  const first = options[0]?.thresholds[0]?.id ?? "";
  const [threshold, setThreshold] = useState(first);
  const [outcome, setOutcome] = useState<string>("cannot_rule_out");
  const [mitigation, setMitigation] = useState("");
  const [rationale, setRationale] = useState("");
  const [by, setBy] = useState(defaultBy);
  const [at, setAt] = useState(today);
  const form = useRecordForm({
    url: apiPaths.determinations(),
    request: NewDetermination,
    response: DeterminationResponse,
    fields: FIELDS,
    // A new record can change the evaluation a decision was made on: the decisions' status with it.
    invalidate: [
      apiKeys.evaluations.all,
      apiKeys.determinations.all,
      apiKeys.models.detail(modelId),
      governanceKeys.decisions.all,
    ],
    recorded: ({ determination: d }) =>
      `Recorded determination #${d.id}: ${d.threshold} ${d.outcome.replace(/_/g, " ")} by ${d.by} on ${d.at}.`,
    unreachable: "The determination could not be sent. Check the connection and try again.",
    reset: () => setRationale(""),
  });
  const { errors } = form;

  function onSubmit() {
    form.submit(
      {
        model: modelId,
        policy: policyId,
        threshold,
        outcome,
        ...(mitigation ? { mitigation } : {}),
        rationale,
        ...(by.trim() ? { by: by.trim() } : {}),
        ...(at ? { at } : {}),
      },
      // The API would record the anonymous actor; a determination names the person who made it.
      by.trim() ? {} : { by: "name the person who made the determination" },
    );
  }

  return (
    <RecordFormShell
      uid={uid}
      title="Record a determination"
      form={form}
      submitLabel="Record determination"
      onSubmit={onSubmit}
    >
      <FormField id={`${uid}-threshold`} label="Threshold" error={errors.threshold}>
        {(a) => (
          <select {...a} value={threshold} onChange={(e) => setThreshold(e.target.value)}>
            {options.map((g) => (
              <optgroup key={g.domain} label={g.domain}>
                {g.thresholds.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title} ({t.id}) — now {t.status}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </FormField>
      <div className={styles.row2}>
        <FormField id={`${uid}-outcome`} label="Outcome" error={errors.outcome}>
          {(a) => (
            <select {...a} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              <Options options={OUTCOMES} />
            </select>
          )}
        </FormField>
        <FormField
          id={`${uid}-mitigation`}
          label="Mitigation state"
          error={errors.mitigation}
          hint="Unspecified applies to the pre-mitigation reading (and to post, when it has no evidence of its own)."
        >
          {(a) => (
            <select {...a} value={mitigation} onChange={(e) => setMitigation(e.target.value)}>
              <option value="">unspecified</option>
              <option value="pre">pre-mitigation</option>
              <option value="post">post-mitigation</option>
            </select>
          )}
        </FormField>
      </div>
      <FormField id={`${uid}-rationale`} label="Rationale" error={errors.rationale}>
        {(a) => (
          <textarea
            {...a}
            required
            rows={3}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
          />
        )}
      </FormField>
      <div className={styles.row2}>
        <FormField
          id={`${uid}-by`}
          label="Determined by"
          error={errors.by}
          hint="Who made the determination (a person or body). The audit log also names you as the one who entered it."
        >
          {(a) => (
            <input {...a} required autoComplete="name" value={by} onChange={(e) => setBy(e.target.value)} />
          )}
        </FormField>
        <FormField
          id={`${uid}-at`}
          label="Date"
          error={errors.at}
          hint="A future date takes effect on that day."
        >
          {(a) => <input {...a} type="date" value={at} onChange={(e) => setAt(e.target.value)} />}
        </FormField>
      </div>
    </RecordFormShell>
  );
}
