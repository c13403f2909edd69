import Link from "next/link";
import type { OverviewResponse } from "@/lib/view/overview-schema";
import { LevelCellLink } from "./level-cell";
import styles from "./overview.module.css";

function ModelHeader({ model }: { model: OverviewResponse["rows"][number]["model"] }) {
  return (
    <th scope="row" className={styles.rowhead}>
      <Link href={model.href} prefetch={false}>
        {model.name}
      </Link>
      {model.developer && <div className="meta">{model.developer}</div>}
    </th>
  );
}

/** Models × the chosen policy's domains, with the overall level last. */
export function DomainMatrix({ data }: { data: OverviewResponse }) {
  const { policy, rows, page, counts } = data;
  const levelIds = policy.levels.map((l) => l.id);
  return (
    <div className="matrix">
      <table>
        <caption className="meta" style={{ textAlign: "left" }}>
          Level of each domain under {policy.title}, models {page.from}–{page.to} of {counts.listed}. Each
          cell links to its evidence.
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Released</th>
            <th scope="col">Training compute</th>
            {policy.domains.map((d) => (
              <th scope="col" key={d.id} className={styles.colhead}>
                {d.title}
              </th>
            ))}
            <th scope="col">Overall</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.model.id}>
              <ModelHeader model={r.model} />
              <td>{r.model.release_date ?? <span className="muted">unknown</span>}</td>
              <td>{r.model.compute_label}</td>
              {r.cells.map((c, i) => (
                <td key={policy.domains[i]?.id ?? i}>
                  <LevelCellLink cell={c} levelIds={levelIds} />
                </td>
              ))}
              <td>
                <LevelCellLink cell={r.overall} levelIds={levelIds} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The same models × every published policy: the overall level under each. */
export function PolicyMatrix({ data }: { data: OverviewResponse }) {
  const { policies, rows, page, counts } = data;
  const levelIds = policies.map((p) => p.levels.map((l) => l.id));
  return (
    <div className="matrix">
      <table>
        <caption className="meta" style={{ textAlign: "left" }}>
          Overall level (before mitigation) under every published policy, models {page.from}–{page.to} of{" "}
          {counts.listed}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {policies.map((p) => (
              <th scope="col" key={p.id} className={styles.colhead}>
                {p.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.model.id}>
              <ModelHeader model={r.model} />
              {r.by_policy.map((c, i) => (
                <td key={policies[i]?.id ?? i}>
                  <LevelCellLink cell={c} levelIds={levelIds[i] ?? []} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
