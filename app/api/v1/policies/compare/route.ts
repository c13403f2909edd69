import { getDb } from "@/db";
import { comparePolicyRefs } from "@/db/policy-compare";
import { PolicyComparison, PolicyCompareQuery } from "@/lib/api/policy-compare";
import { authorize } from "../../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(PolicyCompareQuery, searchParams(req), "query");
  return ok(PolicyComparison, comparePolicyRefs(getDb(), q));
});
