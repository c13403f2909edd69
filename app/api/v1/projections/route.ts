import { getDb } from "@/db";
import { ProjectionsQuery, ProjectionsResponse } from "@/lib/view/projection-schema";
import { loadProjections } from "@/app/projections/_lib/load-projections";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/v1/projections?policy=&planned=&family= — every threshold leaf of a policy, projected. */
export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(ProjectionsQuery, searchParams(req), "query");
  return ok(ProjectionsResponse, loadProjections(getDb(), q));
});
