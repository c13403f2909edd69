import type { Comparator, Mitigation, Policy, Predicate } from "@/lib/policy/schema";
import { comparatorOf, isMetricLeaf, isThresholdRef } from "@/lib/policy/schema";
import { COMPARATOR_SYMBOL, formatNumber } from "./model-format";

/**
 * The model page's scatter: one metric's score for every model against its training compute, with
 * the policy's threshold values as horizontal lines. Plain data for a dumb recharts renderer.
 */

export interface ScatterModel {
  id: string;
  name: string;
  trainingFlop: number | null;
}

export interface ScatterScore {
  model: string;
  value: number;
  mitigation: Mitigation;
}

/** One numeric leaf of a policy threshold that reads the metric. */
export interface MetricLeafRef {
  threshold: string;
  title: string;
  comparator: Comparator;
  value: number;
  calibration: "framework" | "illustrative";
  /** the leaf sits under a `not`: its comparator describes the safe side */
  negated: boolean;
}

export interface ScatterPoint {
  model: string;
  name: string;
  flop: number;
  /** log10 of the training FLOP: the chart's x */
  x: number;
  y: number;
  highlighted: boolean;
}

export interface ThresholdLine {
  y: number;
  comparator: Comparator;
  /** which side of the line is the risky one */
  riskySide: "above" | "below";
  calibration: "framework" | "illustrative";
  thresholds: string[];
  label: string;
}

export interface ComputeScatter {
  metric: string;
  /** every other model with a score and a training compute */
  points: ScatterPoint[];
  /** the page's model, when it can be plotted */
  highlighted: ScatterPoint | null;
  /** why the page's model is (not) on the chart */
  highlight: "plotted" | "no-compute" | "no-score";
  /** models with a score on the metric but no usable training compute (the page's model included) */
  notPlotted: number;
  thresholds: ThresholdLine[];
  /** whole powers of ten around the plotted compute */
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
}

/** Every numeric leaf in the policy that reads `metric`, in policy order. */
export function metricLeaves(policy: Policy, metric: string): MetricLeafRef[] {
  const out: MetricLeafRef[] = [];
  const visit = (p: Predicate, threshold: { id: string; title?: string }, negated: boolean) => {
    if (isMetricLeaf(p)) {
      if (p.metric !== metric) return;
      const { op, value } = comparatorOf(p);
      out.push({
        threshold: threshold.id,
        title: threshold.title ?? threshold.id,
        comparator: op,
        value,
        calibration: p.calibration,
        negated,
      });
      return;
    }
    if (isThresholdRef(p) || "fact" in p || "rate" in p) return;
    if ("not" in p) return visit(p.not, threshold, !negated);
    for (const c of "all" in p ? p.all : p.any) visit(c, threshold, negated);
  };
  for (const d of policy.domains) for (const t of d.thresholds) if (t.when) visit(t.when, t, false);
  return out;
}

/** Every metric the policy's leaves read, in policy order, without repeats. */
export function policyMetricIds(policy: Policy): string[] {
  const ids = new Set<string>();
  const visit = (p: Predicate) => {
    if (isMetricLeaf(p)) ids.add(p.metric);
    else if (isThresholdRef(p) || "fact" in p || "rate" in p) return;
    else if ("not" in p) visit(p.not);
    else for (const c of "all" in p ? p.all : p.any) visit(c);
  };
  for (const d of policy.domains) for (const t of d.thresholds) if (t.when) visit(t.when);
  return [...ids];
}

function riskySide(op: Comparator, negated: boolean): "above" | "below" {
  const up = op === "gte" || op === "gt";
  return up !== negated ? "above" : "below";
}

/** Leaves with the same value and comparator share one line, labelled with every threshold on it. */
export function thresholdLines(leaves: MetricLeafRef[]): ThresholdLine[] {
  const lines = new Map<string, ThresholdLine>();
  for (const l of leaves) {
    const key = `${l.value}|${l.comparator}|${l.negated}|${l.calibration}`;
    const hit = lines.get(key);
    if (hit) {
      if (!hit.thresholds.includes(l.title)) hit.thresholds.push(l.title);
    } else
      lines.set(key, {
        y: l.value,
        comparator: l.comparator,
        riskySide: riskySide(l.comparator, l.negated),
        calibration: l.calibration,
        thresholds: [l.title],
        label: "",
      });
  }
  return [...lines.values()]
    .map((line) => ({
      ...line,
      label: `${line.thresholds.join(", ")} ${COMPARATOR_SYMBOL[line.comparator]} ${formatNumber(line.y)} (${line.calibration})`,
    }))
    .sort((a, b) => a.y - b.y);
}

function usableFlop(f: number | null): f is number {
  return f !== null && Number.isFinite(f) && f > 0;
}

/**
 * One point per model: its riskiest score in the given mitigation state (the policy's worst-case
 * reading, `aggregate: max`), against log10 of its training FLOP. Models with a score but no usable
 * training compute are counted, not placed at an invented x.
 */
export function toComputeScatter(input: {
  models: ScatterModel[];
  scores: ScatterScore[];
  metric: string;
  modelId: string;
  leaves?: MetricLeafRef[];
  higherIsRiskier?: boolean | null;
  mitigation?: Mitigation;
}): ComputeScatter {
  const { models, scores, metric, modelId, leaves = [], mitigation = "pre" } = input;
  // An unknown direction reads the largest value as the riskiest, as the engine's default metrics do.
  const higher = input.higherIsRiskier ?? true;
  const best = new Map<string, number>();
  for (const s of scores) {
    if (s.mitigation !== mitigation || !Number.isFinite(s.value)) continue;
    const prev = best.get(s.model);
    if (prev === undefined || (higher ? s.value > prev : s.value < prev)) best.set(s.model, s.value);
  }
  const points: ScatterPoint[] = [];
  let highlighted: ScatterPoint | null = null;
  let notPlotted = 0;
  for (const m of models) {
    const y = best.get(m.id);
    if (y === undefined) continue;
    if (!usableFlop(m.trainingFlop)) {
      notPlotted++;
      continue;
    }
    const p: ScatterPoint = {
      model: m.id,
      name: m.name,
      flop: m.trainingFlop,
      x: Math.log10(m.trainingFlop),
      y,
      highlighted: m.id === modelId,
    };
    if (p.highlighted) highlighted = p;
    else points.push(p);
  }
  points.sort((a, b) => a.x - b.x || a.model.localeCompare(b.model));
  const thresholds = thresholdLines(leaves);

  const xs = [...points, ...(highlighted ? [highlighted] : [])].map((p) => p.x);
  const lo = xs.length ? Math.floor(Math.min(...xs)) : 20;
  const hi = xs.length ? Math.ceil(Math.max(...xs)) : 27;
  const xDomain: [number, number] = [lo, hi === lo ? lo + 1 : hi];
  const xTicks: number[] = [];
  for (let t = xDomain[0]; t <= xDomain[1]; t++) xTicks.push(t);

  const ys = [
    ...points.map((p) => p.y),
    ...(highlighted ? [highlighted.y] : []),
    ...thresholds.map((t) => t.y),
  ];
  const ymin = ys.length ? Math.min(...ys) : 0;
  const ymax = ys.length ? Math.max(...ys) : 1;
  const pad = ymax === ymin ? Math.abs(ymax) * 0.1 || 1 : (ymax - ymin) * 0.05;
  const yDomain = niceDomain(ymin >= 0 && ymin - pad < 0 ? 0 : ymin - pad, ymax + pad);

  const modelHasScore = best.has(modelId);
  const modelRow = models.find((m) => m.id === modelId);
  const highlight = highlighted
    ? "plotted"
    : modelHasScore && modelRow && !usableFlop(modelRow.trainingFlop)
      ? "no-compute"
      : "no-score";
  return {
    metric,
    points,
    highlighted,
    highlight,
    notPlotted,
    thresholds,
    xDomain,
    xTicks,
    yDomain,
    yTicks: niceTicks(yDomain),
  };
}

/** A round step (1, 2 or 5 × 10^k) that cuts a range into about 5 to 10 parts. */
function niceStep(range: number): number {
  const mag = 10 ** Math.floor(Math.log10(range));
  const r = range / mag;
  return r <= 2 ? mag / 5 : r <= 5 ? mag / 2 : mag;
}

// Rounding the quotients first keeps 0.1 + 0.2 noise from pushing a bound one step out.
const clean = (x: number) => Number(x.toPrecision(12));

/** Widens [lo, hi] to round numbers (multiples of 1, 2 or 5 × 10^k) so the axis ticks read cleanly. */
export function niceDomain(lo: number, hi: number): [number, number] {
  const range = hi - lo;
  if (!(range > 0) || !Number.isFinite(range)) return [lo, hi];
  const step = niceStep(range);
  return [clean(Math.floor(clean(lo / step)) * step), clean(Math.ceil(clean(hi / step)) * step)];
}

/** Ticks at every round step of a domain from niceDomain. */
export function niceTicks([lo, hi]: [number, number]): number[] {
  const range = hi - lo;
  if (!(range > 0) || !Number.isFinite(range)) return [lo];
  const step = niceStep(range);
  const out: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) out.push(clean(lo + i * step));
  return out;
}

/** "10^24" style tick for a log10 value, with a superscript for display. */
export function powerOfTen(x: number): string {
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const n = Math.round(x);
  const digits = String(Math.abs(n))
    .split("")
    .map((d) => sup[Number(d)])
    .join("");
  return `10${n < 0 ? "⁻" : ""}${digits}`;
}
