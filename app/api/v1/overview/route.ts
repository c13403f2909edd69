import { getDb } from "@/db";
import { overviewForecast } from "@/db/projections";
import { getOverview, getOverviewContext } from "@/db/views/overview";
import { withForecast } from "@/lib/view/overview-attention";
import { DomainError } from "@/lib/errors";
import { resolveOverviewParams } from "@/lib/view/overview-params";
import { OverviewQuery, OverviewResponse } from "@/lib/view/overview-schema";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The data of the overview page (`/`) for the same query string. Strict where the page is lenient:
 * an unknown parameter or a value the data does not hold (policy, developer, family, level) is a 400
 * naming it; a page past the end is answered with the last page and a note. The attention list
 * carries the forecast rows for the next planned run (`planned`, or the policy's default run).
 */
export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const query = parseOr400(OverviewQuery, searchParams(req), "query");
  const db = getDb();
  const ctx = getOverviewContext(db);
  const { params, notes } = resolveOverviewParams(query, ctx.options);
  if (notes.length > 0)
    throw new DomainError(
      "VALIDATION",
      "invalid query",
      notes.map((n) => ({ path: n.param, message: n.message })),
    );
  if (!params) throw new DomainError("NOT_FOUND", "no published policy");
  return ok(
    OverviewResponse,
    withForecast(getOverview(db, params), overviewForecast(db, params.policy, params.planned)),
  );
});
