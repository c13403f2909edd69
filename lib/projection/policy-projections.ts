import type { Metric, Policy, Predicate } from "@/lib/policy/schema";
import { comparatorOf, isMetricLeaf, thresholdLevel } from "@/lib/policy/schema";
import { walk } from "@/lib/policy/semantics";
import { backtest } from "./backtest";
import type { BacktestResult } from "./backtest";
import { dayNumber, isoDate } from "./dates";
import { effectiveCompute } from "./effective-compute";
import type { EfficiencyConfig } from "./effective-compute";
import { project } from "./project";
import type { Projection } from "./project";
import { fitDoublingTime, fitFrontierTrend } from "./trend";
import type { DoublingFit, FrontierTrend } from "./trend";
import type { ProjectionPoint, ThresholdOp } from "./types";
import type { ProjectionWarning } from "./warnings";

/** A model as projections see it: compute, release date and its best score per metric. */
export interface ProjectionModel {
  id: string;
  family?: string | null;
  release_date?: string | null;
  training_flop?: number | null;
  params_b?: number | null;
  active_params_b?: number | null;
  training_tokens?: number | null;
  /** metric id → the riskiest pre-mitigation value (the engine's `aggregate: max`) */
  scores: Map<string, number>;
}

export interface LeafProjection {
  threshold: string;
  domain: string;
  level: string | null;
  metric: string;
  op: ThresholdOp;
  value: number;
  calibration: "framework" | "illustrative";
  method: "compute-sigmoid" | "time-trend" | "none";
  n: number;
  /** why there is no projection, when method is "none" */
  skipped?: string;
  points: ProjectionPoint[];
  floor?: number;
  ceiling?: number;
  fit?: Projection["fit"];
  /** crossing compute in raw FLOP with its interval */
  crossing?: {
    status: string;
    flop: number | null;
    low: number | null;
    high: number | null;
    level: number;
    never_fraction: number;
  };
  crossing_date?: { date: string | null; low: string | null; high: string | null };
  p_planned?: number;
  trend?: Pick<DoublingFit, "n" | "doublingDays" | "interval">;
  warnings: ProjectionWarning[];
  backtest?:
    { cutoff: string; n_fit: number; n_test: number; mae: number; coverage80: number } | { skipped: string };
}

export interface PolicyProjectionOptions {
  /** log10 FLOP is computed from these, optionally with an algorithmic-efficiency factor */
  efficiency?: EfficiencyConfig;
  plannedFlop?: number;
  family?: string;
  resamples?: number;
  seed?: number;
}

function leavesOf(p: Predicate): Extract<Predicate, { metric: string }>[] {
  const out: Extract<Predicate, { metric: string }>[] = [];
  walk(p, [], (q) => {
    if (isMetricLeaf(q)) out.push(q);
  });
  return out;
}

/** Chance and best attainable score; unknown ones fall back to the unit's natural range or the data. */
function bounds(metric: Metric, ys: number[]): { floor: number; ceiling: number } {
  const dataMin = Math.min(...ys);
  const dataMax = Math.max(...ys);
  const natural =
    metric.unit === "fraction" ? [0, 1] : metric.unit === "percent" ? [0, 100] : [dataMin, dataMax];
  let floor = metric.chance ?? (metric.higher_is_riskier ? natural[0]! : natural[1]!);
  let ceiling = metric.ceiling ?? (metric.higher_is_riskier ? natural[1]! : natural[0]!);
  if (floor === ceiling) [floor, ceiling] = [dataMin, dataMax];
  return { floor, ceiling };
}

/** Every numeric threshold leaf of a policy, projected from the models' scores. Pure and seeded. */
export function projectPolicy(
  policy: Policy,
  models: readonly ProjectionModel[],
  opts: PolicyProjectionOptions = {},
): {
  frontier: FrontierTrend | null;
  leaves: LeafProjection[];
} {
  const pool = opts.family ? models.filter((m) => m.family === opts.family) : models;
  const xs = new Map<string, number>();
  for (const m of models) {
    const ec = effectiveCompute(
      {
        trainingFlop: m.training_flop ?? null,
        params: m.params_b != null ? m.params_b * 1e9 : null,
        activeParams: m.active_params_b != null ? m.active_params_b * 1e9 : null,
        tokens: m.training_tokens ?? null,
        releaseDate: m.release_date ?? null,
      },
      opts.efficiency,
    );
    if (ec) xs.set(m.id, ec.log10);
  }
  const dated = models.filter((m) => m.release_date && xs.has(m.id));
  let frontier: FrontierTrend | null = null;
  if (dated.length >= 3) {
    try {
      frontier = fitFrontierTrend(
        dated.map((m) => ({ id: m.id, date: m.release_date!, log10Flop: xs.get(m.id)! })),
        {
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}),
        },
      );
    } catch {
      frontier = null;
    }
  }
  const metrics = new Map(policy.metrics.map((m) => [m.id, m]));
  const leaves: LeafProjection[] = [];
  for (const d of policy.domains) {
    for (const t of d.thresholds) {
      if (!t.when) continue;
      for (const leaf of leavesOf(t.when)) {
        const metric = metrics.get(leaf.metric)!;
        const { op, value } = comparatorOf(leaf);
        const base = {
          threshold: t.id,
          domain: d.id,
          level: thresholdLevel(t),
          metric: metric.id,
          op,
          value,
          calibration: leaf.calibration,
        };
        leaves.push(
          metric.unit === "minutes"
            ? timeTrendLeaf(base, pool, metric)
            : computeLeaf(base, pool, xs, metric, frontier, opts),
        );
      }
    }
  }
  return { frontier, leaves };
}

type LeafBase = Pick<
  LeafProjection,
  "threshold" | "domain" | "level" | "metric" | "op" | "value" | "calibration"
>;

function computeLeaf(
  base: LeafBase,
  models: readonly ProjectionModel[],
  xs: Map<string, number>,
  metric: Metric,
  frontier: FrontierTrend | null,
  opts: PolicyProjectionOptions,
): LeafProjection {
  const points: ProjectionPoint[] = [];
  for (const m of models) {
    const y = m.scores.get(metric.id);
    const x = xs.get(m.id);
    if (y === undefined || x === undefined) continue;
    points.push({ id: m.id, x, y, ...(m.release_date ? { date: m.release_date } : {}) });
  }
  points.sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1));
  if (points.length < 3) {
    const withScore = models.filter((m) => m.scores.has(metric.id)).length;
    return {
      ...base,
      method: "none",
      n: points.length,
      points,
      skipped: `${points.length} model(s) with both a score and training compute (${withScore} with a score): at least 3 are needed`,
      warnings: [],
    };
  }
  const b = bounds(
    metric,
    points.map((p) => p.y),
  );
  const seed = opts.seed ?? 1;
  const pr = project({
    points,
    bounds: b,
    threshold: { op: base.op, value: base.value },
    metric: { id: metric.id, scoring: metric.continuity },
    ...(opts.plannedFlop ? { plannedX: Math.log10(opts.plannedFlop) } : {}),
    ...(frontier ? { frontier } : {}),
    ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}),
    seed,
  });
  return {
    ...base,
    method: "compute-sigmoid",
    n: points.length,
    points,
    floor: b.floor,
    ceiling: b.ceiling,
    fit: pr.fit,
    crossing: {
      status: pr.crossing.status,
      flop: pr.crossing.x === null ? null : 10 ** pr.crossing.x,
      low: pr.crossing.low === null ? null : 10 ** pr.crossing.low,
      high: pr.crossing.high === null ? null : 10 ** pr.crossing.high,
      level: pr.crossing.level,
      never_fraction: pr.crossing.neverFraction,
    },
    ...(pr.crossingDate
      ? {
          crossing_date: { date: pr.crossingDate.date, low: pr.crossingDate.low, high: pr.crossingDate.high },
        }
      : {}),
    ...(pr.pPlanned !== undefined ? { p_planned: pr.pPlanned } : {}),
    warnings: pr.warnings,
    backtest: computeBacktest(points, b, opts),
  };
}

/** Fit on the lower two thirds of compute, predict the rest: how the same method did on the past. */
function computeBacktest(
  points: ProjectionPoint[],
  b: { floor: number; ceiling: number },
  opts: PolicyProjectionOptions,
): LeafProjection["backtest"] {
  const cutIndex = Math.floor((points.length * 2) / 3) - 1;
  if (points.length < 6 || cutIndex < 2)
    return { skipped: `${points.length} points: a backtest needs at least 6` };
  const cutoff = points[cutIndex]!.x;
  try {
    const r: BacktestResult = backtest(points, {
      cutoff: { x: cutoff },
      bounds: b,
      ...(opts.resamples !== undefined ? { resamples: opts.resamples } : {}),
      seed: opts.seed ?? 1,
    });
    return {
      cutoff: `≤ ${(10 ** cutoff).toExponential(1)} FLOP`,
      n_fit: r.nFit,
      n_test: r.nTest,
      mae: r.mae,
      coverage80: r.coverage,
    };
  } catch (e) {
    return { skipped: e instanceof Error ? e.message : String(e) };
  }
}

/** Minutes-valued metrics (METR time horizons) grow with release date: a doubling-time trend. */
function timeTrendLeaf(base: LeafBase, models: readonly ProjectionModel[], metric: Metric): LeafProjection {
  const dated = models
    .filter((m) => m.release_date && (m.scores.get(metric.id) ?? 0) > 0)
    .map((m) => ({ id: m.id, date: m.release_date!, value: m.scores.get(metric.id)! }));
  const points: ProjectionPoint[] = dated.map((d) => ({
    id: d.id,
    x: dayNumber(d.date),
    y: d.value,
    date: d.date,
  }));
  if (dated.length < 3) {
    return {
      ...base,
      method: "none",
      n: dated.length,
      points,
      skipped: `${dated.length} dated model(s): at least 3 are needed`,
      warnings: [],
    };
  }
  const fit = fitDoublingTime(dated, { sotaOnly: true });
  // Date at which the SOTA trend reaches the threshold: log2(v) = intercept + slope·(day − ref).
  const ref = dayNumber(fit.refDate);
  const dayAt = (slope: number) => ref + (Math.log2(base.value) - fit.interceptAtRef) / slope;
  const slopeLow = fit.interval.high ? 1 / fit.interval.high : null; // slow doubling → late crossing
  const slopeHigh = 1 / fit.interval.low;
  const warnings: ProjectionWarning[] = [];
  if (fit.n < 5)
    warnings.push({ code: "TOO_FEW_POINTS", message: `only ${fit.n} state-of-the-art models on the trend` });
  const latest = Math.max(...dated.map((d) => dayNumber(d.date)));
  const crossingDay = dayAt(fit.slopePerDay);
  if (fit.slopePerDay > 0 && crossingDay - latest > 365) {
    warnings.push({
      code: "EXTRAPOLATION",
      message: `the crossing lies ${((crossingDay - latest) / 365).toFixed(1)} years beyond the newest model`,
    });
  }
  return {
    ...base,
    method: "time-trend",
    n: fit.n,
    points,
    trend: { n: fit.n, doublingDays: fit.doublingDays, interval: fit.interval },
    crossing_date:
      fit.slopePerDay > 0
        ? {
            date: isoDate(Math.round(crossingDay)),
            low: isoDate(Math.round(dayAt(slopeHigh))),
            high: slopeLow ? isoDate(Math.round(dayAt(slopeLow))) : null,
          }
        : { date: null, low: null, high: null },
    warnings,
  };
}
