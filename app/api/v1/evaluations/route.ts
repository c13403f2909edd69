import { getDb } from "@/db";
import { evaluateAll } from "@/db/evaluations";
import { EvaluationsQuery, EvaluationsResponse } from "@/lib/api/schemas";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(EvaluationsQuery, searchParams(req), "query");
  const evaluations = evaluateAll(
    getDb(),
    { ...(q.policy ? { policyId: q.policy } : {}), ...(q.model ? { modelId: q.model } : {}) },
    q.as_of, // undefined: today
  );
  return ok(EvaluationsResponse, { evaluations });
});
