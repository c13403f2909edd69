import { getDb } from "@/db";
import { listPublishedPolicies } from "@/db/policies";
import { PoliciesResponse } from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { handler, ok } from "../_lib/respond";
import { toPolicySummary } from "../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  return ok(PoliciesResponse, { policies: listPublishedPolicies(getDb()).map(toPolicySummary) });
});
