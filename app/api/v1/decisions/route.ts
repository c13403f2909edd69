import { getDb } from "@/db";
import { listDecisions, listDecisionsWithStatus, recordDecision } from "@/db/decisions";
import {
  DecisionsQuery,
  DecisionsResponse,
  governancePaths,
  NewSignoff,
  SignoffResponse,
} from "@/lib/api/governance-schemas";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, readJson, searchParams } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(async (req: Request) => {
  await authorize(req, "read");
  const q = parseOr400(DecisionsQuery, searchParams(req), "query");
  const filter = {
    ...(q.model ? { modelId: q.model } : {}),
    ...(q.policy ? { policyId: q.policy } : {}),
    limit: q.limit ?? 100,
  };
  const db = getDb();
  const decisions = q.status === "true" ? listDecisionsWithStatus(db, filter) : listDecisions(db, filter);
  return ok(DecisionsResponse, { decisions });
});

/** A sign-off: the evaluation it was made on is recorded with it, in one transaction with its audit entry. */
export const POST = handler(async (req: Request) => {
  const { actor } = await authorize(req, "signoff");
  const body = parseOr400(NewSignoff, await readJson(req), "sign-off");
  const r = recordDecision(getDb(), {
    modelId: body.model,
    policyId: body.policy,
    action: body.action,
    ...(body.as_of ? { asOf: body.as_of } : {}),
    signoff: { outcome: body.outcome, rationale: body.rationale, conditions: body.conditions ?? null },
    actor,
  });
  const res = ok(SignoffResponse, { decision: r.decision, audit: r.audit }, 201);
  res.headers.set("location", governancePaths.decision(r.decision.id));
  return res;
});
