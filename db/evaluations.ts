import { evaluate } from "@/lib/engine";
import type { Evaluation } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
import { getModelInput, listModels } from "./queries";
import { getPublishedPolicy, listPublishedPolicies } from "./policies";
import { getSnapshot } from "./snapshot";

export interface StoredEvaluation extends Evaluation {
  policy_version_id: number;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** One model under the published version of one policy, from the scores and records in the database. */
export function evaluateModel(db: Db, modelId: string, policyId: string, asOf = today()): StoredEvaluation {
  const { row, policy } = getPublishedPolicy(db, policyId);
  const input = getModelInput(db, modelId, policyId);
  if (!input) throw new DomainError("NOT_FOUND", `no model "${modelId}"`);
  return { ...evaluate(policy, input, { asOf }), policy_version_id: row.id };
}

/** Every model under every published policy (or the ones asked for). */
export function evaluateAll(
  db: Db,
  filter: { policyId?: string; modelId?: string } = {},
  asOf = today(),
): StoredEvaluation[] {
  if (asOf === today()) {
    // Today's evaluations are the cached snapshot every page shares, recomputed only when data changes.
    const snap = getSnapshot(db, asOf);
    const policies = filter.policyId
      ? [getPublishedPolicy(db, filter.policyId).policy.id]
      : snap.policies.map((p) => p.policy.id);
    if (filter.modelId && !snap.models.some((m) => m.id === filter.modelId)) {
      throw new DomainError("NOT_FOUND", `no model "${filter.modelId}"`);
    }
    const ids = filter.modelId ? [filter.modelId] : snap.models.map((m) => m.id);
    return ids.flatMap((id) => policies.map((p) => snap.evaluations.get(p)!.get(id)!));
  }
  const policies = filter.policyId ? [getPublishedPolicy(db, filter.policyId)] : listPublishedPolicies(db);
  const modelIds = filter.modelId ? [filter.modelId] : listModels(db).map((m) => m.id);
  const out: StoredEvaluation[] = [];
  for (const id of modelIds) {
    for (const p of policies) {
      const input = getModelInput(db, id, p.policy.id);
      if (!input) throw new DomainError("NOT_FOUND", `no model "${id}"`);
      out.push({ ...evaluate(p.policy, input, { asOf }), policy_version_id: p.row.id });
    }
  }
  return out;
}
