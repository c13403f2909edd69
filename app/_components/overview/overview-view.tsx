"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { MarkerLegend, ToneChip } from "@/app/_components/level-badge";
import type { OverviewParams, OverviewResponse } from "@/lib/view/overview-schema";
import { AttentionList } from "./attention-list";
import { DomainMatrix, PolicyMatrix } from "./matrices";
import { OverviewFilters } from "./overview-filters";
import { overviewQueryOptions } from "./queries";
import styles from "./overview.module.css";

/**
 * The overview, fed by one query: the server prefetches it (same key) so the first paint needs no
 * request; a later view whose data is not cached is fetched from /api/v1/overview.
 */
export function OverviewView({ params }: { params: OverviewParams }) {
  const query = useQuery(overviewQueryOptions(params));
  if (query.isPending) return <p className="state">Loading the overview…</p>;
  if (query.isError)
    return (
      <div className="error" role="alert">
        <p>
          <strong>The overview could not be loaded.</strong> {query.error.message}
        </p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  const data = query.data;
  return (
    <div className={query.isPlaceholderData ? styles.stale : undefined} aria-busy={query.isPlaceholderData}>
      <OverviewFilters
        params={params}
        policies={data.policies}
        developers={data.options.developers}
        families={data.options.families}
        levels={data.policy.levels}
      />
      {data.notes.length > 0 && (
        <div className={styles.notes} role="status">
          {data.notes.map((n) => (
            <p key={n.param}>{n.message}</p>
          ))}
        </div>
      )}
      <Summary data={data} />
      <AttentionList data={data} />
      <section className="panel" aria-labelledby="domains-heading">
        <h2 id="domains-heading">Levels by domain under {data.policy.title}</h2>
        <Legend data={data} />
        {data.rows.length === 0 ? (
          <Empty data={data} />
        ) : (
          <>
            <DomainMatrix data={data} />
            <Pager data={data} label="Pages of the domain matrix" />
          </>
        )}
      </section>
      {data.rows.length > 0 && (
        <section className="panel" aria-labelledby="policies-heading">
          <h2 id="policies-heading">Overall level under every policy</h2>
          <PolicyMatrix data={data} />
          <Pager data={data} label="Pages of the policy matrix" />
        </section>
      )}
    </div>
  );
}

function Summary({ data }: { data: OverviewResponse }) {
  const { counts, without_evidence: w, policy, page } = data;
  return (
    <div className={styles.summary}>
      <p>
        {counts.listed > 0 &&
          `Models ${page.from}–${page.to} of ${counts.listed} ${w.hidden ? `with evidence under ${policy.title}` : "with or without evidence"}. `}
        {counts.matching} of {counts.models} models match the filters. Evaluated as of {data.as_of}.
      </p>
      {w.hidden && w.count > 0 && (
        <details>
          <summary>
            {w.count} matching model{w.count === 1 ? " has" : "s have"} no evidence under {policy.title} (no
            score for a metric it reads, no determination) and {w.count === 1 ? "is" : "are"} not listed
          </summary>
          <p>
            Without evidence a threshold counts as not ruled out, so their levels reflect missing evidence
            only. <Link href={w.show_all_href}>List them in the matrices</Link>
          </p>
          <ul className={styles.names}>
            {w.models.map((m) => (
              <li key={m.id}>
                <Link href={m.href} prefetch={false}>
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
          {w.count > w.models.length && <p className="meta">…and {w.count - w.models.length} more.</p>}
        </details>
      )}
    </div>
  );
}

function Legend({ data }: { data: OverviewResponse }) {
  return (
    <>
      <p className="meta">
        The level is the fail-safe reading gates use (a threshold counts while missing evidence leaves it
        open); the evidenced level, what the evidence and determinations alone support, is shown beneath it
        when it differs.
      </p>
      <ul className={styles.levels} aria-label={`Levels of ${data.policy.title}, lowest first`}>
        {data.policy.levels.map((l) => (
          <li key={l.id}>
            <ToneChip tone={l.tone}>{l.id}</ToneChip> {l.title}
          </li>
        ))}
      </ul>
      <MarkerLegend />
    </>
  );
}

function Empty({ data }: { data: OverviewResponse }) {
  return (
    <div className="state">
      {data.counts.models === 0 ? (
        <p>
          No models yet. <Link href="/ingest">Import scores</Link> to see where models stand.
        </p>
      ) : (
        <p>
          No model matches these filters
          {data.without_evidence.hidden && data.without_evidence.count > 0
            ? ` with evidence under ${data.policy.title}`
            : ""}
          . <Link href={data.clear_href}>Clear the filters</Link>
        </p>
      )}
    </div>
  );
}

function Pager({ data, label }: { data: OverviewResponse; label: string }) {
  const { page } = data;
  if (page.pages <= 1) return null;
  return (
    <nav aria-label={label} className={styles.pager}>
      {page.prev_href ? (
        <Link href={page.prev_href}>← Previous {page.size}</Link>
      ) : (
        <span className="muted">← Previous</span>
      )}
      <span>
        Page {page.number} of {page.pages}
      </span>
      {page.next_href ? (
        <Link href={page.next_href}>Next {page.size} →</Link>
      ) : (
        <span className="muted">Next →</span>
      )}
    </nav>
  );
}
