"use client";

import { useQuery } from "@tanstack/react-query";
import { decisionsSummary, toDecisionViews } from "@/lib/view/decisions";
import type { DecisionView } from "@/lib/view/decisions";
import styles from "./model.module.css";
import { modelDecisionsQuery } from "./queries";

/**
 * The decisions recorded on this model under the policy shown, newest first, each with whether it
 * still stands. The server prefetches the same query, so the first HTML already holds the list; a
 * sign-off, determination or attestation on this page invalidates it.
 */
export function DecisionsList({
  modelId,
  policyId,
  policyName,
  shownVersionId,
}: {
  modelId: string;
  policyId: string;
  /** "OpenAI Preparedness Framework v2" */
  policyName: string;
  /** the stored version the page evaluates (policy_versions.id) */
  shownVersionId: number | null;
}) {
  const q = useQuery(modelDecisionsQuery(modelId, policyId));
  if (q.isPending)
    return (
      <p role="status" className="state">
        Loading decisions…
      </p>
    );
  // A failed refresh keeps the last list read on screen, under the error.
  const failed = q.isError && (
    <div className="error" role="alert">
      <p>
        The decisions could not be {q.data ? "refreshed" : "loaded"}: {q.error.message}
        {q.data ? " The list below is the last one read and may be out of date." : ""}
      </p>
      <button type="button" onClick={() => void q.refetch()}>
        Try again
      </button>
    </div>
  );
  if (q.data === undefined) return failed;
  const views = toDecisionViews(q.data, shownVersionId);
  if (views.length === 0)
    return (
      <>
        {failed}
        <p className="state">
          No decisions yet for this model under {policyName}. A sign-off below, a gate check (
          <code>scalegate gate …</code>) or <code>POST /api/v1/gate</code> records one.
        </p>
      </>
    );
  return (
    <>
      {failed}
      <p className="meta" role="status" aria-live="polite">
        {decisionsSummary(views)}
        {q.isFetching ? " · checking against the current evaluation…" : ""}
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.decisions}>
          <caption className={styles.srOnly}>
            Decisions on this model under {policyName}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Action and gate outcome</th>
              <th scope="col">Sign-off</th>
              <th scope="col">Policy version</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {views.map((d) => (
              <DecisionRow key={d.id} d={d} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DecisionRow({ d }: { d: DecisionView }) {
  return (
    <tr id={d.anchor} className={styles.target}>
      <th scope="row">
        {`#${d.id} ${d.kind}`}
        <div className="meta">
          by {d.by}, <time dateTime={d.createdAt}>{d.createdLabel}</time>
        </div>
        <div className="meta">evaluated as of {d.asOf}</div>
      </th>
      <td>
        <code>{d.action}</code>
        <div>
          <span className={`badge tone-${d.gate.tone}`}>{`${d.gate.symbol} ${d.gate.label}`}</span>
        </div>
      </td>
      <td>
        {d.signoff ? (
          <>
            <span className={`badge tone-${d.signoff.tone}`}>{`${d.signoff.symbol} ${d.signoff.label}`}</span>
            <p className={styles.rationale}>{d.signoff.rationale}</p>
            {d.signoff.conditions && (
              <p className={styles.rationale}>
                <strong>Conditions:</strong> {d.signoff.conditions}
              </p>
            )}
          </>
        ) : (
          <span className="meta">none: the evaluation only</span>
        )}
      </td>
      <td>
        {d.policyVersion}
        {!d.underShownVersion && <div className="meta">not the version shown</div>}
      </td>
      <td>
        <span className={`badge tone-${d.status.tone}`}>{`${d.status.symbol} ${d.status.label}`}</span>
        {d.status.reasons.length > 0 && (
          <ul className={styles.reasons}>
            {d.status.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        <div>
          <a href={d.replayHref}>{`Replay #${d.id} (JSON)`}</a>
        </div>
      </td>
    </tr>
  );
}
