/**
 * Which thresholds the next planned training run is forecast to cross: for the overview's
 * "needs attention" list and the projections page. Pure; the leaves must come from projections
 * computed with the same planned FLOP (their p_planned is for that run).
 */

import { DEFAULT_WARNING_THRESHOLDS } from "@/lib/projection/warnings";
import { formatFlop } from "./projection-format";

export interface AttentionLeaf {
  threshold: string;
  domain: string;
  level: string | null;
  metric: string;
  calibration: "framework" | "illustrative";
  method: "compute-sigmoid" | "time-trend" | "none";
  p_planned?: number | null;
  crossing?: { status: string; flop: number | null; low: number | null; high: number | null } | undefined;
  warnings?: readonly { code: string }[];
  /** the fitted models (x = log10 effective compute): tells a crossing inside the data from one beyond it */
  points?: readonly { x: number }[];
}

export type AttentionReason = "probability" | "interval" | "already";

export interface ForecastAttention {
  threshold: string;
  domain: string;
  level: string | null;
  /** illustrative when any triggering leaf's number is */
  calibration: "framework" | "illustrative";
  /** some triggering leaf rests on a fit that can carry a forecast (see UNRELIABLE_WARNINGS) */
  reliable: boolean;
  /**
   * the highest P(crossing) among the triggering leaves whose fit is reliable; null when none of
   * them computed one, or every triggering leaf is unreliable (a shaky fit's P is never shown as a
   * forecast: stuck at the floor, the bootstrap reads P = 1 from a flat line)
   */
  p_max: number | null;
  leaves: {
    metric: string;
    p_planned: number | null;
    crossing_high: number | null;
    reasons: AttentionReason[];
    /** the leaf's projection warnings (TOO_FEW_POINTS, STUCK_AT_FLOOR, …): a flag from a shaky fit says so */
    warnings: string[];
    /** the warnings that make this leaf's forecast unreliable; empty when it can be relied on */
    unreliable: string[];
  }[];
}

/** At least this P(crossing) flags a threshold: an even chance or worse. */
export const ATTENTION_PROBABILITY = 0.5;

/**
 * Warnings that void a forecast: too few models to fit a sigmoid, scores flat at the chance floor
 * (no trend at all), or scores that do not rise monotonically with compute (the sigmoid is the wrong
 * shape). EXTRAPOLATION counts only when the crossing itself lies beyond the data (see below); a
 * discontinuous metric is a caveat, not a void.
 */
export const UNRELIABLE_WARNINGS = ["TOO_FEW_POINTS", "STUCK_AT_FLOOR", "NON_MONOTONE"] as const;

/**
 * EXTRAPOLATION is raised when the projection is *read* far from the data, which a planned run 4×
 * beyond the largest model often is. When the crossing itself lies within the data (or within
 * `maxExtrapolationOom` of it), a run past it is past the threshold on every monotone curve, and
 * the forecast stands. When the crossing is itself an extrapolation, or unknown, it does not.
 */
function crossingBeyondData(leaf: AttentionLeaf): boolean {
  if (leaf.crossing?.status === "already") return false;
  const flop = leaf.crossing?.flop ?? null;
  if (flop === null || !(flop > 0) || !leaf.points || leaf.points.length === 0) return true;
  const xMax = Math.max(...leaf.points.map((p) => p.x));
  return Math.log10(flop) - xMax > DEFAULT_WARNING_THRESHOLDS.maxExtrapolationOom;
}

/** The warnings of a leaf that make its forecast unreliable, in the leaf's order. */
export function unreliableWarnings(leaf: AttentionLeaf): string[] {
  const codes = (leaf.warnings ?? []).map((w) => w.code);
  return codes.filter(
    (c) =>
      (UNRELIABLE_WARNINGS as readonly string[]).includes(c) ||
      (c === "EXTRAPOLATION" && crossingBeyondData(leaf)),
  );
}

/**
 * A threshold is listed when any of its compute leaves is forecast crossed by the planned run:
 * P(crossing) ≥ 0.5, or the whole 80 % crossing interval lies at or below the planned FLOP (an
 * open-ended interval, high = null, never qualifies this way), or the curve is past the threshold
 * at every compute. Leaves are not combined through the threshold's all/any: for attention, one
 * leaf forecast crossed is enough (fail-closed). Time-trend leaves have no compute and are skipped.
 * A threshold whose triggering leaves are all unreliable is still listed (a shaky fit is no proof
 * of safety) but marked `reliable: false`, without a probability, after the reliable ones.
 */
export function forecastAttention(
  projections: readonly AttentionLeaf[] | { leaves: readonly AttentionLeaf[] },
  plannedFlop: number | null | undefined,
): ForecastAttention[] {
  if (plannedFlop == null || !Number.isFinite(plannedFlop) || plannedFlop <= 0) return [];
  const leaves = "leaves" in projections ? projections.leaves : projections;
  const byThreshold = new Map<string, ForecastAttention>();
  for (const leaf of leaves) {
    if (leaf.method !== "compute-sigmoid") continue;
    const reasons: AttentionReason[] = [];
    const p = leaf.p_planned ?? null;
    if (p !== null && Number.isFinite(p) && p >= ATTENTION_PROBABILITY) reasons.push("probability");
    const high = leaf.crossing?.status === "crosses" ? leaf.crossing.high : null;
    if (high !== null && high <= plannedFlop) reasons.push("interval");
    if (leaf.crossing?.status === "already") reasons.push("already");
    if (reasons.length === 0) continue;
    const unreliable = unreliableWarnings(leaf);
    const entry = byThreshold.get(leaf.threshold) ?? {
      threshold: leaf.threshold,
      domain: leaf.domain,
      level: leaf.level,
      calibration: "framework" as const,
      reliable: false,
      p_max: null,
      leaves: [],
    };
    entry.leaves.push({
      metric: leaf.metric,
      p_planned: p,
      crossing_high: high,
      reasons,
      warnings: (leaf.warnings ?? []).map((w) => w.code),
      unreliable,
    });
    if (leaf.calibration === "illustrative") entry.calibration = "illustrative";
    if (unreliable.length === 0) {
      entry.reliable = true;
      if (p !== null && Number.isFinite(p) && (entry.p_max === null || p > entry.p_max)) entry.p_max = p;
    }
    byThreshold.set(leaf.threshold, entry);
  }
  return [...byThreshold.values()].sort(
    (a, b) =>
      Number(b.reliable) - Number(a.reliable) ||
      (b.p_max ?? 1) - (a.p_max ?? 1) ||
      (a.threshold < b.threshold ? -1 : 1),
  );
}

// ---------------------------------------------------------------------------------------------
// The next planned run

/** The compute multiple assumed when a policy sets no `cadence.effective_compute_multiple`. */
export const DEFAULT_COMPUTE_MULTIPLE = 4;

export interface PlannedRun {
  /** training compute of the run, FLOP */
  flop: number;
  /** `default`: derived from the data and the policy; `override`: given by the user (`planned=`) */
  source: "default" | "override";
  /** the model with the largest effective compute (default only) */
  base: { id: string; flop: number } | null;
  /** the multiple applied to it (default only) */
  multiple: number | null;
  /** `policy`: the policy's reassessment multiple; `assumed`: DEFAULT_COMPUTE_MULTIPLE (default only) */
  multiple_from: "policy" | "assumed" | null;
}

const positiveFinite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v > 0;

/**
 * "The next planned run", per policy: the largest effective compute of any model in the database
 * times the policy's reassessment multiple (`cadence.effective_compute_multiple`, the growth at which
 * the policy wants a new assessment), or DEFAULT_COMPUTE_MULTIPLE when the policy sets none, to
 * three significant digits. A
 * user-given FLOP overrides it. Null when no model has a known compute and nothing was given: there
 * is no run to forecast, and none is invented.
 */
export function nextPlannedRun(
  models: readonly { id: string; effective_flop: number | null | undefined }[],
  policyMultiple: number | null | undefined,
  override?: number | null,
): PlannedRun | null {
  if (override !== undefined && override !== null) {
    if (!positiveFinite(override))
      throw new RangeError(`nextPlannedRun: planned FLOP must be a positive number, got ${String(override)}`);
    return { flop: override, source: "override", base: null, multiple: null, multiple_from: null };
  }
  if (
    policyMultiple !== undefined &&
    policyMultiple !== null &&
    !(positiveFinite(policyMultiple) && policyMultiple > 1)
  )
    throw new RangeError(
      `nextPlannedRun: the policy's effective_compute_multiple must be greater than 1, got ${String(policyMultiple)}`,
    );
  let base: { id: string; flop: number } | null = null;
  for (const m of models) {
    if (!positiveFinite(m.effective_flop)) continue;
    // Ties go to the smaller id, so the base model does not depend on the database's row order.
    if (base === null || m.effective_flop > base.flop || (m.effective_flop === base.flop && m.id < base.id))
      base = { id: m.id, flop: m.effective_flop };
  }
  if (base === null) return null;
  const fromPolicy = policyMultiple !== undefined && policyMultiple !== null;
  const multiple = fromPolicy ? policyMultiple : DEFAULT_COMPUTE_MULTIPLE;
  return {
    // A planning figure: three significant digits, so it reads (and links) as 2e27, not 2.00000000000004e27.
    flop: Number((base.flop * multiple).toPrecision(3)),
    source: "default",
    base,
    multiple,
    multiple_from: fromPolicy ? "policy" : "assumed",
  };
}

/** How the run was arrived at, in one sentence a reviewer can check. */
export function plannedRunText(run: PlannedRun): string {
  const flop = `${formatFlop(run.flop)} FLOP`;
  if (run.source === "override" || !run.base || run.multiple === null)
    return `${flop}, as set by the planned parameter of this page's address`;
  const base = `${run.multiple}× the largest effective compute of any model in the database (${run.base.id}, ${formatFlop(run.base.flop)} FLOP)`;
  return run.multiple_from === "policy"
    ? `${flop}: ${base}; ${run.multiple}× is the policy's effective-compute multiple for reassessment`
    : `${flop}: ${base}; the policy sets no effective-compute multiple, so ${DEFAULT_COMPUTE_MULTIPLE}× is assumed`;
}
