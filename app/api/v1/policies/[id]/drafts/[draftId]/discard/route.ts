import { getDb } from "@/db";
import { discardDraft, getVersionRow } from "@/db/policy-drafts";
import { PolicyDraftResponse } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../../../_lib/auth";
import { handler, ok } from "../../../../../_lib/respond";
import { draftIdOf, toDraft } from "../../../_lib/drafts";
import type { DraftParams } from "../../../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Discards a draft: it is kept as retired, never published. Audited (policy.retire). */
export const POST = handler(async (req: Request, ctx: { params: Promise<DraftParams> }) => {
  const { actor } = await authorize(req, "policy.retire");
  const params = await ctx.params;
  const draftId = draftIdOf(params);
  const db = getDb();
  getVersionRow(db, draftId, params.id);
  const row = discardDraft(db, draftId, actor);
  return ok(PolicyDraftResponse, { draft: toDraft({ row, supersededBy: null }) });
});
