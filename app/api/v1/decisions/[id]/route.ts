import { getDb } from "@/db";
import { decisionStatus, getDecision, replayDecision } from "@/db/decisions";
import { DecisionIdParam, DecisionResponse } from "@/lib/api/governance-schemas";
import { authorize } from "../../_lib/auth";
import { handler, ok, parseOr400 } from "../../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The decision, whether it still stands (current/stale), and its replay from the stored input. */
export const GET = handler(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, "read");
  const id = parseOr400(DecisionIdParam, (await ctx.params).id, "decision id");
  const db = getDb();
  const decision = getDecision(db, id);
  return ok(DecisionResponse, {
    decision,
    status: decisionStatus(db, id),
    replay: replayDecision(db, id),
  });
});
