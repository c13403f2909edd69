import Link from "next/link";
import type { PointTable } from "@/lib/view/projection-summary";
import styles from "./projections.module.css";

/** The chart's table alternative: every model with its numbers and a link to its page. */
export function PointsTable({ table, caption }: { table: PointTable; caption: string }) {
  if (table.rows.length === 0) return <p className="muted">No model has a score on this metric.</p>;
  return (
    <details>
      <summary>Data table ({table.rows.length} models)</summary>
      <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="meta" style={{ textAlign: "left" }}>
            {caption}
          </caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link href={r.href} prefetch={false}>
                    {r.id}
                  </Link>
                </th>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
