import Link from "next/link";
import { ToneChip } from "@/app/_components/level-badge";
import { attentionRows } from "@/lib/view/overview-attention";
import { ATTENTION_KINDS } from "@/lib/view/overview-schema";
import type { AttentionKind, ForecastRow, OverviewResponse } from "@/lib/view/overview-schema";
import styles from "./overview.module.css";

const COLUMN: Record<AttentionKind, string> = {
  gate: "Gates that block, pause or restrict",
  safeguard: "Required safeguards",
  reassessment: "Reassessment",
  disagreement: "Disagreeing determinations",
};

/**
 * Gates that stop something, missing safeguards, due reassessments, disagreeing determinations, and
 * the thresholds the next planned run is forecast to cross (one row among the models, by severity).
 */
export function AttentionList({ data }: { data: OverviewResponse }) {
  const { attention, policy, counts } = data;
  const forecast = attention.forecast;
  const rows = attentionRows(attention);
  const kinds = ATTENTION_KINDS;
  return (
    <section className="panel" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention</h2>
      {attention.count === 0 ? (
        <p className="state">Nothing needs attention among the {counts.listed} listed models.</p>
      ) : (
        <p className="meta">
          {attention.count} of the {counts.listed} listed model{counts.listed === 1 ? "" : "s"}{" "}
          {attention.count === 1 ? "has" : "have"} something to act on under {policy.title}
          {attention.count > attention.entries.length
            ? `; the ${attention.entries.length} with the strongest gate outcomes come first. Narrow the filters to see the others.`
            : "."}{" "}
          Each item links to its section of the model page.
        </p>
      )}
      {forecast && <ForecastIntro forecast={forecast} />}
      {rows.length > 0 && (
        <div className="matrix">
          <table className={styles.attention}>
            <caption className="meta" style={{ textAlign: "left" }}>
              What needs attention under {policy.title}, by model and for the next planned run
            </caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                {kinds.map((k) => (
                  <th scope="col" key={k}>
                    {COLUMN[k]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) =>
                r.kind === "forecast" ? (
                  <ForecastTableRow key={r.key} row={r.row} span={kinds.length} />
                ) : (
                  <tr key={r.key}>
                    <th scope="row" className={styles.rowhead}>
                      <Link href={r.entry.model.href} prefetch={false}>
                        {r.entry.model.name}
                      </Link>
                    </th>
                    {r.entry.groups.map((g) => (
                      <td key={g.kind}>
                        {g.items.length > 0 && (
                          <ul className="chips">
                            {g.items.map((it, i) => (
                              <li key={i}>
                                <Link href={it.href} prefetch={false} aria-label={it.label}>
                                  <ToneChip tone={it.tone}>{it.text}</ToneChip>
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ))}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ForecastIntro({ forecast }: { forecast: NonNullable<OverviewResponse["attention"]["forecast"]> }) {
  const { planned } = forecast;
  return (
    <div className={styles.forecastIntro}>
      {planned ? (
        <p className="meta">
          <strong>Forecast for the next planned run</strong>: {planned.text}.{" "}
          {planned.source === "default" && "Set another with planned=<FLOP> in this page's address. "}
          {forecast.note} Forecasts resting on an unreliable fit (too few models, scores stuck at the chance
          floor, scores that do not rise with compute, a crossing extrapolated beyond the data) are listed
          apart, last, and without a probability. Forecasts use every model in the database, whatever the
          filters. Each links to its projection;{" "}
          <Link href={planned.projections_href}>see all projections</Link>.
        </p>
      ) : (
        <p className="meta">{forecast.note}</p>
      )}
    </div>
  );
}

function ForecastTableRow({ row, span }: { row: ForecastRow; span: number }) {
  return (
    <tr>
      <th scope="row" className={styles.rowhead}>
        {row.title}
        <div className="meta">
          {row.kind === "forecast" ? "forecast, not a finding" : "not counted as a forecast crossing"}
        </div>
      </th>
      <td colSpan={span}>
        <ul className={styles.forecast}>
          {row.items.map((it) => (
            <li key={it.threshold}>
              <ToneChip tone={it.tone}>{it.reliable ? "forecast" : "unreliable"}</ToneChip>{" "}
              <Link href={it.href} prefetch={false}>
                {it.text}
              </Link>
              {it.calibration === "illustrative" && (
                <>
                  {" "}
                  <span className="mark mark-illustrative">illustrative</span>
                </>
              )}
              {it.reliable && it.warnings.length > 0 && (
                <span className="meta"> (caveats: {it.warnings.join(", ")})</span>
              )}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
