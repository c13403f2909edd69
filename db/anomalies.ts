import { ANOMALY_NOTES, bootstrapSigmoid, DEFAULT_LEVEL, findAnomalies } from "@/lib/projection";
import type { LeafProjection } from "@/lib/projection/policy-projections";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
import { policyProjections, projectionModels } from "./projections";
import { getSnapshot } from "./snapshot";

/**
 * Anomaly flags (issue 6): is a model's score outside the 80 % prediction interval of the *other*
 * models at its effective compute? Below it: possible under-elicitation or sandbagging; above it: a
 * genuine jump or possible contamination. The interval is lib/projection's findAnomalies: a
 * leave-one-out refit for the centre, out-of-bag bootstrap curves for the spread.
 */

/** Fewer other models than this on a metric's curve and the check is not run (the sigmoid needs 5). */
export const MIN_OTHER_MODELS = 5;
/** findAnomalies skips a model with fewer out-of-bag resamples than this; it is then "not checked". */
export const MIN_OUT_OF_BAG = 20;

export const ANOMALY_STATUSES = ["below", "above", "within", "not_checked"] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

export interface AnomalyCheck {
  metric: string;
  status: AnomalyStatus;
  /** the score checked: the engine's pre-mitigation value, the one projections fit */
  value: number;
  /** the model's effective compute, FLOP (null when unknown) */
  flop: number | null;
  /** other models on the metric's curve */
  others: number;
  /** below/above: the leave-one-out curve at this compute and the others' prediction interval */
  expected?: number;
  low?: number;
  high?: number;
  level?: number;
  /** below/above: ANOMALY_NOTES */
  note?: string;
  /** not_checked: why, in words */
  reason?: string;
  /** warnings of the curve the interval comes from (EXTRAPOLATION left out: it is about reading far away) */
  fit_warnings: string[];
}

type CheckLeaf = Pick<LeafProjection, "metric" | "method" | "points" | "fit" | "warnings" | "skipped">;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Every model on one metric's curve, checked against the others. Pure given the leaf (seeded as
 * the projections are). Models not on the curve (no compute) are not in the answer.
 */
export function checkMetric(
  leaf: CheckLeaf,
  options: { seed?: number; resamples?: number } = {},
): Map<string, AnomalyCheck> {
  const out = new Map<string, AnomalyCheck>();
  const points = leaf.points;
  const others = Math.max(0, points.length - 1);
  const fitWarnings = leaf.warnings.map((w) => w.code).filter((c) => c !== "EXTRAPOLATION");
  const base = (i: number) => ({
    metric: leaf.metric,
    value: points[i]!.y,
    flop: leaf.method === "time-trend" ? null : 10 ** points[i]!.x,
    others,
    fit_warnings: fitWarnings,
  });
  const notChecked = (reason: string) => {
    points.forEach((p, i) => out.set(p.id, { ...base(i), status: "not_checked", reason }));
    return out;
  };
  if (leaf.method === "time-trend")
    return notChecked("a time-horizon metric, projected against release date rather than compute");
  if (leaf.method !== "compute-sigmoid" || !leaf.fit || others < MIN_OTHER_MODELS)
    return notChecked(
      `only ${plural(others, "other model")} with a score and a known compute on this metric; at least ${MIN_OTHER_MODELS} are needed`,
    );
  const boot = bootstrapSigmoid(points, leaf.fit, {
    seed: options.seed ?? 1,
    ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
  });
  const flagged = new Map(findAnomalies(points, leaf.fit, boot).map((a) => [a.id, a]));
  points.forEach((p, i) => {
    const a = flagged.get(p.id);
    if (a) {
      out.set(p.id, {
        ...base(i),
        status: a.direction,
        expected: a.expected,
        low: a.low,
        high: a.high,
        level: a.level,
        note: ANOMALY_NOTES[a.direction],
      });
      return;
    }
    // The same count findAnomalies requires: resamples that fitted and did not draw this model.
    let used = 0;
    for (let b = 0; b < boot.resamples; b++)
      if (!Number.isNaN(boot.k[b]!) && boot.inBag[b * boot.n + i] === 0) used++;
    out.set(
      p.id,
      used >= MIN_OUT_OF_BAG
        ? { ...base(i), status: "within", level: DEFAULT_LEVEL }
        : {
            ...base(i),
            status: "not_checked",
            reason: `only ${used} bootstrap resamples left this model out; at least ${MIN_OUT_OF_BAG} are needed`,
          },
    );
  });
  return out;
}

/** model id → its checks, one per metric of the policy it has a score on, in the policy's order */
export type PolicyAnomalies = Map<string, AnomalyCheck[]>;

const cache = globalThis as unknown as { __scalegateAnomalies?: Map<string, PolicyAnomalies> };

/**
 * Every model's anomaly checks under a published policy, on every metric a threshold reads. Cached
 * by the data version (like the projections it is built from): only the first request pays.
 */
export function policyAnomalies(db: Db, policyId: string): PolicyAnomalies {
  const snap = getSnapshot(db);
  if (!snap.policies.some((p) => p.policy.id === policyId))
    throw new DomainError("NOT_FOUND", `no published policy "${policyId}"`);
  const key = `${snap.version}|${policyId}`;
  cache.__scalegateAnomalies ??= new Map();
  const hit = cache.__scalegateAnomalies.get(key);
  if (hit) return hit;

  const leaves = policyProjections(db, policyId).leaves;
  // A metric read by several thresholds has one curve: the points and bounds depend on the metric only.
  const byMetric = new Map<string, Map<string, AnomalyCheck>>();
  for (const leaf of leaves) if (!byMetric.has(leaf.metric)) byMetric.set(leaf.metric, checkMetric(leaf));
  const methods = new Map(leaves.map((l) => [l.metric, l.method]));

  const out: PolicyAnomalies = new Map();
  for (const m of projectionModels(snap, policyId)) {
    const checks: AnomalyCheck[] = [];
    for (const [metric, onCurve] of byMetric) {
      const value = m.scores.get(metric);
      if (value === undefined) continue;
      const c = onCurve.get(m.id);
      if (c) checks.push(c);
      else
        checks.push({
          metric,
          status: "not_checked",
          value,
          flop: null,
          others: onCurve.size,
          reason:
            methods.get(metric) === "time-trend"
              ? "a time-horizon metric, projected against release date rather than compute"
              : "no known training compute for this model (neither reported FLOP nor parameters × tokens)",
          fit_warnings: [],
        });
    }
    if (checks.length > 0) out.set(m.id, checks);
  }
  if (cache.__scalegateAnomalies.size > 16) cache.__scalegateAnomalies.clear();
  cache.__scalegateAnomalies.set(key, out);
  return out;
}

/** One model's checks under a policy; empty when it has no score on a metric the policy reads. */
export function modelAnomalies(db: Db, policyId: string, modelId: string): AnomalyCheck[] {
  return policyAnomalies(db, policyId).get(modelId) ?? [];
}
