import type { ReactNode } from "react";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { toComparisonView } from "@/lib/view/policy-compare";
import type {
  ComparisonViewModel,
  GateChangeView,
  RewordedView,
  SideView,
  ThresholdLine,
  WordSegment,
} from "@/lib/view/policy-compare";
import styles from "./policy-compare.module.css";

/** A section's heading id, unique per comparison so two comparisons can share a page. */
export function sectionId(v: Pick<ComparisonViewModel, "from" | "to">, name: string): string {
  return `cmp-${v.from.versionId}-${v.to.versionId}-${name}`;
}

function thresholdHref(side: SideView, id: string): string | null {
  // Only the published version has a page; a retired or draft side's anchor would show other text.
  return side.status === "published"
    ? `/policies/${encodeURIComponent(side.policyId)}#threshold-${encodeURIComponent(id)}`
    : null;
}

function ThresholdName({ side, id, name }: { side: SideView; id: string; name: string }) {
  const href = thresholdHref(side, id);
  return (
    <>
      {href ? <a href={href}>{name}</a> : name}
      {name !== id && (
        <>
          {" "}
          <code className="muted">{id}</code>
        </>
      )}
    </>
  );
}

/** A table that scrolls sideways on narrow screens: a named, focusable region so keyboards can scroll it. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="state">{children}</p>;
}

function Sub({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Words({ segments, kind }: { segments: WordSegment[]; kind: "before" | "after" }) {
  return (
    <>
      {segments.map((s, i) =>
        !s.changed ? (
          <span key={i}>{s.text}</span>
        ) : kind === "before" ? (
          <del key={i}>{s.text}</del>
        ) : (
          <ins key={i}>{s.text}</ins>
        ),
      )}
    </>
  );
}

function ThresholdList({ items, side, empty }: { items: ThresholdLine[]; side: SideView; empty: string }) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className={styles.plain}>
      {items.map((t) => (
        <li key={t.id} className={styles.item}>
          <strong>
            <ThresholdName side={side} id={t.id} name={t.name} />
          </strong>{" "}
          <span className="meta">({t.where})</span>
          <p className={`meta ${styles.definition}`}>{t.definition}</p>
        </li>
      ))}
    </ul>
  );
}

function Reworded({ r, v }: { r: RewordedView; v: ComparisonViewModel }) {
  return (
    <article className={styles.item} aria-label={`Wording of ${r.name}`}>
      <h4>
        <ThresholdName side={v.to} id={r.id} name={r.name} />
        {r.fromId && <span className="meta"> (was {r.fromId})</span>}
      </h4>
      <div className={styles.columns}>
        <div>
          <h5>Before ({v.from.short})</h5>
          <p>
            <Words segments={r.before} kind="before" />
          </p>
        </div>
        <div>
          <h5>After ({v.to.short})</h5>
          <p>
            <Words segments={r.after} kind="after" />
          </p>
        </div>
      </div>
    </article>
  );
}

function Arrow({ from, to }: { from: string; to: string }) {
  return (
    <>
      {from} <span className={styles.arrow}>→ {to}</span>
    </>
  );
}

function GateRules({ rules, version }: { rules: GateChangeView["before"]; version: string }) {
  return (
    <ol className={styles.rules} aria-label={`Rules in ${version}, first match wins`}>
      {rules.map((r, i) => (
        <li
          key={i}
          className={r.mark === "removed" ? styles.removed : r.mark === "added" ? styles.added : undefined}
        >
          {r.mark === "removed" ? "− " : r.mark === "added" ? "+ " : ""}
          {r.text}
          {r.mark !== "kept" && <span className="meta"> ({r.mark})</span>}
        </li>
      ))}
    </ol>
  );
}

function Names({ ids, empty }: { ids: string[]; empty: string }) {
  if (ids.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className={styles.tags}>
      {ids.map((id) => (
        <li key={id}>
          <code>{id}</code>
        </li>
      ))}
    </ul>
  );
}

function AddedRemoved({
  label,
  added,
  removed,
  none,
}: {
  label: string;
  added: string[];
  removed: string[];
  none: string;
}) {
  if (added.length === 0 && removed.length === 0) return <p className="muted">{none}</p>;
  return (
    <dl>
      <dt>
        {label} added ({added.length})
      </dt>
      <dd>
        <Names ids={added} empty="none" />
      </dd>
      <dt>
        {label} removed ({removed.length})
      </dt>
      <dd>
        <Names ids={removed} empty="none" />
      </dd>
    </dl>
  );
}

/** Everything that differs between the two policy texts: thresholds, safeguards, gates, structure. */
export function PolicyDiffView({ data }: { data: PolicyComparison }) {
  const v = toComparisonView(data);
  const id = (name: string) => sectionId(v, name);
  const t = v.thresholds;
  return (
    <>
      <section className="panel" aria-labelledby={id("thresholds")}>
        <h2 id={id("thresholds")}>Thresholds</h2>
        <Sub id={id("thresholds-removed")} title={`Removed (no successor in ${v.to.short})`}>
          <ThresholdList items={t.removed} side={v.from} empty="No thresholds were removed." />
        </Sub>
        <Sub id={id("thresholds-added")} title={`Added in ${v.to.short}`}>
          <ThresholdList items={t.added} side={v.to} empty="No thresholds were added." />
        </Sub>
        <Sub id={id("thresholds-continued")} title="Continued under a new id">
          {t.continued.length === 0 ? (
            <Empty>No threshold continues under a new id.</Empty>
          ) : (
            <ul className={styles.plain}>
              {t.continued.map((c) => (
                <li key={`${c.fromId}-${c.into.join(",")}`}>
                  <code>{c.fromId}</code> ({v.from.short}) {c.relation}{" "}
                  {c.into.map((into, i) => (
                    <span key={into}>
                      {i > 0 && ", "}
                      <ThresholdName side={v.to} id={into} name={into} />
                    </span>
                  ))}{" "}
                  ({v.to.short})
                  {c.alsoChanged && <span className="meta"> · also changed: {c.alsoChanged}</span>}
                </li>
              ))}
            </ul>
          )}
        </Sub>
        <Sub id={id("thresholds-reworded")} title="Reworded">
          {t.reworded.length === 0 ? (
            <Empty>No threshold was reworded.</Empty>
          ) : (
            <>
              <p className="meta">
                The older wording on the left, the newer on the right. Words only in the older wording are
                struck through; words only in the newer one are underlined.
              </p>
              {t.reworded.map((r) => (
                <Reworded key={r.id} r={r} v={v} />
              ))}
            </>
          )}
        </Sub>
        <Sub id={id("thresholds-numbers")} title="Numbers and levels changed">
          {t.numbers.length === 0 ? (
            <Empty>No number or level of a threshold changed.</Empty>
          ) : (
            <ScrollRegion label="Numbers and levels changed, table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Threshold</th>
                    <th scope="col">What</th>
                    <th scope="col">{v.from.short}</th>
                    <th scope="col">{v.to.short}</th>
                    <th scope="col">Number from</th>
                  </tr>
                </thead>
                <tbody>
                  {t.numbers.map((n, i) => (
                    <tr key={i}>
                      <th scope="row">
                        <ThresholdName side={v.to} id={n.thresholdId} name={n.threshold} />
                      </th>
                      <td>
                        <code>{n.what}</code>
                      </td>
                      <td>{n.from}</td>
                      <td>→ {n.to}</td>
                      <td>{n.calibration ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Sub>
        <Sub id={id("thresholds-other")} title="Other changes to thresholds">
          {t.fields.length === 0 ? (
            <Empty>Nothing else about a threshold changed.</Empty>
          ) : (
            <ScrollRegion label="Other changes to thresholds, table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Threshold</th>
                    <th scope="col">What</th>
                    <th scope="col">From → to</th>
                  </tr>
                </thead>
                <tbody>
                  {t.fields.map((f, i) => (
                    <tr key={i}>
                      <th scope="row">
                        <ThresholdName side={v.to} id={f.thresholdId} name={f.threshold} />
                      </th>
                      <td>{f.field}</td>
                      <td>
                        <Arrow from={f.from} to={f.to} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Sub>
      </section>

      <section className="panel" aria-labelledby={id("safeguards")}>
        <h2 id={id("safeguards")}>Required safeguards</h2>
        <AddedRemoved
          label="Safeguards"
          added={v.safeguards.added}
          removed={v.safeguards.removed}
          none="No safeguard was added or removed."
        />
        <h3 id={id("safeguards-changed")}>Safeguards reworded or moved</h3>
        {v.safeguards.changed.length === 0 ? (
          <Empty>No safeguard present in both versions changed.</Empty>
        ) : (
          <ul className={styles.plain}>
            {v.safeguards.changed.map((s, i) => (
              <li key={i}>
                <code>{s.id}</code>, {s.field}: <Arrow from={s.from} to={s.to} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby={id("gates")}>
        <h2 id={id("gates")}>Gates</h2>
        <AddedRemoved
          label="Gates"
          added={v.gates.added}
          removed={v.gates.removed}
          none="No gate was added or removed."
        />
        <h3 id={id("gates-changed")}>Gates whose rules changed</h3>
        {v.gates.changed.length === 0 ? (
          <Empty>No gate present in both versions changed its rules.</Empty>
        ) : (
          v.gates.changed.map((g) => (
            <article key={g.action} className={styles.item} aria-label={`Gate ${g.action}`}>
              <h4>
                <code>{g.action}</code>
              </h4>
              <div className={styles.columns}>
                <div>
                  <h5>Before ({v.from.short})</h5>
                  <GateRules rules={g.before} version={v.from.short} />
                </div>
                <div>
                  <h5>After ({v.to.short})</h5>
                  <GateRules rules={g.after} version={v.to.short} />
                </div>
              </div>
            </article>
          ))
        )}
      </section>

      <section className="panel" aria-labelledby={id("structure")}>
        <h2 id={id("structure")}>Levels, domains, metrics and reassessment</h2>
        <AddedRemoved
          label="Levels"
          added={v.levels.added}
          removed={v.levels.removed}
          none="The levels are the same."
        />
        {v.levels.reordered && <p>The levels both versions share are in a different order.</p>}
        <AddedRemoved
          label="Domains"
          added={v.domains.added}
          removed={v.domains.removed}
          none="The domains are the same."
        />
        <AddedRemoved
          label="Metrics"
          added={v.metrics.added}
          removed={v.metrics.removed}
          none="The metrics read are the same."
        />
        <p>
          Reassessment cadence:{" "}
          {v.cadence ? (
            <Arrow from={v.cadence.from} to={v.cadence.to} />
          ) : (
            <span className="muted">unchanged</span>
          )}
        </p>
      </section>
    </>
  );
}
