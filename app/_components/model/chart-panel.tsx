import type { ComputeScatter as ComputeScatterData } from "@/lib/view/chart";
import { formatFlop, formatNumber } from "@/lib/view/model-format";
import { ComputeScatter } from "./compute-scatter";
import styles from "./model.module.css";

/**
 * The metric picker is a plain GET form: it works without JavaScript and keeps the policy tab.
 * The chart itself is the only client part.
 */
export function ChartPanel({
  data,
  modelName,
  policyId,
  options,
}: {
  data: ComputeScatterData | null;
  modelName: string;
  policyId: string | null;
  options: { id: string; title: string | null; inPolicy: boolean }[];
}) {
  const chosen = options.find((o) => o.id === data?.metric);
  const metricLabel = chosen?.title ? `${chosen.title} (${chosen.id})` : (data?.metric ?? "");
  const plotted = data ? data.points.length + (data.highlighted ? 1 : 0) : 0;
  return (
    <>
      <form method="get" action="#chart" className="filters">
        {policyId && <input type="hidden" name="policy" value={policyId} />}
        <label>
          Metric
          <select name="metric" defaultValue={data?.metric ?? undefined}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id}
                {o.inPolicy ? " (read by this policy)" : ""}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Plot metric</button>
      </form>
      {!data ? (
        <p className="state">No metric to plot: neither this model nor the policy has one.</p>
      ) : (
        <figure style={{ margin: 0 }}>
          <figcaption>
            <strong>{metricLabel}</strong> against training compute: {modelName} and {data.points.length}{" "}
            other model{data.points.length === 1 ? "" : "s"}
            {data.thresholds.length > 0 ? ", with this policy's threshold values as dashed lines" : ""}.
          </figcaption>
          {plotted > 0 ? (
            <ComputeScatter data={data} modelName={modelName} metricLabel={metricLabel} />
          ) : (
            <p className="state">No model with a training compute has a score on this metric.</p>
          )}
          <ul className={styles.chartLegend} aria-label="Chart legend">
            <li>
              <span className={styles.swatchThis} aria-hidden="true">
                ★{" "}
              </span>
              {data.highlighted ? (
                <>
                  <strong>{modelName} (this model)</strong>: {formatNumber(data.highlighted.y)} at{" "}
                  {formatFlop(data.highlighted.flop)}
                </>
              ) : data.highlight === "no-compute" ? (
                <>
                  <strong>{modelName} (this model)</strong>: not plotted, no training compute on record
                </>
              ) : (
                <>
                  <strong>{modelName} (this model)</strong>: no pre-mitigation score on this metric
                </>
              )}
            </li>
            <li>
              <span className={styles.swatchOther} aria-hidden="true">
                ●{" "}
              </span>
              other models ({data.points.length})
            </li>
            {data.thresholds.map((t) => (
              <li key={t.label}>
                <span className={styles.swatchLine} aria-hidden="true">
                  ‐‐{" "}
                </span>
                {t.label}, risky {t.riskySide}
              </li>
            ))}
          </ul>
          {data.notPlotted > 0 && (
            <p className="meta">
              not plotted: {data.notPlotted} model{data.notPlotted === 1 ? "" : "s"} without training compute
            </p>
          )}
          <details>
            <summary>Chart data as a table</summary>
            <div className={styles.tableWrap}>
              <table>
                <caption className={styles.srOnly}>Points of the chart</caption>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Training compute</th>
                    <th scope="col" className={styles.num}>
                      Score
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...(data.highlighted ? [data.highlighted] : []), ...data.points].map((p) => (
                    <tr key={p.model}>
                      <th scope="row">
                        {p.name}
                        {p.highlighted ? " (this model)" : ""}
                      </th>
                      <td>{formatFlop(p.flop)}</td>
                      <td className={styles.num}>{formatNumber(p.y)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </figure>
      )}
    </>
  );
}
