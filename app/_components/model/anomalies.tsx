import type { AnomalySummary } from "@/lib/view/model-trace";
import styles from "./model.module.css";

/**
 * Each score the policy reads against the 80% prediction interval of the other models at this model's
 * compute. What was not checked says why: the absence of a flag is never read as "normal".
 */
export function AnomaliesPanel({
  summary,
  projectionsHref,
}: {
  summary: AnomalySummary;
  projectionsHref: string;
}) {
  return (
    <section id="anomalies" className={`panel ${styles.anomalies}`} aria-labelledby="anomalies-heading">
      <h2 id="anomalies-heading">Anomalies</h2>
      <p className="meta">
        Each score this policy reads is compared with the 80% prediction interval of the other models at this
        model&apos;s effective compute (a sigmoid fitted without this model, its spread from a bootstrap over
        models; <a href={projectionsHref}>see the projections</a>). Below it: possible under-elicitation or
        sandbagging; above it: a genuine jump or possible contamination.
      </p>
      {summary.empty ? (
        <p className="state">No score on a metric this policy reads: nothing to check.</p>
      ) : (
        <>
          {summary.flagged.length === 0 ? (
            <p>No score lies outside the interval of the other models.</p>
          ) : (
            <ul aria-label="Flagged scores">
              {summary.flagged.map((f) => (
                <li key={f.metric}>
                  <span className="badge tone-unknown">
                    <span aria-hidden="true">⚑ </span>
                    {f.status === "below" ? "below the interval" : "above the interval"}
                  </span>{" "}
                  <code>{f.metric}</code>: {f.text}
                  {f.detail && <div className="meta">{f.detail}</div>}
                </li>
              ))}
            </ul>
          )}
          {summary.within.length > 0 && (
            <p>
              Within the interval:{" "}
              {summary.within.map((m, i) => (
                <span key={m}>
                  {i > 0 && ", "}
                  <code>{m}</code>
                </span>
              ))}
              .
            </p>
          )}
          {summary.notChecked.length > 0 && (
            <>
              <p>Not checked:</p>
              <ul aria-label="Scores not checked">
                {summary.notChecked.map((n) => (
                  <li key={n.metric}>
                    <code>{n.metric}</code>: not checked: {n.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
