import type { Metadata } from "next";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { getDb } from "@/db";
import { DomainError } from "@/lib/errors";
import { resolveProjectionParams } from "@/lib/view/projection-params";
import { makeQueryClient } from "@/app/_lib/query-client";
import { ProjectionsView } from "@/app/_components/projections/projections-view";
import { projectionsQuery } from "@/app/_components/projections/queries";
import { loadProjections, projectionChoices } from "./_lib/load-projections";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Projections" };

export default async function ProjectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const db = getDb();
  const { policies, families } = projectionChoices(db);
  const asOf = new Date().toISOString().slice(0, 10);

  const intro = (
    <>
      <h1>Projections</h1>
      <p className="lede">
        When each threshold could be crossed: every model’s score against its effective training compute, a
        sigmoid fitted from chance to the best attainable score, an 80% band and crossing interval from a
        bootstrap over models, and the backtest of the same method on past models. METR time horizons are
        projected against release date instead. Forecasts, not findings: read the warnings beside each chart.
      </p>
    </>
  );
  if (policies.length === 0)
    return (
      <>
        {intro}
        <p className="state">
          No policy is published yet: publish one on the Policies page to see its projections.
        </p>
      </>
    );

  const params = resolveProjectionParams(
    sp,
    policies.map((p) => p.id),
  );
  const qc = makeQueryClient();
  const key = { policy: params.policy, planned: params.planned, family: params.family };
  try {
    const data = loadProjections(db, {
      policy: key.policy,
      ...(key.planned !== null ? { planned: key.planned } : {}),
      ...(key.family !== null ? { family: key.family } : {}),
    });
    qc.setQueryData(projectionsQuery(key).queryKey, data);
  } catch (e) {
    // An unknown policy is the client's to report (the API answers 404 with the same message).
    if (!(e instanceof DomainError && e.code === "NOT_FOUND")) throw e;
  }

  return (
    <>
      {intro}
      <HydrationBoundary state={dehydrate(qc)}>
        <ProjectionsView policies={policies} families={families} asOf={asOf} />
      </HydrationBoundary>
    </>
  );
}
