import type { DomainView, ThresholdView } from "@/lib/view/model-trace";
import { DeterminationNote } from "./determination-note";
import { LevelChip } from "./level-chip";
import styles from "./model.module.css";
import { StatusChip } from "./status-chip";
import { TraceTable } from "./trace-table";

interface Ladder {
  levels: string[];
  titles: Record<string, string>;
}

function Level({ label, level, ladder }: { label: string; level: string; ladder: Ladder }) {
  return (
    <span>
      <span className="muted">{label}:</span>{" "}
      <LevelChip level={level} levels={ladder.levels} title={ladder.titles[level] ?? level} />
    </span>
  );
}

/** One capability domain: its levels, a row per threshold, then each threshold's evidence trace. */
export function DomainSection({ domain, ladder }: { domain: DomainView; ladder: Ladder }) {
  const headingId = `${domain.anchor}-heading`;
  return (
    <section id={domain.anchor} className={`panel ${styles.domain}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{domain.title}</h3>
      <p className={styles.levels}>
        <Level label="Pre-mitigation" level={domain.level.pre} ladder={ladder} />
        <Level label="Post-mitigation" level={domain.level.post} ladder={ladder} />
        {domain.evidencedDiffers.pre && (
          <Level label="Evidenced (pre)" level={domain.evidenced.pre} ladder={ladder} />
        )}
        {domain.evidencedDiffers.post && (
          <Level label="Evidenced (post)" level={domain.evidenced.post} ladder={ladder} />
        )}
      </p>
      {(domain.evidencedDiffers.pre || domain.evidencedDiffers.post) && (
        <p className="meta">
          The evidenced level leaves out thresholds counted only because their evidence is missing (
          {domain.missingEvidence.join(", ")}); gates use the fail-safe level.
        </p>
      )}
      <div className={styles.tableWrap}>
        <table>
          <caption className={styles.srOnly}>Thresholds in {domain.title}</caption>
          <thead>
            <tr>
              <th scope="col">Threshold</th>
              <th scope="col">Level</th>
              <th scope="col">Pre-mitigation</th>
              <th scope="col">Post-mitigation</th>
              <th scope="col">Determination</th>
            </tr>
          </thead>
          <tbody>
            {domain.thresholds.map((t) => (
              <tr key={t.id} id={t.anchor} className={styles.target}>
                <th scope="row">
                  <a href={`#trace-${t.id}`}>{t.title}</a>
                  <div className="meta">
                    <code>{t.id}</code>
                  </div>
                </th>
                <td>{t.kind === "checkpoint" ? "checkpoint" : (t.levelTitle ?? "—")}</td>
                <td>
                  <StatusChip label={t.pre.label} tone={t.pre.tone} markers={t.pre.markers} />
                </td>
                <td>
                  <StatusChip label={t.post.label} tone={t.post.tone} markers={t.post.markers} />
                </td>
                <td>
                  {t.pre.determination ? (
                    <>
                      {t.pre.determination.outcomeLabel} · {t.pre.determination.by}, {t.pre.determination.at}
                      {t.pre.determination.sourceKind === "secondary" && (
                        <>
                          {" "}
                          · <span className="mark mark-illustrative">secondary source</span>
                        </>
                      )}
                      {t.pre.disagreement && (
                        <span className={styles.flag}>
                          {" "}
                          · <span aria-hidden="true">≠</span> disagrees
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {domain.thresholds.map((t) => (
        <ThresholdTrace key={t.id} t={t} />
      ))}
    </section>
  );
}

function ThresholdTrace({ t }: { t: ThresholdView }) {
  return (
    <article id={`trace-${t.id}`} className={styles.threshold} aria-label={`Evidence trace: ${t.title}`}>
      <h4>
        Evidence trace: {t.title}{" "}
        <span className="meta">
          ({t.kind === "checkpoint" ? "checkpoint" : (t.levelTitle ?? "no level")})
        </span>
      </h4>
      <div className={styles.readings}>
        <span>
          <span className="muted">Pre-mitigation:</span>{" "}
          <StatusChip label={t.pre.label} tone={t.pre.tone} markers={t.pre.markers} />
        </span>
        <span>
          <span className="muted">Post-mitigation:</span>{" "}
          <StatusChip label={t.post.label} tone={t.post.tone} markers={t.post.markers} />
        </span>
        <span>
          <span className="muted">Indicators alone:</span> {t.pre.indicatedLabel}
        </span>
        <span>
          <span className="muted">Counts toward the level:</span> {t.counted ? "yes" : "no"}
        </span>
      </div>
      {t.pre.missingEvidence && !t.pre.determination && (
        <p className="meta">
          <span aria-hidden="true">∅ </span>Missing evidence: the threshold cannot be ruled out until a score
          or a determination settles it.
        </p>
      )}
      {t.pre.determination && (
        <DeterminationNote
          d={t.pre.determination}
          disagreement={t.pre.disagreement}
          indicatedLabel={t.pre.indicatedLabel}
          heading="Determination"
        />
      )}
      {t.postDiffers && t.post.determination && t.post.determination.id !== t.pre.determination?.id && (
        <DeterminationNote
          d={t.post.determination}
          disagreement={t.post.disagreement}
          indicatedLabel={t.post.indicatedLabel}
          heading="Post-mitigation determination"
        />
      )}
      <TraceTable rows={t.pre.trace} caption={`Pre-mitigation evidence for ${t.title}`} />
      {t.postDiffers ? (
        <>
          <p>
            <strong>Post-mitigation evidence</strong>
          </p>
          <TraceTable rows={t.post.trace} caption={`Post-mitigation evidence for ${t.title}`} />
        </>
      ) : (
        <p className="meta">
          Post-mitigation: the same evidence (no post-mitigation score or determination of its own).
        </p>
      )}
      {t.requires.length > 0 && !t.pre.trace.some((r) => r.kind === "threshold" && r.prerequisite) && (
        <p className="meta">Requires: {t.requires.join(", ")}</p>
      )}
      {t.definition && (
        <details>
          <summary>Definition{t.locator ? ` (${t.locator})` : ""}</summary>
          <blockquote>{t.definition}</blockquote>
          {t.wording && t.wording !== "verbatim" && <p className="meta">Wording: {t.wording}</p>}
        </details>
      )}
      {t.history.length > 1 && (
        <details>
          <summary>All {t.history.length} determinations on record (latest first)</summary>
          <ol>
            {t.history.map((d, i) => (
              <li key={d.id ?? i}>
                {d.outcomeLabel}
                {d.mitigation ? ` (${d.mitigation})` : ""} · {d.by}, {d.at}
                {d.sourceLabel ? ` · ${d.sourceLabel}` : ""} — {d.rationale}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
