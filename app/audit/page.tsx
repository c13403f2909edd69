import type { Metadata } from "next";
import Link from "next/link";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { makeQueryClient } from "@/app/_lib/query-client";
import { AuditFilters } from "@/app/_components/audit/audit-filters";
import { AuditTable } from "@/app/_components/audit/audit-table";
import { DecisionsPanel } from "@/app/_components/audit/decisions-panel";
import { recentDecisionsQuery, RECENT_DECISIONS } from "@/app/_components/audit/decisions-api";
import { ExportLinks } from "@/app/_components/audit/export-links";
import { PAGE_SIZE, parseAuditPageParams } from "@/app/_components/audit/page-params";
import { VerifyChain } from "@/app/_components/audit/verify-chain";
import styles from "@/app/_components/audit/audit.module.css";
import { currentViewer } from "@/app/_lib/auth/viewer";
import { getDb } from "@/db";
import { listAuditPage, listDecisionsWithStatus } from "@/db/decisions";
import { AUDIT_ACTIONS } from "@/lib/audit";
import { can, ROLE_LABELS, whoMay } from "@/lib/auth";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await currentViewer();
  // The API checks again on every call; this only decides what to show.
  if (!viewer || !can(viewer, "audit.read"))
    return (
      <>
        <h1>Audit log</h1>
        <div className="panel" role="note">
          {viewer ? (
            <p>
              {whoMay("audit.read")} can read the audit log; you are signed in as{" "}
              {ROLE_LABELS[viewer.role].toLowerCase()}.
            </p>
          ) : (
            <p>
              <Link href="/login?next=/audit">Sign in</Link> to read the audit log (
              {whoMay("audit.read").toLowerCase()} can).
            </p>
          )}
        </div>
      </>
    );
  const mayExport = can(viewer, "audit.export");
  const params = parseAuditPageParams(await searchParams);
  const db = getDb();
  const page = params.filter
    ? listAuditPage(db, params.filter, { offset: (params.page - 1) * PAGE_SIZE, limit: PAGE_SIZE })
    : null;
  const queryClient = makeQueryClient();
  // The browser's key, filled from the database with the API's own shapes. A failure here is not
  // dehydrated: the browser then asks the API and shows the error state.
  await queryClient.prefetchQuery({
    ...recentDecisionsQuery(),
    queryFn: () => listDecisionsWithStatus(db, { limit: Number(RECENT_DECISIONS.limit) }),
  });
  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">
        Every import, determination, attestation, policy change and decision, in one append-only log. Each
        entry&apos;s hash covers the one before it, so changing or removing an entry breaks the chain from
        there on.
      </p>

      <section className="panel" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify the chain</h2>
        <p className="meta">
          Downloads the whole log and recomputes every hash in this browser, without relying on the
          server&apos;s own check. See <code>docs/audit.md</code> to do the same with <code>sha256sum</code>.
        </p>
        <div className={styles.toolbar}>
          {mayExport && can(viewer, "audit.verify") ? (
            <VerifyChain />
          ) : (
            <p className="meta">{whoMay("audit.verify")} can verify the chain (it needs the full export).</p>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries</h2>
        <AuditFilters raw={params.raw} actions={AUDIT_ACTIONS} />
        <div className={styles.toolbar}>
          {mayExport ? (
            <ExportLinks raw={params.raw} />
          ) : (
            <p className="meta">{whoMay("audit.export")} can export the log.</p>
          )}
        </div>
        {params.issues.length > 0 && (
          <div className="error" role="alert">
            <p>These filters cannot be applied:</p>
            <ul>
              {params.issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  {i.path}: {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {page && <AuditTable entries={page.entries} total={page.total} page={params.page} raw={params.raw} />}
      </section>

      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        <p className="meta">
          A decision is stale when the same question asked now (current evidence, current policy version) gets
          a different answer. Replay re-derives a decision from its stored input and policy version.
        </p>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DecisionsPanel />
        </HydrationBoundary>
      </section>
    </>
  );
}
