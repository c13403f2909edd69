import type { Comparator, GateOutcome, Mitigation } from "@/lib/policy/schema";
import type { DeterminationInput } from "./input";

/** Strongest first (DESIGN "Evaluation semantics" step 2). */
export const THRESHOLD_STATUSES = [
  "determined_reached",
  "determined_cannot_rule_out",
  "determined_not_reached",
  "reached",
  "cannot_rule_out",
  "early_warning",
  "below",
] as const;
export type ThresholdStatus = (typeof THRESHOLD_STATUSES)[number];

/** What the indicators say, before any human determination. `missing` is resolved by on_missing. */
export type IndicatedStatus = "reached" | "cannot_rule_out" | "missing" | "early_warning" | "below";

/** Statuses that make a threshold count toward a level, its safeguards and its obligations. */
export const COUNTED: ReadonlySet<ThresholdStatus> = new Set([
  "determined_reached",
  "determined_cannot_rule_out",
  "reached",
  "cannot_rule_out",
]);

/**
 * attested; missing (none, or only planned); expired; insufficient (attested below the required rung of
 * its ladder); inactive (its `active_when` facts are known to be false, so it does not apply).
 */
export const SAFEGUARD_STATUSES = ["attested", "missing", "expired", "insufficient", "inactive"] as const;
export type SafeguardStatus = (typeof SAFEGUARD_STATUSES)[number];

export interface ScoreRef {
  id?: string | number;
  value: number;
  stderr?: number | null;
  n?: number | null;
  elicitation?: string | null;
  evaluated_at?: string | null;
  source?: string | null;
}

export interface LeafEvidence {
  kind: "metric";
  /** JSON-pointer-like path of the leaf inside the threshold's `when` */
  leaf: string;
  metric: string;
  comparator: Comparator;
  threshold: number;
  calibration: "framework" | "illustrative";
  /** mitigation state of the scores actually used (a post evaluation falls back to pre per metric) */
  mitigation: Mitigation | null;
  fallback_to_pre?: boolean;
  value: number | null;
  stderr: number | null;
  /** value ± 1.96·stderr, when a stderr is known */
  interval: [number, number] | null;
  /** signed distance toward the risky side: ≥ 0 means the comparator holds (0 counts for gte/lte) */
  margin: number | null;
  aggregate: "max" | "latest" | "mean";
  status: IndicatedStatus;
  note?: string;
  scores: ScoreRef[];
}

export interface RefEvidence {
  kind: "threshold";
  leaf: string;
  threshold: string;
  status: ThresholdStatus;
  counted: boolean;
}

/** A context fact supplied for the model (usage, deployment, competitor state). */
export interface FactEvidence {
  kind: "fact";
  leaf: string;
  fact: string;
  expected: boolean;
  value: boolean | null;
  status: IndicatedStatus;
}

/** A progress-rate leaf: the recent growth rate of a series against its baseline rate. */
export interface RateEvidence {
  kind: "rate";
  leaf: string;
  series: string;
  calibration: "framework" | "illustrative";
  /** log2 units per year */
  recent_rate: number | null;
  baseline_rate: number | null;
  ratio: number | null;
  threshold: number;
  n_recent: number;
  n_baseline: number;
  status: IndicatedStatus;
  note?: string;
}

export type Evidence = LeafEvidence | RefEvidence | FactEvidence | RateEvidence;

export interface StateResult {
  status: ThresholdStatus;
  indicated: IndicatedStatus;
  /** the indicators had no usable evidence; the status comes from on_missing */
  missing_evidence: boolean;
  evidence: Evidence[];
  determination?: DeterminationInput;
  /** a human determination disagrees with what the indicators say */
  disagreement?: boolean;
}

export interface ThresholdResult extends StateResult {
  id: string;
  kind: "capability" | "checkpoint" | "derived";
  tier?: string;
  level: string | null;
  title?: string;
  post: StateResult;
  counted: boolean;
  /** every determination on record for this threshold, latest first */
  determinations: DeterminationInput[];
}

export interface DomainResult {
  id: string;
  title: string;
  /** the level gates use: thresholds that cannot be ruled out for lack of evidence count (fail safe) */
  level: { pre: string; post: string };
  /** the level the evidence and determinations alone support, without missing-evidence thresholds */
  evidenced_level: { pre: string; post: string };
  /** thresholds counted only because their evidence is missing (pre-mitigation) */
  missing_evidence: string[];
  thresholds: ThresholdResult[];
}

export interface SafeguardResult {
  id: string;
  track: string;
  title: string;
  kind?: string;
  commitment?: string;
  status: SafeguardStatus;
  required_by: string[];
  /** for ladder requirements: the rung required */
  min?: string;
  /** why it is inactive or insufficient */
  note?: string;
  attestation?: { status: string; by: string; at: string; expires_at?: string | null; level?: string | null };
}

export interface ObligationResult {
  threshold: string;
  text: string;
  status: "open";
  basis: ThresholdStatus;
}

export interface GateResult {
  action: string;
  outcome: GateOutcome;
  /** 1-based index of the matching rule, null when none matched (fail closed) */
  rule: number | null;
  reasons: string[];
  /** for require_approval: who must approve; for reports and reviews: the deadline in days */
  approvers?: string[];
  within_days?: number;
}

export interface CadenceResult {
  due: boolean;
  reasons: string[];
  next_due_at: string | null;
  months?: number;
  effective_compute_multiple?: number;
}

export interface Evaluation {
  policy: { id: string; version: string };
  model: string;
  as_of: string;
  level: { pre: string | null; post: string | null };
  evidenced_level: { pre: string | null; post: string | null };
  domains: DomainResult[];
  safeguards: SafeguardResult[];
  obligations: ObligationResult[];
  gates: GateResult[];
  cadence: CadenceResult;
  /** scores whose metric the policy does not read, or whose value is unusable */
  ignored: { metric: string; reason: string }[];
}
