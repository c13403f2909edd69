import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiKeys } from "@/lib/api/keys";
import { ErrorResponse } from "@/lib/api/schemas";
import { overviewApiPath, overviewSearch } from "@/lib/view/overview-links";
import { OverviewResponse } from "@/lib/view/overview-schema";
import type { OverviewParams } from "@/lib/view/overview-schema";

/**
 * The overview is derived from the evaluations, so its keys sit under `apiKeys.evaluations.all`:
 * whatever invalidates the evaluations (an import, a rollback, a determination) refreshes it too.
 * The key holds the canonical query string, the same one the URL and the API path use.
 */
export const overviewKeys = {
  all: [...apiKeys.evaluations.all, "overview"] as const,
  view: (p: OverviewParams) => [...apiKeys.evaluations.all, "overview", overviewSearch(p)] as const,
};

async function fetchOverview(p: OverviewParams, signal: AbortSignal): Promise<OverviewResponse> {
  const path = overviewApiPath(p);
  const res = await fetch(path, { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorResponse.safeParse(body);
    throw new Error(`GET ${path} answered ${res.status}${err.success ? `: ${err.data.error.message}` : ""}`);
  }
  return OverviewResponse.parse(body);
}

/** One factory for the server prefetch (with a database queryFn) and the client's useQuery. */
export function overviewQueryOptions(p: OverviewParams) {
  return queryOptions({
    queryKey: overviewKeys.view(p),
    queryFn: ({ signal }) => fetchOverview(p, signal),
    // While a new view loads, keep showing the last one (marked as updating) rather than a blank page.
    placeholderData: keepPreviousData,
  });
}
