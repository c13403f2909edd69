import { queryOptions } from "@tanstack/react-query";
import {
  DecisionResponse,
  DecisionsResponse,
  governanceKeys,
  governancePaths,
} from "@/lib/api/governance-schemas";
import type { DecisionListItem } from "@/lib/api/governance-schemas";
import { ErrorResponse } from "@/lib/api/schemas";

/** Browser calls for decisions (the audit page, the model page). Answers are parsed with the shared zod schemas, never cast. */

export const RECENT_DECISIONS = { limit: "20", status: "true" } as const;

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // an empty or non-JSON answer: the status says enough
  }
  if (!res.ok) {
    const e = ErrorResponse.safeParse(body);
    throw new Error(e.success ? e.data.error.message : `the server answered ${res.status}`);
  }
  return { status: res.status, body };
}

/** The filters of a decision list, as its URL and its query key take them. */
export type DecisionsFilters = NonNullable<Parameters<typeof governancePaths.decisions>[0]>;

export async function fetchDecisions(filters: DecisionsFilters): Promise<DecisionListItem[]> {
  const { body } = await getJson(governancePaths.decisions(filters));
  const parsed = DecisionsResponse.safeParse(body);
  if (!parsed.success) throw new Error("the decision list did not match the API contract");
  return parsed.data.decisions;
}

/**
 * One factory for every decision list (the audit page's recent ones, a model page's): the browser
 * asks the API; a server prefetch swaps in a database read under the same key. Everything that can
 * make a decision stale invalidates `governanceKeys.decisions.all`.
 */
export function decisionsQuery(filters: DecisionsFilters) {
  return queryOptions({
    queryKey: governanceKeys.decisions.list(filters),
    queryFn: () => fetchDecisions(filters),
  });
}

/** The recent decisions with their status; the server prefetch swaps in a database read under this key. */
export function recentDecisionsQuery() {
  return decisionsQuery(RECENT_DECISIONS);
}

export async function fetchDecision(id: number): Promise<DecisionResponse> {
  const { body } = await getJson(governancePaths.decision(id));
  const parsed = DecisionResponse.safeParse(body);
  if (!parsed.success) throw new Error("the decision did not match the API contract");
  return parsed.data;
}
