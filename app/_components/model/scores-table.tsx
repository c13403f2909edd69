import type { ScoreRowView } from "@/lib/view/model-scores";
import styles from "./model.module.css";

/** Every stored score of the model; each row is a link target of the evidence trace. */
export function ScoresTable({ rows }: { rows: ScoreRowView[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.scores}>
        <caption className={styles.srOnly}>Scores of this model with their sources</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className={styles.num}>
              Value
            </th>
            <th scope="col" className={styles.num}>
              Stderr
            </th>
            <th scope="col" className={styles.num}>
              n
            </th>
            <th scope="col">Mitigation</th>
            <th scope="col">Elicitation</th>
            <th scope="col">Evaluated</th>
            <th scope="col">Source file:row</th>
            <th scope="col">Batch</th>
            <th scope="col">Used by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} id={r.anchor} className={styles.target}>
              <th scope="row">
                <code>{r.metric}</code>
                {r.metricTitle && <div className="meta">{r.metricTitle}</div>}
              </th>
              <td className={styles.num}>{r.value}</td>
              <td className={styles.num}>{r.stderr}</td>
              <td className={styles.num}>{r.n}</td>
              <td>{r.mitigation}</td>
              <td>{r.elicitation}</td>
              <td>{r.evaluatedAt}</td>
              <td>
                <code>{r.source}</code>
                {r.sourceUrl && (
                  <>
                    {" "}
                    <a href={r.sourceUrl} rel="noreferrer">
                      origin<span className={styles.srOnly}> of score {r.id}</span>
                    </a>
                  </>
                )}
                {r.sourceNote && (
                  <details className="meta">
                    <summary>source note</summary>
                    {r.sourceNote}
                  </details>
                )}
              </td>
              <td>
                batch {r.batch}
                <div className="meta">score {r.id}</div>
              </td>
              <td>
                {r.usedBy.length ? (
                  r.usedBy.map((t, i) => (
                    <span key={t}>
                      {i > 0 && ", "}
                      <a href={`#threshold-${t}`}>{t}</a>
                    </span>
                  ))
                ) : (
                  <span className="muted">not read</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
