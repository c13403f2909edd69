import { queryOptions } from "@tanstack/react-query";
import { apiKeys } from "@/lib/api/keys";
import { fetchBatches } from "./api";

/**
 * The batch list's query, shared by the server prefetch (which swaps in a database read) and the
 * browser's useQuery, so both use one key.
 */
export function batchesQuery() {
  return queryOptions({ queryKey: apiKeys.batches.list(), queryFn: fetchBatches });
}

/** What an import or a rollback changes: the batches, the models, and every evaluation. */
export const AFTER_DATA_CHANGE = [apiKeys.batches.all, apiKeys.models.all, apiKeys.evaluations.all] as const;
