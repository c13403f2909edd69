/**
 * Which thresholds the next planned training run is forecast to cross: for the overview's
 * "needs attention" list. Pure; the leaves must come from projections computed with the same
 * planned FLOP (their p_planned is for that run).
 */

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
}

export type AttentionReason = "probability" | "interval" | "already";

export interface ForecastAttention {
  threshold: string;
  domain: string;
  level: string | null;
  /** illustrative when any triggering leaf's number is */
  calibration: "framework" | "illustrative";
  /** the highest P(crossing) among the triggering leaves (null when none was computed) */
  p_max: number | null;
  leaves: {
    metric: string;
    p_planned: number | null;
    crossing_high: number | null;
    reasons: AttentionReason[];
    /** the leaf's projection warnings (TOO_FEW_POINTS, STUCK_AT_FLOOR, …): a flag from a shaky fit says so */
    warnings: string[];
  }[];
}

/** At least this P(crossing) flags a threshold: an even chance or worse. */
export const ATTENTION_PROBABILITY = 0.5;

/**
 * A threshold is listed when any of its compute leaves is forecast crossed by the planned run:
 * P(crossing) ≥ 0.5, or the whole 80 % crossing interval lies at or below the planned FLOP (an
 * open-ended interval, high = null, never qualifies this way), or the curve is past the threshold
 * at every compute. Leaves are not combined through the threshold's all/any: for attention, one
 * leaf forecast crossed is enough (fail-closed). Time-trend leaves have no compute and are skipped.
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
    const entry = byThreshold.get(leaf.threshold) ?? {
      threshold: leaf.threshold,
      domain: leaf.domain,
      level: leaf.level,
      calibration: "framework" as const,
      p_max: null,
      leaves: [],
    };
    entry.leaves.push({
      metric: leaf.metric,
      p_planned: p,
      crossing_high: high,
      reasons,
      warnings: (leaf.warnings ?? []).map((w) => w.code),
    });
    if (leaf.calibration === "illustrative") entry.calibration = "illustrative";
    if (p !== null && (entry.p_max === null || p > entry.p_max)) entry.p_max = p;
    byThreshold.set(leaf.threshold, entry);
  }
  return [...byThreshold.values()].sort(
    (a, b) => (b.p_max ?? 1) - (a.p_max ?? 1) || (a.threshold < b.threshold ? -1 : 1),
  );
}
