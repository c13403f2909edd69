import { getDb } from "@/db";
import { getVersionRow, reviewDraft } from "@/db/policy-drafts";
import { PolicyComparison } from "@/lib/api/policy-compare";
import { DraftReviewQuery } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../../../_lib/auth";
import { handler, ok, parseOr400, searchParams } from "../../../../../_lib/respond";
import { draftIdOf } from "../../../_lib/drafts";
import type { DraftParams } from "../../../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The draft against the version it would replace: the policy diff and the models whose results change. */
export const GET = handler(async (req: Request, ctx: { params: Promise<DraftParams> }) => {
  await authorize(req, "read");
  const params = await ctx.params;
  const draftId = draftIdOf(params);
  const q = parseOr400(DraftReviewQuery, searchParams(req), "query");
  const db = getDb();
  getVersionRow(db, draftId, params.id);
  return ok(PolicyComparison, reviewDraft(db, draftId, q.as_of));
});
