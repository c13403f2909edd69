import { ToneChip } from "@/app/_components/level-badge";
import { levelTone } from "@/lib/view/levels";
import type { LevelView } from "@/lib/view/policy";
import styles from "./policy.module.css";

/**
 * The policy's levels, lowest first, each as a chip (text and tone). ToneChip rather than LevelBadge:
 * LevelBadge puts aria-label on a plain span, which axe reports (aria-prohibited-attr, serious).
 */
export function LevelLadder({ levels, label }: { levels: LevelView[]; label: string }) {
  const ids = levels.map((l) => l.id);
  return (
    <ol className={styles.ladder} aria-label={label}>
      {levels.map((l) => (
        <li key={l.id}>
          <ToneChip tone={levelTone(ids, l.id)}>{l.title}</ToneChip>
        </li>
      ))}
    </ol>
  );
}
