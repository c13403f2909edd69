"use client";

import { useId, useState } from "react";
import { governanceKeys, governancePaths, NewSignoff, SignoffResponse } from "@/lib/api/governance-schemas";
import { SIGNOFF_OUTCOME_OPTIONS, signoffConfirmation } from "@/lib/view/decisions";
import { FormField, Options } from "./form-field";
import { RecordFormShell, useRecordForm } from "./record-form";

const FIELDS = ["action", "outcome", "rationale", "conditions"] as const;

/**
 * A reviewer's sign-off on one gate action of the evaluation as it stands: the server evaluates the
 * model under the published policy version and stores the exact input, the result (each with its
 * sha256) and the sign-off, once. The decisions list then shows it, and later marks it stale.
 */
export function SignoffForm({
  modelId,
  policyId,
  actions,
}: {
  modelId: string;
  policyId: string;
  /** the policy's gate actions, each labelled with its outcome now */
  actions: { value: string; label: string }[];
}) {
  const uid = useId();
  const [action, setAction] = useState(actions[0]?.value ?? "");
  const [outcome, setOutcome] = useState<string>("approve");
  const [rationale, setRationale] = useState("");
  const [conditions, setConditions] = useState("");
  const withConditions = outcome === "approve_with_conditions";
  const form = useRecordForm({
    url: governancePaths.decisions(),
    request: NewSignoff,
    response: SignoffResponse,
    fields: FIELDS,
    // A sign-off changes no evaluation; the audit page's list shares the decisions prefix.
    invalidate: [governanceKeys.decisions.all],
    recorded: ({ decision }) => signoffConfirmation(decision),
    unreachable: "The sign-off could not be sent. Check the connection and try again.",
    reset: () => {
      setRationale("");
      setConditions("");
    },
  });
  const { errors } = form;

  function onSubmit() {
    form.submit({
      model: modelId,
      policy: policyId,
      action,
      outcome,
      rationale,
      // Conditions belong to "approve with conditions" only; an empty box is not a condition.
      ...(withConditions && conditions.trim() ? { conditions: conditions.trim() } : {}),
    });
  }

  if (actions.length === 0) return <p className="meta">This policy defines no gates to sign off.</p>;
  return (
    <RecordFormShell
      uid={uid}
      title="Record a sign-off"
      form={form}
      submitLabel="Record sign-off"
      onSubmit={onSubmit}
    >
      <FormField
        id={`${uid}-action`}
        label="Gate action"
        error={errors.action}
        hint="The outcome beside each action is the evaluation's now; it is recorded with the sign-off."
      >
        {(a) => (
          <select {...a} value={action} onChange={(e) => setAction(e.target.value)}>
            <Options options={actions} />
          </select>
        )}
      </FormField>
      <FormField id={`${uid}-outcome`} label="Outcome" error={errors.outcome}>
        {(a) => (
          <select {...a} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <Options options={SIGNOFF_OUTCOME_OPTIONS} />
          </select>
        )}
      </FormField>
      {withConditions && (
        <FormField
          id={`${uid}-conditions`}
          label="Conditions"
          error={errors.conditions}
          hint="Required: what must hold for the approval to stand."
        >
          {(a) => (
            <textarea
              {...a}
              required
              rows={2}
              value={conditions}
              onChange={(e) => setConditions(e.target.value)}
            />
          )}
        </FormField>
      )}
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
    </RecordFormShell>
  );
}
