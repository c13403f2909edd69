import { getDb } from "@/db";
import { getPublishedPolicy } from "@/db/policies";
import { PolicyResponse } from "@/lib/api/schemas";
import { authorize } from "../../_lib/auth";
import { handler, ok } from "../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, "read");
  const { row, policy } = getPublishedPolicy(getDb(), (await ctx.params).id);
  return ok(PolicyResponse, { policy, yaml: row.yaml, policy_version_id: row.id, sha256: row.sha256 });
});
