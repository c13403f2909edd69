import { getDb } from "@/db";
import { getDraft, getVersionRow, updateDraft } from "@/db/policy-drafts";
import { DraftBody, PolicyDraftResponse } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../../_lib/auth";
import { handler, ok, parseOr400, readJson } from "../../../../_lib/respond";
import { draftIdOf, toDraft } from "../../_lib/drafts";
import type { DraftParams } from "../../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One stored version of policy {id} with its text (a draft, or what became of it). */
export const GET = handler(async (req: Request, ctx: { params: Promise<DraftParams> }) => {
  await authorize(req, "read");
  const params = await ctx.params;
  return ok(PolicyDraftResponse, { draft: toDraft(getDraft(getDb(), draftIdOf(params), params.id)) });
});

/** Replaces the draft's text. Only a draft; audited. */
export const PUT = handler(async (req: Request, ctx: { params: Promise<DraftParams> }) => {
  const { actor } = await authorize(req, "policy.draft");
  const params = await ctx.params;
  const draftId = draftIdOf(params);
  const db = getDb();
  getVersionRow(db, draftId, params.id);
  const body = parseOr400(DraftBody, await readJson(req), "draft");
  return ok(PolicyDraftResponse, { draft: toDraft(updateDraft(db, draftId, { yaml: body.yaml, actor })) });
});
