import { queryOptions } from "@tanstack/react-query";
import {
  DecisionResponse,
  DecisionsResponse,
  governanceKeys,
  governancePaths,
} from "@/lib/api/governance-schemas";
import type { DecisionListItem } from "@/lib/api/governance-schemas";
import { ErrorResponse } from "@/lib/api/schemas";

/** Browser calls of the audit page. Answers are parsed with the shared zod schemas, never cast. */

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

export async function fetchRecentDecisions(): Promise<DecisionListItem[]> {
  const { body } = await getJson(governancePaths.decisions(RECENT_DECISIONS));
  const parsed = DecisionsResponse.safeParse(body);
  if (!parsed.success) throw new Error("the decision list did not match the API contract");
  return parsed.data.decisions;
}

/** The recent decisions with their status; the server prefetch swaps in a database read under this key. */
export function recentDecisionsQuery() {
  return queryOptions({
    queryKey: governanceKeys.decisions.list(RECENT_DECISIONS),
    queryFn: fetchRecentDecisions,
  });
}

export async function fetchDecision(id: number): Promise<DecisionResponse> {
  const { body } = await getJson(governancePaths.decision(id));
  const parsed = DecisionResponse.safeParse(body);
  if (!parsed.success) throw new Error("the decision did not match the API contract");
  return parsed.data;
}
