/**
 * Identifier rules of the policy language as plain values, without zod: the ingest parser's worker
 * thread checks every row against them and should not load the whole policy schema to do so.
 * schema.ts builds its zod types from these.
 */

/** Metric ids may carry a suite version and underscores from the source (e.g. metr.p50_horizon.v1-1). */
export const METRIC_ID_PATTERN = /^[a-z0-9][a-z0-9_.:-]*$/;
export const METRIC_ID_RULE = "must be lowercase letters, digits, '_', '.', ':' or '-'";

export const MITIGATION = ["pre", "post"] as const;
export type Mitigation = (typeof MITIGATION)[number];
