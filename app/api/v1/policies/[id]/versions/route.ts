import { getDb } from "@/db";
import { listVersions } from "@/db/policy-drafts";
import { PolicyVersionsResponse } from "@/lib/api/policy-draft-schemas";
import { DomainError } from "@/lib/errors";
import { authorize } from "../../../_lib/auth";
import { handler, ok } from "../../../_lib/respond";
import { toVersionItem } from "../_lib/drafts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every stored version of a policy: drafts, published, retired and discarded drafts, newest first. */
export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, "read");
  const { id } = await ctx.params;
  const rows = listVersions(getDb(), id);
  if (rows.length === 0) throw new DomainError("NOT_FOUND", `no policy "${id}"`);
  return ok(PolicyVersionsResponse, { versions: rows.map(toVersionItem) });
});
