import type { DeterminationView } from "@/lib/view/model-trace";
import styles from "./model.module.css";

/**
 * Who decided what, when and why, with the source and whether it is second-hand. `version` labels a
 * determination made under another version of the framework than the one evaluated.
 */
export function DeterminationNote({
  d,
  disagreement,
  indicatedLabel,
  heading,
  version,
}: {
  d: DeterminationView;
  disagreement: boolean;
  indicatedLabel: string;
  heading: string;
  version?: string;
}) {
  return (
    <div className={styles.determination}>
      {version && <p className="meta">{version}</p>}
      <p>
        <strong>{heading}:</strong> {d.outcomeLabel}
        {d.mitigation ? ` (${d.mitigation}-mitigation)` : ""} · by <strong>{d.by}</strong> on{" "}
        <time dateTime={d.at}>{d.at}</time>
        {d.sourceLabel && (
          <>
            {" "}
            ·{" "}
            <span className={d.sourceKind === "secondary" ? "mark mark-illustrative" : "mark mark-none"}>
              {d.sourceLabel}
            </span>
          </>
        )}
      </p>
      {disagreement && (
        <p className={styles.flag}>
          <span aria-hidden="true">≠ </span>Disagreement: the indicators say “{indicatedLabel}”.
        </p>
      )}
      {d.quote && (
        <blockquote>
          “{d.quote}”
          {d.sourceTitle && (
            <>
              {" "}
              —{" "}
              {d.sourceUrl ? (
                <a href={d.sourceUrl} rel="noreferrer">
                  {d.sourceTitle}
                </a>
              ) : (
                d.sourceTitle
              )}
            </>
          )}
        </blockquote>
      )}
      {!d.quote && d.sourceUrl && (
        <p>
          Source:{" "}
          <a href={d.sourceUrl} rel="noreferrer">
            {d.sourceTitle ?? d.sourceUrl}
          </a>
        </p>
      )}
      <p>
        <span className="muted">Rationale:</span> {d.rationale}
      </p>
      {(d.recordedBy || d.evidence.length > 0) && (
        <p className="meta">
          {d.recordedBy && <>Recorded by {d.recordedBy}</>}
          {d.evidence.length > 0 && <> · evidence: {d.evidence.join(", ")}</>}
        </p>
      )}
    </div>
  );
}
