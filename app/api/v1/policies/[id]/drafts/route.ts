import { getDb } from "@/db";
import { createDraft } from "@/db/policy-drafts";
import { DraftBody, PolicyDraftResponse, policyDraftPaths } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../_lib/auth";
import { handler, ok, parseOr400, readJson } from "../../../_lib/respond";
import { toDraft } from "../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** A new draft of policy {id} (a new policy when nothing was stored under that id yet). Audited. */
export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { actor } = await authorize(req, "policy.draft");
  const { id } = await ctx.params;
  const body = parseOr400(DraftBody, await readJson(req), "draft");
  const view = createDraft(getDb(), { policyId: id, yaml: body.yaml, actor });
  const res = ok(PolicyDraftResponse, { draft: toDraft(view) }, 201);
  res.headers.set("location", policyDraftPaths.draft(id, view.row.id));
  return res;
});
