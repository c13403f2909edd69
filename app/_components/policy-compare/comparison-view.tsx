import type { PolicyComparison } from "@/lib/api/policy-compare";
import { toComparisonView } from "@/lib/view/policy-compare";
import type { SideView } from "@/lib/view/policy-compare";
import { PolicyDiffView, sectionId } from "./diff-sections";
import { ModelChangesView } from "./model-changes";
import styles from "./policy-compare.module.css";

function Side({ label, side }: { label: string; side: SideView }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <strong>{side.name}</strong>
      </dd>
      <dd className="meta">
        <code>{side.policyId}</code> · stored version #{side.versionId} · {side.statusText}
      </dd>
    </div>
  );
}

/**
 * One policy version set beside another, for a reader who does not know the YAML: a summary, what
 * changed in the text, and the models whose reading changes. Renders any `PolicyComparison`: two
 * versions of a framework (/policies/diff) or a draft against the version it would replace.
 */
export function ComparisonView({ data }: { data: PolicyComparison }) {
  const v = toComparisonView(data);
  const summaryId = sectionId(v, "summary");
  return (
    <div>
      <dl className={styles.sides}>
        <Side label="From (older)" side={v.from} />
        <Side label="To (newer)" side={v.to} />
      </dl>
      <section className="panel" aria-labelledby={summaryId}>
        <h2 id={summaryId}>Summary</h2>
        {v.sameVersion ? (
          <p className="state">Both sides are the same stored version: there is nothing to compare.</p>
        ) : v.identical ? (
          <p className="state">
            The two versions do not differ in anything Scalegate compares: thresholds, their wording and
            numbers, safeguards, gates, levels, domains, metrics and cadence.
          </p>
        ) : (
          <ul className={styles.summary}>
            {v.summary.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )}
        <p className="meta">
          {v.models.changed} of {v.models.evaluated} model{v.models.evaluated === 1 ? "" : "s"} read
          differently as of <time dateTime={v.models.asOf}>{v.models.asOf}</time>.
        </p>
      </section>
      {!v.identical && <PolicyDiffView data={data} />}
      <ModelChangesView data={data} />
    </div>
  );
}
