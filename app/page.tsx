import type { Metadata } from "next";
import Link from "next/link";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getDb } from "@/db";
import { overviewForecast } from "@/db/projections";
import { getOverview, getOverviewContext } from "@/db/views/overview";
import { makeQueryClient } from "@/app/_lib/query-client";
import { OverviewView } from "@/app/_components/overview/overview-view";
import { overviewQueryOptions } from "@/app/_components/overview/queries";
import { withForecast } from "@/lib/view/overview-attention";
import { parseOverviewParams, resolveOverviewParams } from "@/lib/view/overview-params";
import type { RawParams } from "@/lib/view/overview-params";
import styles from "@/app/_components/overview/overview.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const db = getDb();
  const ctx = getOverviewContext(db);
  const parsed = parseOverviewParams(await searchParams);
  const { params, notes } = resolveOverviewParams(parsed.query, ctx.options);
  const ignored = [...parsed.notes, ...notes];

  if (!params)
    return (
      <>
        <h1>Overview</h1>
        <p className="state">
          No policy is published yet, so no model can be evaluated. See <Link href="/policies">Policies</Link>
          .
        </p>
      </>
    );

  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...overviewQueryOptions(params),
    queryFn: () => withForecast(getOverview(db, params), overviewForecast(db, params.policy, params.planned)),
  });

  return (
    <>
      <h1>Overview</h1>
      <p className="lede">
        Where each model stands against the published responsible-scaling policies: its level in every domain,
        what is marked as an early warning, not ruled out or missing evidence, and what needs attention,
        including the thresholds the next planned training run is forecast to cross. Every cell links to the
        evidence behind it.
      </p>
      {ignored.length > 0 && (
        <div className={styles.notes} role="status">
          <strong>Some of this link&apos;s parameters were ignored:</strong>
          <ul>
            {ignored.map((n, i) => (
              <li key={i}>{n.message}</li>
            ))}
          </ul>
        </div>
      )}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OverviewView params={params} />
      </HydrationBoundary>
    </>
  );
}
