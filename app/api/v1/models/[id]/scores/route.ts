import { getDb } from "@/db";
import { getModel, listScores } from "@/db/queries";
import { ScoresResponse } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";
import { authorize } from "../../../_lib/auth";
import { handler, ok } from "../../../_lib/respond";
import { toScore } from "../../../_lib/to-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, "read");
  const { id } = await ctx.params;
  const db = getDb();
  // An unknown model is a 404, not an empty list that reads as "no evidence".
  if (!getModel(db, id)) throw new DomainError("NOT_FOUND", `no model "${id}"`);
  return ok(ScoresResponse, { scores: listScores(db, id).map(toScore) });
});
