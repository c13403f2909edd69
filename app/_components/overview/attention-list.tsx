import Link from "next/link";
import { ToneChip } from "@/app/_components/level-badge";
import type { AttentionKind, OverviewResponse } from "@/lib/view/overview-schema";
import styles from "./overview.module.css";

const COLUMN: Record<AttentionKind, string> = {
  gate: "Gates that block, pause or restrict",
  safeguard: "Required safeguards",
  reassessment: "Reassessment",
  disagreement: "Disagreeing determinations",
};

/** Gates that stop something, missing safeguards, due reassessments, disagreeing determinations. */
export function AttentionList({ data }: { data: OverviewResponse }) {
  const { attention, policy, counts } = data;
  const kinds = attention.entries[0]?.groups.map((g) => g.kind) ?? [];
  return (
    <section className="panel" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention</h2>
      {attention.count === 0 ? (
        <p className="state">Nothing needs attention among the {counts.listed} listed models.</p>
      ) : (
        <>
          <p className="meta">
            {attention.count} of the {counts.listed} listed model{counts.listed === 1 ? "" : "s"}{" "}
            {attention.count === 1 ? "has" : "have"} something to act on under {policy.title}
            {attention.count > attention.entries.length
              ? `; the ${attention.entries.length} with the strongest gate outcomes come first. Narrow the filters to see the others.`
              : "."}{" "}
            Each item links to its section of the model page.
          </p>
          <div className="matrix">
            <table className={styles.attention}>
              <caption className="meta" style={{ textAlign: "left" }}>
                What needs attention under {policy.title}, by model
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  {kinds.map((k) => (
                    <th scope="col" key={k}>
                      {COLUMN[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {attention.entries.map((e) => (
                  <tr key={e.model.id}>
                    <th scope="row" className={styles.rowhead}>
                      <Link href={e.model.href} prefetch={false}>
                        {e.model.name}
                      </Link>
                    </th>
                    {e.groups.map((g) => (
                      <td key={g.kind}>
                        {g.items.length > 0 && (
                          <ul className="chips">
                            {g.items.map((it, i) => (
                              <li key={i}>
                                <Link href={it.href} prefetch={false} aria-label={it.label}>
                                  <ToneChip tone={it.tone}>{it.text}</ToneChip>
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
