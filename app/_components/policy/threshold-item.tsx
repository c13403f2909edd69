import { ToneChip } from "@/app/_components/level-badge";
import { levelTone } from "@/lib/view/levels";
import type { Policy, Threshold } from "@/lib/policy/schema";
import {
  earlyWarningText,
  isCapability,
  leafNotes,
  levelRef,
  onMissingText,
  safeguardRef,
  thresholdRef,
} from "@/lib/view/policy";
import { PredicateList } from "./predicate-list";
import { WordingMark } from "./wording-mark";
import styles from "./policy.module.css";

/** One threshold or checkpoint: its wording, indicators and what follows when it counts. */
export function ThresholdItem({
  policy,
  threshold: t,
  levels,
}: {
  policy: Policy;
  threshold: Threshold;
  levels: string[];
}) {
  const headingId = `threshold-${t.id}-heading`;
  const name = t.title ?? t.id;
  const notes = leafNotes(t.when);
  const early = earlyWarningText(t);
  return (
    <article id={`threshold-${t.id}`} className={styles.threshold} aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span>{name}</span>
        {isCapability(t) ? (
          <span>
            <span className="muted">level </span>
            <ToneChip tone={levelTone(levels, t.level)}>{levelRef(policy, t.level).title}</ToneChip>
          </span>
        ) : (
          <span className="chip">checkpoint (raises obligations, not a level)</span>
        )}
        {t.title && <code className="muted">{t.id}</code>}
      </h4>
      <figure className={styles.quote}>
        <blockquote>{t.definition}</blockquote>
        <figcaption>
          {t.locator ? <cite>{t.locator}</cite> : <span>no locator given</span>}
          <WordingMark wording={t.wording} />
        </figcaption>
      </figure>
      <dl className={styles.details}>
        <dt>Indicators</dt>
        <dd>
          {t.when ? (
            <PredicateList predicate={t.when} label={`Indicators of ${name}`} />
          ) : (
            <span>None: only a human determination settles this threshold.</span>
          )}
        </dd>
        {notes.length > 0 && (
          <>
            <dt>Why these numbers</dt>
            <dd>
              <ul>
                {notes.map((n, i) => (
                  <li key={i}>
                    <code>{n.metric}</code>: {n.note}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {t.requires && (
          <>
            <dt>Prerequisites</dt>
            <dd>
              Counts only while{" "}
              {t.requires.map((id, i) => (
                <span key={id}>
                  {i > 0 && (i === t.requires!.length - 1 ? " and " : ", ")}
                  <a href={`#threshold-${id}`}>{thresholdRef(policy, id).title}</a>
                </span>
              ))}{" "}
              count{t.requires.length === 1 ? "s" : ""}; otherwise it is below.
            </dd>
          </>
        )}
        {early && (
          <>
            <dt>Early warning</dt>
            <dd>{early}</dd>
          </>
        )}
        <dt>Missing evidence</dt>
        <dd>{onMissingText(t)}</dd>
        {isCapability(t) ? (
          <>
            <dt>Required safeguards</dt>
            <dd>
              {t.safeguards && t.safeguards.length > 0 ? (
                <ul>
                  {t.safeguards.map((id) => (
                    <li key={id}>
                      <a href={`#safeguard-${id}`}>{safeguardRef(policy, id).title}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                "none"
              )}
            </dd>
          </>
        ) : (
          <>
            <dt>Obligations when it counts</dt>
            <dd>
              <ol>
                {(t.kind === "checkpoint" ? t.obligations : []).map((o, i) => (
                  <li key={i}>{o}</li>
                ))}
              </ol>
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
