import type { PolicyComparison } from "@/lib/api/policy-compare";
import { toComparisonView } from "@/lib/view/policy-compare";
import type { ModelGroupView, PairText } from "@/lib/view/policy-compare";
import { ScrollRegion, sectionId } from "./diff-sections";
import styles from "./policy-compare.module.css";

const SHOWN_MODELS = 8;
const SHOWN_SAFEGUARDS = 6;

function Pair({ p }: { p: PairText | null }) {
  if (!p) return <span className="muted">same</span>;
  return (
    <>
      {p.from} <span className={styles.arrow}>→ {p.to}</span>
    </>
  );
}

function Models({ group }: { group: ModelGroupView }) {
  const link = (m: ModelGroupView["models"][number]) => (
    <li key={m.id}>
      <a href={m.href}>{m.id}</a>
    </li>
  );
  const first = group.models.slice(0, SHOWN_MODELS);
  const rest = group.models.slice(SHOWN_MODELS);
  return (
    <>
      <p className="meta">
        {group.models.length} model{group.models.length === 1 ? "" : "s"}
      </p>
      <ul className={styles.cellList}>{first.map(link)}</ul>
      {rest.length > 0 && (
        <details>
          <summary>and {rest.length} more</summary>
          <ul className={styles.cellList}>{rest.map(link)}</ul>
        </details>
      )}
    </>
  );
}

function IdList({ label, ids }: { label: string; ids: string[] }) {
  if (ids.length === 0) return null;
  const first = ids.slice(0, SHOWN_SAFEGUARDS);
  const rest = ids.slice(SHOWN_SAFEGUARDS);
  return (
    <div>
      <span className="muted">
        {label} ({ids.length}):
      </span>{" "}
      {first.map((id, i) => (
        <span key={id}>
          {i > 0 && ", "}
          <code>{id}</code>
        </span>
      ))}
      {rest.length > 0 && (
        <details>
          <summary>and {rest.length} more</summary>
          {rest.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              <code>{id}</code>
            </span>
          ))}
        </details>
      )}
    </div>
  );
}

function Domains({ group }: { group: ModelGroupView }) {
  if (group.domains.length === 0) return <span className="muted">same</span>;
  return (
    <ul className={styles.cellList}>
      {group.domains.map((d) => (
        <li key={d.id}>
          <code>{d.id}</code>:{" "}
          {d.pre && d.post && d.pre.text === d.post.text ? (
            <>
              <Pair p={d.pre} /> <span className="meta">(before and after mitigation)</span>
            </>
          ) : (
            <>
              {d.pre && (
                <>
                  <Pair p={d.pre} /> <span className="meta">(before mitigation)</span>
                </>
              )}
              {d.pre && d.post && "; "}
              {d.post && (
                <>
                  <Pair p={d.post} /> <span className="meta">(after mitigation)</span>
                </>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The models whose level, required safeguards or gate outcomes differ between the two versions, one
 * row per distinct change with every model that shares it (each linked to its page).
 */
export function ModelChangesView({ data }: { data: PolicyComparison }) {
  const v = toComparisonView(data);
  const m = v.models;
  const heading = sectionId(v, "models");
  return (
    <section className="panel" aria-labelledby={heading}>
      <h2 id={heading}>Models that change</h2>
      <p className="meta">
        {m.evaluated} model{m.evaluated === 1 ? "" : "s"} evaluated under both versions as of{" "}
        <time dateTime={m.asOf}>{m.asOf}</time>, each with the determinations and attestations recorded for
        that version. {m.changed} differ in level, required safeguards or gate outcomes
        {m.groups.length > 0 ? `, in ${m.groups.length} distinct way${m.groups.length === 1 ? "" : "s"}` : ""}
        .
      </p>
      {m.levelNamesDiffer && m.groups.length > 0 && (
        <p className="meta">
          The two versions name their levels differently, so a level shown as changed may be the same rung
          under a new name: read the levels of both versions before concluding a model moved.
        </p>
      )}
      {m.groups.length === 0 ? (
        <p className="state">
          {m.evaluated === 0
            ? "No model is stored, so no model could be evaluated."
            : "No model's level, required safeguards or gate outcomes differ between the two versions."}
        </p>
      ) : (
        <ScrollRegion label="Models that change, table">
          <table>
            <caption className="sr-only">
              Models that change from {v.from.short} to {v.to.short}, grouped by the change they share
            </caption>
            <thead>
              <tr>
                <th scope="col">Models</th>
                <th scope="col">Level before mitigation</th>
                <th scope="col">Level after mitigation</th>
                <th scope="col">Domain levels</th>
                <th scope="col">Required safeguards</th>
                <th scope="col">Gate outcomes</th>
              </tr>
            </thead>
            <tbody>
              {m.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    <Models group={g} />
                  </th>
                  <td>
                    <Pair p={g.levelPre} />
                  </td>
                  <td>
                    <Pair p={g.levelPost} />
                  </td>
                  <td>
                    <Domains group={g} />
                  </td>
                  <td>
                    {g.safeguardsAdded.length === 0 && g.safeguardsRemoved.length === 0 ? (
                      <span className="muted">same</span>
                    ) : (
                      <>
                        <IdList label="now required" ids={g.safeguardsAdded} />
                        <IdList label="no longer required" ids={g.safeguardsRemoved} />
                      </>
                    )}
                  </td>
                  <td>
                    {g.gates.length === 0 ? (
                      <span className="muted">same</span>
                    ) : (
                      <ul className={styles.cellList}>
                        {g.gates.map((x) => (
                          <li key={x.action}>
                            <code>{x.action}</code>: <Pair p={x.change} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
