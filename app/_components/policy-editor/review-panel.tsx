"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { ComparisonView } from "@/app/_components/policy-compare/comparison-view";
import { countsText, flipsByModel, gateFlips, reviewCounts } from "./review-summary";
import type { GateFlip } from "./review-summary";
import styles from "./policy-editor.module.css";

/**
 * A saved draft's review: first the gate outcomes it would flip, model by model and in words (the one
 * thing a reviewer of a threshold change must not miss), then the full comparison with the published
 * version that the "what changed" page renders too.
 */
export function ReviewPanel({
  id,
  draftId,
  label,
  review,
}: {
  id: string;
  draftId: number;
  label: string;
  review: UseQueryResult<PolicyComparison, Error>;
}) {
  const heading = `${id}-heading`;
  return (
    <section id={id} className="panel" aria-labelledby={heading}>
      <h2 id={heading}>
        Review of draft {draftId} (version {label})
      </h2>
      {review.isPending ? (
        <p role="status" className="state">
          Evaluating every model under the published version and under the draft…
        </p>
      ) : review.isError ? (
        <div className="error" role="alert">
          <p>The review could not be made: {review.error.message}</p>
          <button type="button" onClick={() => void review.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <ReviewBody data={review.data} />
      )}
    </section>
  );
}

const DIRECTION: Record<GateFlip["direction"], string> = {
  closes: "stricter:",
  opens: "looser:",
  changes: "changed:",
};

function ReviewBody({ data }: { data: PolicyComparison }) {
  const flips = gateFlips(data);
  const groups = flipsByModel(flips);
  const counts = reviewCounts(data);
  return (
    <>
      <p>
        <strong>{countsText(counts)}</strong>{" "}
        <span className="meta">
          Compared with the published version {data.from.version} as of{" "}
          <time dateTime={data.models.as_of}>{data.models.as_of}</time>.
        </span>
      </p>
      {flips.length === 0 ? (
        <p className={styles.noFlips}>
          <span aria-hidden="true">✓ </span>No gate outcome changes for any model.
        </p>
      ) : (
        <div className={styles.flips} role="region" aria-label="Gate outcomes that would change">
          <h3>
            <span aria-hidden="true">⚠ </span>
            {flips.length} gate outcome{flips.length === 1 ? "" : "s"} would change, for {groups.length} model
            {groups.length === 1 ? "" : "s"}
          </h3>
          <ul>
            {groups.map((g) => (
              <li key={g.model}>
                <a
                  href={`/models/${encodeURIComponent(g.model)}?policy=${encodeURIComponent(data.to.policy_id)}#gates`}
                >
                  {g.model}
                </a>
                <ul>
                  {g.flips.map((f) => (
                    <li key={f.action}>
                      <strong>{DIRECTION[f.direction]}</strong> {f.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ComparisonView data={data} />
    </>
  );
}
