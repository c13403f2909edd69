import type { Predicate } from "./schema";
import { comparatorOf, isFactLeaf, isMetricLeaf, isRateLeaf, isThresholdRef } from "./schema";

const OP = { gte: "≥", gt: ">", lte: "≤", lt: "<" } as const;

export interface PredicateLine {
  text: string;
  calibration?: "framework" | "illustrative";
}

/** A predicate tree as readable lines for people who do not read YAML ("any of", "all of", "not"). */
export function describePredicate(p: Predicate, depth = 0): PredicateLine[] {
  const pad = "  ".repeat(depth);
  if (isMetricLeaf(p)) {
    const { op, value } = comparatorOf(p);
    return [
      {
        text: `${pad}${p.metric} ${OP[op]} ${value}${p.mitigation ? ` (${p.mitigation}-mitigation)` : ""}`,
        calibration: p.calibration,
      },
    ];
  }
  if (isThresholdRef(p)) return [{ text: `${pad}threshold ${p.threshold} is crossed` }];
  if (isFactLeaf(p)) return [{ text: `${pad}${p.fact} is ${p.is === false ? "false" : "true"}` }];
  if (isRateLeaf(p)) {
    const r = p.rate;
    return [
      {
        text: `${pad}growth rate of ${r.series} over the last ${r.recent_days} days ≥ ${r.ratio_gte}× its ${r.baseline.from}…${r.baseline.to} rate`,
        calibration: p.calibration,
      },
    ];
  }
  if ("not" in p) return [{ text: `${pad}not:` }, ...describePredicate(p.not, depth + 1)];
  const [word, children] = "all" in p ? ["all of", p.all] : ["any of", p.any];
  if (children.length === 1) return describePredicate(children[0]!, depth);
  return [{ text: `${pad}${word}:` }, ...children.flatMap((c) => describePredicate(c, depth + 1))];
}
