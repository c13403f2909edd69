import type { SafeguardView } from "@/lib/view/model-status";
import styles from "./model.module.css";

export function SafeguardsTable({ safeguards }: { safeguards: SafeguardView[] }) {
  if (safeguards.length === 0) return <p className="muted">This policy names no safeguards.</p>;
  return (
    <div className={styles.tableWrap}>
      <table>
        <caption className={styles.srOnly}>Safeguards and their attestations</caption>
        <thead>
          <tr>
            <th scope="col">Safeguard</th>
            <th scope="col">Track</th>
            <th scope="col">Required by</th>
            <th scope="col">Status</th>
            <th scope="col">Attestation</th>
            <th scope="col">Expiry</th>
          </tr>
        </thead>
        <tbody>
          {safeguards.map((s) => (
            <tr key={s.id} id={`safeguard-${s.id}`} className={styles.target}>
              <th scope="row">
                {s.title}
                <div className="meta">
                  <code>{s.id}</code>
                </div>
              </th>
              <td>{s.track}</td>
              <td>
                {s.required ? (
                  <ul className="chips">
                    {s.requiredBy.map((r) => (
                      <li key={r.id}>
                        <a href={r.href}>{r.id}</a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">not required now</span>
                )}
              </td>
              <td>
                <span
                  className={`badge tone-${s.required ? s.tone : s.status === "attested" ? "baseline" : "unknown"}`}
                >
                  <span aria-hidden="true">{s.symbol} </span>
                  {s.label}
                </span>
              </td>
              <td>
                {s.attestation ? (
                  <>
                    {s.attestation.status} · by {s.attestation.by} on{" "}
                    <time dateTime={s.attestation.at}>{s.attestation.at}</time>
                  </>
                ) : (
                  <span className="muted">none on record</span>
                )}
              </td>
              <td>{s.attestation ? s.attestation.expiry : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
