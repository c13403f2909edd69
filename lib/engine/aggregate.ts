import type { Metric, Policy } from "@/lib/policy/schema";
import type { ScoreInput } from "./input";
import type { ScoreRef } from "./types";

export interface Aggregated {
  value: number;
  stderr: number | null;
  /** the scores the value rests on (one for max/latest, all for mean) */
  scores: ScoreRef[];
}

function ref(s: ScoreInput): ScoreRef {
  const r: ScoreRef = { value: s.value as number };
  if (s.id !== undefined) r.id = s.id;
  if (s.stderr != null) r.stderr = s.stderr;
  if (s.n != null) r.n = s.n;
  if (s.elicitation != null) r.elicitation = s.elicitation;
  if (s.evaluated_at != null) r.evaluated_at = s.evaluated_at;
  if (s.source != null) r.source = s.source;
  return r;
}

/**
 * Several scores of one metric in one mitigation state become one value.
 * `max` means the riskiest value in the metric's direction (the worst-case elicitation), not the
 * numerically largest: for a metric where lower is riskier it takes the minimum.
 */
export function aggregateScores(scores: ScoreInput[], metric: Metric, how: Policy["aggregate"]): Aggregated {
  if (how === "mean") {
    let sum = 0;
    let varSum = 0;
    let allStderr = true;
    for (const s of scores) {
      sum += s.value as number;
      if (s.stderr == null) allStderr = false;
      else varSum += s.stderr * s.stderr;
    }
    const k = scores.length;
    return { value: sum / k, stderr: allStderr ? Math.sqrt(varSum) / k : null, scores: scores.map(ref) };
  }
  const riskier = (a: number, b: number) => (metric.higher_is_riskier ? a > b : a < b);
  let best = scores[0]!;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i]!;
    const va = s.value as number;
    const vb = best.value as number;
    const da = s.evaluated_at ?? "";
    const db = best.evaluated_at ?? "";
    const better =
      how === "max" ? riskier(va, vb) || (va === vb && da > db) : da > db || (da === db && riskier(va, vb));
    if (better) best = s;
  }
  return { value: best.value as number, stderr: best.stderr ?? null, scores: [ref(best)] };
}
