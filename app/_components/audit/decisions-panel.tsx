"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { DecisionListItem, ReplayResult } from "@/lib/api/governance-schemas";
import styles from "./audit.module.css";
import { fetchDecision, recentDecisionsQuery } from "./decisions-api";

/** The most recent decisions, whether each still stands, and a replay from its stored input. */
export function DecisionsPanel() {
  const q = useQuery(recentDecisionsQuery());
  if (q.isPending)
    return (
      <p role="status" className="state">
        Loading decisions…
      </p>
    );
  if (q.isError)
    return (
      <div className="error" role="alert">
        <p>The decisions could not be loaded: {q.error.message}</p>
        <button type="button" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  if (q.data.length === 0)
    return (
      <p className="state">
        No decisions recorded yet. A gate check (<code>scalegate gate …</code> or{" "}
        <code>POST /api/v1/gate</code>) or a sign-off records one.
      </p>
    );
  return (
    <div className={styles.tableWrap}>
      <table>
        <caption className="meta" style={{ textAlign: "left" }}>
          The {q.data.length} most recent decisions, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Decision</th>
            <th scope="col">Model</th>
            <th scope="col">Policy</th>
            <th scope="col">Action</th>
            <th scope="col">Gate</th>
            <th scope="col">Sign-off</th>
            <th scope="col">By</th>
            <th scope="col">Status</th>
            <th scope="col">Replay</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((d) => (
            <DecisionRow key={d.id} d={d} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionRow({ d }: { d: DecisionListItem }) {
  const replay = useMutation({ mutationFn: () => fetchDecision(d.id) });
  const status = d.status;
  return (
    <tr>
      <td>
        {d.id}
        <div className="meta">
          <time dateTime={d.created_at}>{d.created_at.slice(0, 16).replace("T", " ")}</time>
        </div>
      </td>
      <td>{d.model}</td>
      <td>
        {d.policy_version.policy} <span className="meta">v{d.policy_version.version}</span>
      </td>
      <td>{d.action}</td>
      <td>{d.outcome}</td>
      <td>
        {d.signoff ? (
          <>
            {d.signoff.outcome.replaceAll("_", " ")}
            <div className="meta">{d.signoff.rationale}</div>
          </>
        ) : (
          <span className="meta">evaluation only</span>
        )}
      </td>
      <td>{d.decided_by}</td>
      <td>
        {status ? (
          <>
            <span className={status.status === "current" ? styles.current : styles.stale}>
              {status.status === "current" ? "✓ current" : "⚠ stale"}
            </span>
            {status.reasons.length > 0 && (
              <ul className={styles.reasons}>
                {status.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <span className="meta">unknown</span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="secondary"
          onClick={() => replay.mutate()}
          disabled={replay.isPending}
          aria-label={`Replay decision ${d.id}`}
        >
          {replay.isPending ? "Replaying…" : "Replay"}
        </button>
        <div role="status" aria-live="polite">
          {replay.isError && (
            <p className={`${styles.result} ${styles.bad}`}>Replay failed: {replay.error.message}</p>
          )}
          {replay.data && <ReplayVerdict r={replay.data.replay} />}
        </div>
      </td>
    </tr>
  );
}

function ReplayVerdict({ r }: { r: ReplayResult }) {
  if (r.ok)
    return (
      <p className={`${styles.result} ${styles.ok}`}>
        ✓ Replay ok: input and result hashes match; outcome {r.recomputed_outcome}.
      </p>
    );
  return (
    <div className={`${styles.result} ${styles.bad}`}>
      <p>✗ Replay does not match: {r.mismatches.map((m) => m.replaceAll("_", " ")).join(", ")}.</p>
      <ul className={styles.reasons}>
        {r.details.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
    </div>
  );
}
