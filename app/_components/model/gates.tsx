import type { CadenceView, GateView, ObligationView } from "@/lib/view/model-status";
import styles from "./model.module.css";

export function GatesTable({ gates }: { gates: GateView[] }) {
  if (gates.length === 0) return <p className="muted">This policy defines no gates.</p>;
  return (
    <div className={styles.tableWrap}>
      <table>
        <caption className={styles.srOnly}>Gate outcomes</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Matched</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {gates.map((g) => (
            <tr key={g.action} id={`gate-${g.action}`} className={styles.target}>
              <th scope="row">{g.action}</th>
              <td>
                <span className={`badge tone-${g.tone}`}>
                  <span aria-hidden="true">{g.symbol} </span>
                  {g.outcomeLabel}
                </span>
              </td>
              <td>{g.rule}</td>
              <td>
                {g.reasons.length ? (
                  <ul>
                    {g.reasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">no reason given</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ObligationsList({ obligations }: { obligations: ObligationView[] }) {
  if (obligations.length === 0) return <p className="muted">No open obligations.</p>;
  return (
    <ul>
      {obligations.map((o, i) => (
        <li key={i}>
          {o.text}{" "}
          <span className="meta">
            (from <a href={o.href}>{o.threshold}</a>, {o.basis})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function CadenceSummary({ cadence }: { cadence: CadenceView }) {
  return (
    <>
      <p>
        <span className={`badge tone-${cadence.tone}`}>
          <span aria-hidden="true">{cadence.symbol} </span>
          {cadence.label}
        </span>{" "}
        <span className="meta">
          Next due: {cadence.nextDue} · {cadence.basis}
        </span>
      </p>
      {cadence.reasons.length > 0 && (
        <ul>
          {cadence.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
    </>
  );
}
