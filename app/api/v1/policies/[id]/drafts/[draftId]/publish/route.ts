import { getDb } from "@/db";
import { getVersionRow, publishDraft } from "@/db/policy-drafts";
import { PublishResponse } from "@/lib/api/policy-draft-schemas";
import { authorize } from "../../../../../_lib/auth";
import { handler, ok } from "../../../../../_lib/respond";
import { draftIdOf } from "../../../_lib/drafts";
import type { DraftParams } from "../../../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Publishes the draft: it replaces (retires) the published version. Audited; 409 when stale. */
export const POST = handler(async (req: Request, ctx: { params: Promise<DraftParams> }) => {
  const { actor } = await authorize(req, "policy.publish");
  const params = await ctx.params;
  const draftId = draftIdOf(params);
  const db = getDb();
  getVersionRow(db, draftId, params.id);
  const r = publishDraft(db, draftId, actor);
  return ok(PublishResponse, {
    policy: {
      policy_id: r.row.policyId,
      policy_version_id: r.row.id,
      version: r.row.version,
      title: r.policy.title,
      sha256: r.row.sha256,
      published_at: r.row.publishedAt!,
    },
    replaced: r.replaced,
  });
});
