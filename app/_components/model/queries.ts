import { decisionsQuery } from "@/app/_components/audit/decisions-api";
import type { DecisionsFilters } from "@/app/_components/audit/decisions-api";

/** How many decisions the model page lists (newest first); the server prefetch reads the same number. */
export const MODEL_DECISIONS_LIMIT = 50;

/** The decisions on one model under one policy, each with its current/stale status. */
export function modelDecisionsFilters(modelId: string, policyId: string): DecisionsFilters {
  return { model: modelId, policy: policyId, limit: String(MODEL_DECISIONS_LIMIT), status: "true" };
}

/**
 * The model page's decision list: the same queryOptions for the server prefetch (which swaps in a
 * database read) and the client island's useQuery, under `governanceKeys.decisions.all`.
 */
export function modelDecisionsQuery(modelId: string, policyId: string) {
  return decisionsQuery(modelDecisionsFilters(modelId, policyId));
}
