import Link from "next/link";
import { calibrationText, policyName } from "@/lib/view/policy";
import type { PolicySummaryView } from "@/lib/view/policy";
import { LevelLadder } from "./level-ladder";
import styles from "./policy.module.css";

/** One published policy in the /policies list. */
export function PolicyCard({
  policy,
  supersedesTitle,
}: {
  policy: PolicySummaryView;
  /** the title of the superseded policy when it is published too */
  supersedesTitle: string | null;
}) {
  const headingId = `policy-${policy.id}`;
  return (
    <section className={`panel ${styles.card}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link href={`/policies/${policy.id}`}>{policyName(policy.title, policy.version)}</Link>
      </h2>
      <p className="meta">
        {policy.publisher} · version {policy.version} · published{" "}
        <time dateTime={policy.published}>{policy.published}</time>
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
        · <code>{policy.id}</code>
      </p>
      <h3>Levels, lowest first</h3>
      <LevelLadder
        levels={policy.levels}
        label={`Levels of ${policyName(policy.title, policy.version)}, lowest first`}
      />
      <dl className={styles.facts}>
        <div>
          <dt>Domains</dt>
          <dd>{policy.domainCount}</dd>
        </div>
        <div>
          <dt>Thresholds</dt>
          <dd>
            {policy.thresholdCount}
            {policy.checkpointCount > 0 &&
              ` (${policy.capabilityCount} capability, ${policy.checkpointCount} checkpoint${policy.checkpointCount === 1 ? "" : "s"})`}
          </dd>
        </div>
        <div>
          <dt>Gated actions</dt>
          <dd>{policy.actionCount}</dd>
        </div>
        <div>
          <dt>Numbers</dt>
          <dd>{calibrationText(policy.numbers)}</dd>
        </div>
      </dl>
    </section>
  );
}
