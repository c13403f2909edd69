import { getDb } from "@/db";
import { retirePolicy } from "@/db/policy-drafts";
import { RetireResponse } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../_lib/auth";
import { handler, ok } from "../../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Retires the published version of policy {id} with no successor. Audited. */
export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { actor } = await authorize(req, "policy.retire");
  const { id } = await ctx.params;
  const row = retirePolicy(getDb(), id, actor);
  return ok(RetireResponse, { policy_version_id: row.id });
});
