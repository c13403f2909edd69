import type { Metric, Policy, Predicate, Safeguard, Threshold } from "@/lib/policy/schema";
import {
  comparatorOf,
  isCapability,
  isFactLeaf,
  isMetricLeaf,
  isRateLeaf,
  isThresholdRef,
  levelId,
} from "@/lib/policy/schema";
import { thresholdRefs } from "@/lib/policy/semantics";
import type { Comparator } from "@/lib/policy/schema";

/** A predicate with its leaf paths and comparators resolved once, so evaluation does no string work. */
export type CompiledPredicate =
  | { type: "all" | "any"; children: CompiledPredicate[] }
  | { type: "not"; child: CompiledPredicate }
  | { type: "ref"; threshold: string; path: string }
  | { type: "fact"; fact: string; is: boolean; path: string }
  | {
      type: "rate";
      series: string;
      recentDays: number;
      baselineFrom: string;
      baselineTo: string;
      ratio: number;
      calibration: "framework" | "illustrative";
      path: string;
    }
  | {
      type: "metric";
      metric: Metric;
      op: Comparator;
      value: number;
      calibration: "framework" | "illustrative";
      mitigation?: "pre" | "post";
      path: string;
    };

export interface CompiledThreshold {
  def: Threshold;
  domain: string;
  kind: "capability" | "checkpoint" | "derived";
  levelIndex: number;
  when: CompiledPredicate | null;
  margin: number | null;
}

export interface CompiledPolicy {
  policy: Policy;
  levels: string[];
  levelIndex: Map<string, number>;
  metrics: Map<string, Metric>;
  /** thresholds ordered so that every referenced threshold comes before the ones referring to it */
  order: CompiledThreshold[];
  byId: Map<string, CompiledThreshold>;
  safeguards: Map<string, Safeguard>;
}

const cache = new WeakMap<Policy, CompiledPolicy>();

/** Compiles a validated policy (loadPolicyText guarantees references resolve and there are no cycles). */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const hit = cache.get(policy);
  if (hit) return hit;
  const levels = policy.levels.map(levelId);
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  const metrics = new Map(policy.metrics.map((m) => [m.id, m]));
  const byId = new Map<string, CompiledThreshold>();
  for (const d of policy.domains) {
    for (const t of d.thresholds) {
      byId.set(t.id, {
        def: t,
        domain: d.id,
        kind: t.kind ?? "capability",
        levelIndex: isCapability(t) ? (levelIndex.get(t.level) ?? -1) : -1,
        when: t.when ? compilePredicate(t.when, "when", metrics) : null,
        margin: t.early_warning?.margin ?? null,
      });
    }
  }
  const order: CompiledThreshold[] = [];
  const placed = new Set<string>();
  const place = (id: string, trail: Set<string>) => {
    if (placed.has(id) || trail.has(id)) return;
    const t = byId.get(id);
    if (!t) return;
    trail.add(id);
    for (const ref of thresholdRefs(t.def)) place(ref, trail);
    placed.add(id);
    order.push(t);
  };
  for (const id of byId.keys()) place(id, new Set());
  const compiled: CompiledPolicy = {
    policy,
    levels,
    levelIndex,
    metrics,
    order,
    byId,
    safeguards: new Map(policy.safeguards.map((s) => [s.id, s])),
  };
  cache.set(policy, compiled);
  return compiled;
}

function compilePredicate(p: Predicate, path: string, metrics: Map<string, Metric>): CompiledPredicate {
  if ("all" in p)
    return { type: "all", children: p.all.map((c, i) => compilePredicate(c, `${path}/all/${i}`, metrics)) };
  if ("any" in p)
    return { type: "any", children: p.any.map((c, i) => compilePredicate(c, `${path}/any/${i}`, metrics)) };
  if ("not" in p) return { type: "not", child: compilePredicate(p.not, `${path}/not`, metrics) };
  if (isThresholdRef(p)) return { type: "ref", threshold: p.threshold, path };
  if (isFactLeaf(p)) return { type: "fact", fact: p.fact, is: p.is ?? true, path };
  if (isRateLeaf(p)) {
    return {
      type: "rate",
      series: p.rate.series,
      recentDays: p.rate.recent_days,
      baselineFrom: p.rate.baseline.from,
      baselineTo: p.rate.baseline.to,
      ratio: p.rate.ratio_gte,
      calibration: p.calibration,
      path,
    };
  }
  if (!isMetricLeaf(p)) throw new Error(`unknown predicate at ${path}`);
  const metric = metrics.get(p.metric);
  if (!metric)
    throw new Error(`metric ${p.metric} is not declared (validate the policy before evaluating it)`);
  const { op, value } = comparatorOf(p);
  return { type: "metric", metric, op, value, calibration: p.calibration, mitigation: p.mitigation, path };
}
