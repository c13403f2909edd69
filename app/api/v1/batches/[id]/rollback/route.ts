import { getDb } from "@/db";
import { rollbackBatch } from "@/db/ingest";
import { BatchIdParam, RollbackResponse } from "@/lib/api/schemas";
import { authorize } from "../../../_lib/auth";
import { handler, ok, parseOr400 } from "../../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { actor } = await authorize(req, "batch.rollback");
  const id = parseOr400(BatchIdParam, (await ctx.params).id, "batch id");
  return ok(RollbackResponse, rollbackBatch(getDb(), id, actor));
});
