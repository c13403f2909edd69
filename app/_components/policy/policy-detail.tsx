import Link from "next/link";
import type { PublishedPolicy } from "@/db/policies";
import {
  aggregateText,
  cadenceText,
  calibrationCounts,
  calibrationText,
  gateViews,
  levelViews,
  policyName,
  rollupText,
  safeguardsByTrack,
} from "@/lib/view/policy";
import { GateList } from "./gate-list";
import { LevelLadder } from "./level-ladder";
import { SafeguardList } from "./safeguard-list";
import { ThresholdItem } from "./threshold-item";
import styles from "./policy.module.css";

const SECTIONS = [
  ["levels", "Levels"],
  ["domains", "Domains and thresholds"],
  ["safeguards", "Safeguards"],
  ["gates", "Gates"],
  ["cadence", "Reassessment"],
  ["metrics", "Metrics"],
  ["notes", "Notes"],
  ["source", "YAML source"],
] as const;

/** A published policy version, readable without knowing the YAML. */
export function PolicyDetail({
  published: { row, policy },
  supersedesTitle,
}: {
  published: PublishedPolicy;
  supersedesTitle: string | null;
}) {
  const levels = levelViews(policy);
  const levelIds = levels.map((l) => l.id);
  const numbers = calibrationCounts(policy);
  return (
    <article aria-labelledby="policy-title">
      <nav aria-label="Breadcrumb" className="meta">
        <Link href="/policies">Policies</Link> / {policy.id}
      </nav>
      <h1 id="policy-title">{policyName(policy.title, policy.version)}</h1>
      <p className="meta">
        {policy.publisher} · version {policy.version} · published{" "}
        <time dateTime={policy.published}>{policy.published}</time>
        {policy.effective && (
          <>
            {" "}
            · effective <time dateTime={policy.effective}>{policy.effective}</time>
          </>
        )}
        {policy.supersedes && (
          <>
            {" "}
            · supersedes{" "}
            {supersedesTitle ? (
              <Link href={`/policies/${policy.supersedes}`}>{supersedesTitle}</Link>
            ) : (
              <code>{policy.supersedes}</code>
            )}
          </>
        )}{" "}
        · <a href={policy.source}>framework text</a>
        {row.publishedAt && ` · in force here since ${row.publishedAt.slice(0, 10)}`}
      </p>
      <p>
        <Link href={`/policies/${policy.id}/edit`}>Edit policy</Link>{" "}
        <span className="meta">(drafts, review of what a change moves, publishing)</span>
      </p>
      {policy.supersedes && supersedesTitle && (
        <p>
          <Link href={`/policies/diff?from=${policy.supersedes}&to=${policy.id}`}>
            What changed since {supersedesTitle}
          </Link>
        </p>
      )}
      {policy.summary && <p className="lede">{policy.summary}</p>}
      <p className="meta">
        Numbers: {calibrationText(numbers)}. A number marked{" "}
        <span className="mark mark-illustrative">illustrative</span> was chosen by the policy author; one
        marked <span className="mark mark-framework">framework</span> is stated in the framework text.
      </p>
      <nav aria-label="On this page" className={styles.toc}>
        <ul>
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section id="levels" className="panel" aria-labelledby="levels-heading">
        <h2 id="levels-heading">Levels</h2>
        <LevelLadder levels={levels} label={`Levels of ${policy.title}, lowest first`} />
        <ol className={styles.levels}>
          {levels.map((l, i) => (
            <li key={l.id}>
              <strong>{l.title}</strong> <code className="muted">{l.id}</code>
              {i === 0 && <span className="muted"> (baseline: no threshold counts)</span>}
              {l.description && <p className="meta">{l.description}</p>}
            </li>
          ))}
        </ol>
        <p>{rollupText(policy)}</p>
        <p>{aggregateText(policy)}</p>
      </section>

      <section id="domains" className="panel" aria-labelledby="domains-heading">
        <h2 id="domains-heading">Domains and thresholds</h2>
        <p className="meta">
          A threshold counts when its indicators are reached or cannot be ruled out, or when a person has
          determined so. A counted threshold raises its domain to its level; a counted checkpoint opens its
          obligations.
        </p>
        {policy.domains.map((d) => (
          <section key={d.id} aria-labelledby={`domain-${d.id}`}>
            <h3 id={`domain-${d.id}`}>
              {d.title} <code className="muted">{d.id}</code>
            </h3>
            {d.description && <p className={`meta ${styles.prose}`}>{d.description}</p>}
            {d.thresholds.map((t) => (
              <ThresholdItem key={t.id} policy={policy} threshold={t} levels={levelIds} />
            ))}
          </section>
        ))}
      </section>

      <section id="safeguards" className="panel" aria-labelledby="safeguards-heading">
        <h2 id="safeguards-heading">Safeguards</h2>
        <p className="meta">
          A counted capability threshold requires its safeguards. Gates ask whether they are attested, for all
          tracks or for one.
        </p>
        <SafeguardList tracks={safeguardsByTrack(policy)} />
      </section>

      <section id="gates" className="panel" aria-labelledby="gates-heading">
        <h2 id="gates-heading">Gates</h2>
        <p className="meta">
          For each action the rules are tried in order and the first that holds decides. When none holds, the
          action is blocked: gates fail closed.
        </p>
        <GateList gates={gateViews(policy)} />
      </section>

      <section id="cadence" className="panel" aria-labelledby="cadence-heading">
        <h2 id="cadence-heading">Reassessment</h2>
        <p>{cadenceText(policy.cadence)}</p>
        {policy.cadence?.locator && (
          <p className="meta">
            <cite>{policy.cadence.locator}</cite>
          </p>
        )}
      </section>

      <section id="metrics" className="panel" aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Metrics</h2>
        {policy.metrics.length === 0 ? (
          <p className="state">
            This policy reads no metric: only human determinations settle its thresholds.
          </p>
        ) : (
          <div className={styles.scroll} role="region" aria-label="Metrics table" tabIndex={0}>
            <table>
              <caption className="meta">Metrics {policy.title} reads</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Riskier when</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {policy.metrics.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <code>{m.id}</code>
                      {m.title && <div>{m.title}</div>}
                    </th>
                    <td>{m.domain}</td>
                    <td>{m.unit}</td>
                    <td>{m.higher_is_riskier ? "higher" : "lower"}</td>
                    <td>{m.source ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section id="notes" className="panel" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        {policy.notes ? (
          <p className={styles.prose}>{policy.notes}</p>
        ) : (
          <p className="state">The policy author left no notes.</p>
        )}
      </section>

      <section id="source" className={`panel ${styles.source}`} aria-labelledby="source-heading">
        <h2 id="source-heading">YAML source</h2>
        <details>
          <summary>
            Show the published file (version {row.version}, sha256{" "}
            <code className={styles.hash}>{row.sha256}</code>)
          </summary>
          <pre tabIndex={0} aria-label={`YAML source of ${policy.id} version ${row.version}`}>
            {row.yaml}
          </pre>
        </details>
      </section>
    </article>
  );
}
