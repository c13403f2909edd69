export * from "./schema";
export { loadPolicyText, formatProblem, MAX_POLICY_BYTES, MAX_ALIAS_COUNT } from "./load";
export type { LoadResult } from "./load";
export type { PolicyProblem } from "./problems";
export { thresholdRefs, walk } from "./semantics";
