import { ToneChip } from "@/app/_components/level-badge";
import { GATE_TONE } from "@/lib/view/levels";
import type { GateView } from "@/lib/view/policy";
import styles from "./policy.module.css";

/** Each gated action's rules as sentences, in the order the engine tries them. */
export function GateList({ gates }: { gates: GateView[] }) {
  return (
    <>
      {gates.map((g) => {
        const headingId = `gate-${g.action}`;
        return (
          <section key={g.action} aria-labelledby={headingId}>
            <h3 id={headingId}>
              {g.title} <code className="muted">{g.action}</code>
            </h3>
            <ol className={styles.rules} aria-label={`Rules for ${g.title}, first match wins`}>
              {g.rules.map((r) => (
                <li key={r.rule ?? "default"} className={r.rule === null ? styles.fallback : undefined}>
                  <p className={styles.sentence}>
                    {r.lead} → <ToneChip tone={GATE_TONE[r.outcome] ?? "unknown"}>{r.outcomeText}</ToneChip>
                  </p>
                  {r.reason && <p className="meta">{r.reason}</p>}
                  {r.locator && (
                    <p className="meta">
                      <cite>{r.locator}</cite>
                    </p>
                  )}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}
