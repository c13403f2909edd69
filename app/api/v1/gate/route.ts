import { getDb } from "@/db";
import { recordDecision } from "@/db/decisions";
import { GateRequest, GateResponse, governancePaths } from "@/lib/api/governance-schemas";
import { authorize } from "../_lib/auth";
import { handler, ok, parseOr400, readJson } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Evaluates a model under the published policy and records the answer as a decision (201, with its
 * Location). The gate outcome is in the body, never in the status: a blocked gate is a successful answer.
 */
export const POST = handler(async (req: Request) => {
  const { actor } = await authorize(req, "gate");
  const body = parseOr400(GateRequest, await readJson(req), "gate request");
  const { decision: d, gate } = recordDecision(getDb(), {
    modelId: body.model,
    policyId: body.policy,
    action: body.action,
    ...(body.as_of ? { asOf: body.as_of } : {}),
    actor,
  });
  const res = ok(
    GateResponse,
    {
      outcome: gate.outcome,
      reasons: gate.reasons,
      rule: gate.rule,
      policy_version: d.policy_version,
      decision_id: d.id,
      model: d.model,
      action: d.action,
      as_of: d.as_of,
    },
    201,
  );
  res.headers.set("location", governancePaths.decision(d.id));
  return res;
});
