import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { getOverviewContext } from "@/db/views/overview";
import { LevelBadge, MarkerLegend } from "@/app/_components/level-badge";
import { buildCompare, parseCompareParams, suggestedPair } from "@/lib/view/overview-compare";
import type { CompareView } from "@/lib/view/overview-compare";
import { compareHref } from "@/lib/view/overview-links";
import type { RawParams } from "@/lib/view/overview-params";
import { ComparePicker } from "./compare-picker";
import styles from "./compare.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare" };

export default async function ComparePage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { source, evidence } = getOverviewContext(getDb());
  const { params, notes } = parseCompareParams(await searchParams, {
    models: source.models.map((m) => m.id),
    policies: source.policies.map((p) => p.id),
  });
  const view = buildCompare(source, params);
  const first = source.policies[0];
  const example = first ? suggestedPair(source.models, evidence.get(first.id) ?? new Set()) : [];

  return (
    <>
      <h1>Compare models</h1>
      <p className="lede">
        Two or more models side by side in every domain: levels before and after mitigation, the evidenced
        level, and each threshold&apos;s status with the indicator values behind it. Rows where the models
        differ are marked <span className={styles.differsMark}>≠ differs</span> and set in bold.
      </p>
      {notes.length > 0 && (
        <div className={styles.notes} role="status">
          {notes.map((n, i) => (
            <p key={i}>{n.message}</p>
          ))}
        </div>
      )}
      {view.unknown.length > 0 && (
        <div className="error" role="alert">
          <p>
            <strong>
              Unknown model id{view.unknown.length === 1 ? "" : "s"}: {view.unknown.join(", ")}.
            </strong>{" "}
            No model in the database has {view.unknown.length === 1 ? "this id" : "these ids"}; check the
            spelling or pick a model from the list below.
          </p>
        </div>
      )}
      <ComparePicker
        models={source.models.map((m) => ({ id: m.id, name: m.name }))}
        selected={view.models.map((m) => m.id)}
        policy={view.policy}
        policies={source.policies.map((p) => ({ id: p.id, title: p.title }))}
        onlyDifferences={view.only_differences}
      />
      {view.models.length > 0 && (
        <ul className={styles.chosen} aria-label="Compared models">
          {view.models.map((m) => (
            <li key={m.id}>
              <Link href={m.href} prefetch={false}>
                {m.name}
              </Link>{" "}
              <span className="meta">{[m.developer, m.release_date].filter(Boolean).join(" · ")}</span>{" "}
              <Link href={m.remove_href} aria-label={`Remove ${m.name} from the comparison`}>
                remove
              </Link>
            </li>
          ))}
        </ul>
      )}
      {view.models.length < 2 ? (
        <div className="state">
          <p>
            Choose at least two models to compare
            {view.models.length === 1 ? ` (${view.models[0]!.name} is chosen)` : ""}.
          </p>
          {example.length === 2 && (
            <p>
              For example:{" "}
              <Link href={compareHref(example.map((m) => m.id))}>
                {example[0]!.name} and {example[1]!.name}
              </Link>
              .
            </p>
          )}
        </div>
      ) : (
        <>
          <p>
            <Link href={view.toggle_differences_href}>
              {view.only_differences ? "Show every row" : "Show only the rows that differ"}
            </Link>
          </p>
          <MarkerLegend />
          {view.policies.map((p) => (
            <PolicyComparison key={p.id} policy={p} view={view} />
          ))}
        </>
      )}
    </>
  );
}

function PolicyComparison({ policy, view }: { policy: CompareView["policies"][number]; view: CompareView }) {
  const headingId = `policy-${policy.id}`;
  const levelIds = policy.levels.map((l) => l.id);
  const columns = view.models.length + 1;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{policy.title}</h2>
      <p className="meta">
        Version {policy.version} · {policy.differing} row{policy.differing === 1 ? "" : "s"} differ
        {policy.differing === 1 ? "s" : ""}
      </p>
      {policy.groups.length === 0 ? (
        <p className="state">The models do not differ under this policy.</p>
      ) : (
        <div className="matrix">
          <table>
            <caption className="meta" style={{ textAlign: "left" }}>
              {view.models.map((m) => m.name).join(" vs ")} under {policy.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                {view.models.map((m) => (
                  <th scope="col" key={m.id}>
                    {m.name}
                  </th>
                ))}
              </tr>
            </thead>
            {policy.groups.map((g) => (
              <tbody key={g.id}>
                <tr>
                  <th scope="rowgroup" colSpan={columns} className={styles.group}>
                    {g.title}
                  </th>
                </tr>
                {g.rows.map((r) => (
                  <tr key={r.id} className={r.differs ? styles.differs : undefined}>
                    <th scope="row" className={styles.rowhead}>
                      {r.label}
                      {r.differs && <span className={styles.differsMark}>≠ differs</span>}
                    </th>
                    {r.cells.map((c, i) => (
                      <td key={view.models[i]?.id ?? i}>
                        <Link href={c.href} prefetch={false} aria-label={c.label} className={styles.cell}>
                          <LevelBadge level={c.text} levels={levelIds} tone={c.tone} markers={c.markers} />
                        </Link>
                        {c.values.length > 0 && (
                          <ul className={styles.values}>
                            {c.values.map((v, j) => (
                              <li key={j}>{r.differs ? <strong>{v}</strong> : v}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}
