import type { CompiledPredicate } from "./compile";
import type { Aggregated } from "./aggregate";
import type { IndicatedStatus, LeafEvidence } from "./types";

/** z for a two-sided 95% interval: a threshold inside value ± Z·stderr cannot be ruled out. */
export const Z95 = 1.96;

type MetricLeaf = Extract<CompiledPredicate, { type: "metric" }>;

/**
 * Status of one numeric leaf. Order matters: reached, then the stderr interval (cannot_rule_out),
 * then the early-warning margin, then below. Missing evidence is reported as such, never as below.
 */
export function leafStatus(
  leaf: MetricLeaf,
  agg: Aggregated | null,
  margin: number | null,
  aggregate: LeafEvidence["aggregate"],
): LeafEvidence {
  if (!agg) {
    return {
      kind: "metric",
      leaf: leaf.path,
      metric: leaf.metric.id,
      comparator: leaf.op,
      threshold: leaf.value,
      calibration: leaf.calibration,
      mitigation: null,
      aggregate,
      value: null,
      stderr: null,
      interval: null,
      margin: null,
      status: "missing",
      note: "no score for this metric",
      scores: [],
    };
  }
  const value = agg.value;
  const stderr = agg.stderr;
  const t = leaf.value;
  // Signed distance toward the risky side: positive or zero when the comparator's side is reached.
  const upward = leaf.op === "gte" || leaf.op === "gt";
  const signed = upward ? value - t : t - value;
  const reached = leaf.op === "gte" || leaf.op === "lte" ? signed >= 0 : signed > 0;
  const interval: [number, number] | null =
    stderr != null && stderr > 0 ? [value - Z95 * stderr, value + Z95 * stderr] : null;
  let status: IndicatedStatus;
  if (reached) status = "reached";
  else {
    // The interval edge and the margin are inclusive bounds computed in binary floating point
    // (0.8 − 0.7 = 0.10000000000000009): allow a few ulps so decimal boundaries land inside.
    let scale = Math.abs(value) > 1 ? Math.abs(value) : 1;
    if (Math.abs(t) > scale) scale = Math.abs(t);
    if (stderr != null && Z95 * stderr > scale) scale = Z95 * stderr;
    if (margin !== null && margin > scale) scale = margin;
    const slack = Number.EPSILON * 16 * scale;
    if (interval && t >= interval[0] - slack && t <= interval[1] + slack) status = "cannot_rule_out";
    else if (margin !== null && -signed <= margin + slack) status = "early_warning";
    else status = "below";
  }
  return {
    kind: "metric",
    leaf: leaf.path,
    metric: leaf.metric.id,
    comparator: leaf.op,
    threshold: t,
    calibration: leaf.calibration,
    mitigation: null,
    aggregate,
    value,
    stderr: stderr ?? null,
    interval,
    margin: signed,
    status,
    scores: agg.scores,
  };
}
