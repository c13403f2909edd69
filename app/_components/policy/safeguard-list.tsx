import type { SafeguardTrackView } from "@/lib/view/policy";
import { WordingMark } from "./wording-mark";
import styles from "./policy.module.css";

/** Safeguards grouped by track, with the thresholds that require each one. */
export function SafeguardList({ tracks }: { tracks: SafeguardTrackView[] }) {
  if (tracks.length === 0) return <p className="state">This policy names no safeguards.</p>;
  return (
    <>
      {tracks.map((track) => (
        <section key={track.track} aria-labelledby={`track-${track.track}`}>
          <h3 id={`track-${track.track}`}>{track.title} track</h3>
          {track.safeguards.map(({ safeguard: s, wording, requiredBy }) => (
            <article
              key={s.id}
              id={`safeguard-${s.id}`}
              className={styles.safeguard}
              aria-labelledby={`safeguard-${s.id}-heading`}
            >
              <h4 id={`safeguard-${s.id}-heading`}>
                {s.title} <code className="muted">{s.id}</code>
              </h4>
              {s.definition && (
                <figure className={styles.quote}>
                  <blockquote>{s.definition}</blockquote>
                  <figcaption>
                    {s.locator && <cite>{s.locator}</cite>}
                    {wording && <WordingMark wording={s.wording} />}
                  </figcaption>
                </figure>
              )}
              {s.description && <p className={styles.prose}>{s.description}</p>}
              <p className="meta">
                Required by:{" "}
                {requiredBy.length === 0
                  ? "no threshold"
                  : requiredBy.map((t, i) => (
                      <span key={t.id}>
                        {i > 0 && ", "}
                        <a href={`#threshold-${t.id}`}>{t.title}</a>
                      </span>
                    ))}
              </p>
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
