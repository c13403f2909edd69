import type { Predicate } from "@/lib/policy/schema";
import { predicateLines } from "@/lib/view/policy";
import styles from "./policy.module.css";

const DEPTH = [undefined, styles.depth1, styles.depth2, styles.depth3, styles.depth4];

const CALIBRATION_HINT = {
  framework: "the framework states this number",
  illustrative: "the policy author chose this number; the framework does not state it",
} as const;

/** An indicator predicate as nested lines; every number carries its calibration as a word. */
export function PredicateList({ predicate, label }: { predicate: Predicate; label: string }) {
  return (
    <ul className={styles.predicate} aria-label={label}>
      {predicateLines(predicate).map((line, i) => (
        <li key={i} className={DEPTH[Math.min(line.depth, DEPTH.length - 1)]}>
          <code>{line.text}</code>
          {line.calibration && (
            <span className={`mark mark-${line.calibration}`} title={CALIBRATION_HINT[line.calibration]}>
              {line.calibration}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
