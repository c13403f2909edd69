import type { TraceAnomaly, TraceRow } from "@/lib/view/model-trace";
import styles from "./model.module.css";
import { StatusChip } from "./status-chip";

/** Every leaf of one threshold's indicator, and its prerequisites, as checkable rows. */
export function TraceTable({ rows, caption }: { rows: TraceRow[]; caption: string }) {
  const metricRows = rows.filter((r) => r.kind === "metric");
  const refRows = rows.filter((r) => r.kind === "threshold");
  const contextRows = rows.filter((r) => r.kind === "context");
  return (
    <>
      {refRows.length > 0 && (
        <ul>
          {refRows.map((r) => (
            <li key={r.key}>
              {r.prerequisite ? "Prerequisite (requires)" : "Threshold in the indicator"}:{" "}
              <a href={r.href}>{r.threshold}</a> — <StatusChip label={r.statusLabel} tone={r.tone} />{" "}
              <span className="meta">{r.countedText}</span>
            </li>
          ))}
        </ul>
      )}
      {contextRows.length > 0 && (
        <ul>
          {contextRows.map((r) => (
            <li key={r.key}>
              {r.description} — <StatusChip label={r.statusLabel} tone={r.tone} />
            </li>
          ))}
        </ul>
      )}
      {metricRows.length > 0 && (
        <div className={styles.tableWrap}>
          <table className={styles.trace}>
            <caption className={styles.srOnly}>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className={styles.num}>
                  Value ± stderr
                </th>
                <th scope="col">95% interval</th>
                <th scope="col">Threshold</th>
                <th scope="col">Margin</th>
                <th scope="col">Calibration</th>
                <th scope="col">Indicates</th>
                <th scope="col">Score used (source file:row, batch)</th>
              </tr>
            </thead>
            <tbody>
              {metricRows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    <code>{r.metric}</code>
                    {r.mitigation !== "—" && <div className="meta">mitigation: {r.mitigation}</div>}
                    {r.note && <div className="meta">{r.note}</div>}
                    {r.anomaly && <AnomalyFlag anomaly={r.anomaly} />}
                  </th>
                  <td className={styles.num}>{r.measured}</td>
                  <td>{r.interval}</td>
                  <td className={styles.num}>{r.condition}</td>
                  <td>
                    {r.margin} <span className="meta">({r.marginWords})</span>
                  </td>
                  <td>
                    <span className={`mark mark-${r.calibration}`}>{r.calibration}</span>
                  </td>
                  <td>
                    <StatusChip label={r.statusLabel} tone={r.tone} />
                  </td>
                  <td>
                    {r.scores.length === 0 && <span className="muted">no score</span>}
                    <ul className="chips">
                      {r.scores.map((s, i) => (
                        <li key={s.id ?? i}>
                          {s.href ? (
                            <a href={s.href}>score {s.id}</a>
                          ) : (
                            <span>score {s.id ?? "(no id)"}</span>
                          )}
                          {" · "}
                          <code>{s.source}</code>
                          {s.batch !== null && <> · batch {s.batch}</>}
                          {s.elicitation && <> · {s.elicitation}</>}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length === 0 && (
        <p className="muted">No indicator: only a human determination settles this threshold.</p>
      )}
    </>
  );
}

/** Outside the other models' interval (a flag in words, with a symbol that only repeats it), or not checked. */
function AnomalyFlag({ anomaly }: { anomaly: TraceAnomaly }) {
  if (anomaly.status === "not_checked") return <div className="meta">{anomaly.text}</div>;
  return (
    <div className={styles.anomaly} data-testid="anomaly-flag">
      <span className="badge tone-unknown">
        <span aria-hidden="true">⚑ </span>
        {anomaly.status === "below" ? "anomaly: below" : "anomaly: above"}
      </span>{" "}
      {anomaly.text}
      {anomaly.detail && <div className="meta">{anomaly.detail}</div>}
    </div>
  );
}
