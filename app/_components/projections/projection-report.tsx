"use client";

import { forecastAttention } from "@/lib/view/projection-attention";
import { formatFlop, formatPercent } from "@/lib/view/projection-format";
import type { ProjectionsResponse } from "@/lib/view/projection-schema";
import { frontierText, leafId } from "@/lib/view/projection-summary";
import { LeafCard } from "./leaf-card";
import styles from "./projections.module.css";

export function ProjectionReport({ data, asOf }: { data: ProjectionsResponse; asOf: string }) {
  const title = (id: string) => data.thresholds.find((t) => t.id === id)?.title ?? id;
  const attention = forecastAttention(data.leaves, data.planned_flop);
  const manual = data.thresholds.filter((t) => !t.numeric);
  const domains = data.domains.filter((d) => data.leaves.some((l) => l.domain === d.id));

  return (
    <>
      <section className="panel" aria-labelledby="proj-summary">
        <h2 id="proj-summary">
          {data.policy.title} <span className="meta">version {data.policy.version}</span>
        </h2>
        <p>{frontierText(data.frontier)}</p>
        {data.family && <p>Fitted on models of the family “{data.family}” only.</p>}
        <h3>Planned run</h3>
        {data.planned_flop === null ? (
          <p className="muted">
            Enter a planned run’s FLOP above to get P(crossing) for every compute threshold.
          </p>
        ) : attention.length === 0 ? (
          <p>
            A planned run of {formatFlop(data.planned_flop)} FLOP is not forecast to cross any threshold (no
            P(crossing) of 50% or more, no 80% crossing interval ending at or below it).
          </p>
        ) : (
          <>
            <p>
              A planned run of {formatFlop(data.planned_flop)} FLOP is forecast to cross {attention.length}{" "}
              threshold{attention.length === 1 ? "" : "s"} (P(crossing) ≥ 50% or the 80% crossing interval
              ends at or below it):
            </p>
            <ul className={styles.attention}>
              {attention.map((a) => (
                <li key={a.threshold}>
                  <span aria-hidden="true">⚠ </span>
                  <strong>{title(a.threshold)}</strong>
                  {a.p_max !== null && <> — P(crossing) {formatPercent(a.p_max)}</>}{" "}
                  {a.calibration === "illustrative" && (
                    <span className="mark mark-illustrative">illustrative</span>
                  )}{" "}
                  via{" "}
                  {a.leaves.map((l, i) => (
                    <span key={l.metric}>
                      {i > 0 && ", "}
                      <a href={`#${leafId({ threshold: a.threshold, metric: l.metric })}`}>{l.metric}</a>
                      {l.warnings.length > 0 && <> (warnings: {l.warnings.join(", ")})</>}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {data.leaves.length === 0 && (
        <p className="state">This policy has no numeric threshold indicator: there is nothing to project.</p>
      )}
      {domains.map((d) => (
        <section key={d.id} aria-labelledby={`dom-${d.id}`}>
          <h2 id={`dom-${d.id}`} style={{ marginTop: "1.5rem" }}>
            {d.title}
          </h2>
          {data.leaves
            .filter((l) => l.domain === d.id)
            .map((l) => (
              <LeafCard key={`${l.threshold}|${l.metric}`} leaf={l} data={data} asOf={asOf} />
            ))}
        </section>
      ))}
      {manual.length > 0 && (
        <section className="panel" aria-labelledby="proj-manual">
          <h2 id="proj-manual">Thresholds without a numeric indicator</h2>
          <p className="muted">Decided by human determination only, so there is no curve to project:</p>
          <ul>
            {manual.map((t) => (
              <li key={t.id}>
                {t.title} <code>{t.id}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
