import { DomainError } from "@/lib/errors";
import { DAYS_PER_YEAR, dayNumber, isoDate } from "./dates";
import { ols } from "./ols";
import { DEFAULT_LEVEL } from "./predict";
import { centralInterval } from "./quantile";
import { mulberry32 } from "./random";
import { studentTQuantile } from "./student-t";
import type { Interval } from "./types";

/**
 * Keeps the points that were state of the art when released: value strictly above every value
 * released on an earlier date (METR's `is_sota` flag is exactly this running maximum).
 */
export function sotaOnly<T>(points: readonly T[], date: (p: T) => string, value: (p: T) => number): T[] {
  const byDay = new Map<number, { p: T; v: number }[]>();
  for (const p of points) {
    const day = dayNumber(date(p));
    const list = byDay.get(day) ?? [];
    list.push({ p, v: value(p) });
    byDay.set(day, list);
  }
  const kept: T[] = [];
  let best = -Infinity;
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    // Models released the same day are judged against earlier days only, not against each other.
    const sameDay = byDay.get(day) ?? [];
    for (const s of sameDay) if (s.v > best) kept.push(s.p);
    best = Math.max(best, ...sameDay.map((s) => s.v));
  }
  return kept;
}

export interface DatedValue {
  id: string;
  /** release date, YYYY-MM-DD */
  date: string;
  /** a positive quantity that grows exponentially, e.g. a METR p50 time horizon in minutes */
  value: number;
}

export interface DoublingOptions {
  /** keep only models released on or after this date (SOTA status is still judged on all history) */
  since?: string;
  sotaOnly?: boolean;
  /** interval level; default 0.95, the level METR publishes */
  level?: number;
}

export interface DoublingFit {
  n: number;
  ids: string[];
  /** 1 / slope of log2(value) per day; negative would be a halving time */
  doublingDays: number;
  /** t-interval of the OLS slope, inverted; high is null when the slope's interval reaches 0 */
  interval: { low: number; high: number | null; level: number };
  /** log2 units per day, and log2(value) at `refDate` */
  slopePerDay: number;
  interceptAtRef: number;
  refDate: string;
  method: "ols-t";
}

/**
 * Doubling time of an exponentially growing metric: OLS of log2(value) on release date. The OLS
 * point estimate on METR's SOTA models reproduces METR's published doubling time exactly; the
 * interval is the slope's t-interval (METR's own CI comes from a hierarchical bootstrap over tasks
 * that the per-model YAML cannot replay, so it differs somewhat).
 */
export function fitDoublingTime(points: readonly DatedValue[], options: DoublingOptions = {}): DoublingFit {
  const level = options.level ?? 0.95;
  for (const p of points)
    if (!(p.value > 0) || !Number.isFinite(p.value))
      throw new DomainError("VALIDATION", `doubling time: ${p.id} has a non-positive value ${p.value}`);
  let kept = options.sotaOnly
    ? sotaOnly(
        points,
        (p) => p.date,
        (p) => p.value,
      )
    : [...points];
  if (options.since !== undefined) {
    const from = dayNumber(options.since);
    kept = kept.filter((p) => dayNumber(p.date) >= from);
  }
  const days = kept.map((p) => dayNumber(p.date));
  if (kept.length < 3 || new Set(days).size < 2)
    throw new DomainError(
      "VALIDATION",
      `doubling time needs at least 3 models on 2 dates, got ${kept.length}`,
    );
  const ref = Math.round(days.reduce((a, b) => a + b, 0) / days.length);
  const fit = ols(
    days.map((d) => d - ref),
    kept.map((p) => Math.log2(p.value)),
  );
  const t = studentTQuantile(1 - (1 - level) / 2, fit.n - 2);
  const fast = fit.slope + t * fit.slopeSe;
  const slow = fit.slope - t * fit.slopeSe;
  return {
    n: fit.n,
    ids: kept.map((p) => p.id),
    doublingDays: 1 / fit.slope,
    interval: { low: 1 / fast, high: slow > 0 ? 1 / slow : null, level },
    slopePerDay: fit.slope,
    interceptAtRef: fit.intercept,
    refDate: isoDate(ref),
    method: "ols-t",
  };
}

export interface ComputePoint {
  id?: string;
  date: string;
  log10Flop: number;
}

export interface FrontierTrendOptions {
  /** fit the running maximum (default) rather than every model */
  runningMax?: boolean;
  resamples?: number;
  seed?: number;
  level?: number;
}

/** Linear trend of frontier log10 training compute against release date. */
export interface FrontierTrend {
  n: number;
  frontier: ComputePoint[];
  /** orders of magnitude per year */
  slopePerYear: number;
  slopeInterval: Interval;
  /** log10 FLOP on refDate */
  interceptAtRef: number;
  refDate: string;
  /** residual-bootstrap refits, per day from refDate: aligned by index with sigmoid resamples */
  samples: { slope: Float64Array; intercept: Float64Array };
}

export function fitFrontierTrend(
  points: readonly ComputePoint[],
  options: FrontierTrendOptions = {},
): FrontierTrend {
  const B = options.resamples ?? 1000;
  const level = options.level ?? DEFAULT_LEVEL;
  const frontier =
    options.runningMax === false
      ? [...points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date))
      : sotaOnly(
          points,
          (p) => p.date,
          (p) => p.log10Flop,
        );
  const days = frontier.map((p) => dayNumber(p.date));
  if (frontier.length < 3 || new Set(days).size < 2)
    throw new DomainError(
      "VALIDATION",
      `frontier trend needs at least 3 frontier models, got ${frontier.length}`,
    );
  const ref = Math.round(days.reduce((a, b) => a + b, 0) / days.length);
  const u = days.map((d) => d - ref);
  const y = frontier.map((p) => p.log10Flop);
  const fit = ols(u, y);
  const t = studentTQuantile(1 - (1 - level) / 2, fit.n - 2);

  // Residual bootstrap: resampling the handful of frontier models themselves would often leave a
  // single date; resampling residuals around the fitted line keeps the design and its spread.
  const rand = mulberry32(options.seed ?? 7);
  const n = fit.n;
  const inflate = n > 2 ? Math.sqrt(n / (n - 2)) : 1;
  const ys = new Float64Array(n);
  const slope = new Float64Array(B);
  const intercept = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) {
      const r = fit.residuals[Math.floor(rand() * n)] as number;
      ys[i] = fit.intercept + fit.slope * (u[i] as number) + r * inflate;
    }
    const f = ols(u, ys);
    slope[b] = f.slope;
    intercept[b] = f.intercept;
  }
  return {
    n,
    frontier,
    slopePerYear: fit.slope * DAYS_PER_YEAR,
    slopeInterval: {
      low: (fit.slope - t * fit.slopeSe) * DAYS_PER_YEAR,
      high: (fit.slope + t * fit.slopeSe) * DAYS_PER_YEAR,
      level,
    },
    interceptAtRef: fit.intercept,
    refDate: isoDate(ref),
    samples: { slope, intercept },
  };
}

/** Frontier log10 compute the trend expects on a date. */
export function frontierComputeAt(trend: FrontierTrend, date: string): number {
  return (
    trend.interceptAtRef + (trend.slopePerYear / DAYS_PER_YEAR) * (dayNumber(date) - dayNumber(trend.refDate))
  );
}

export interface CrossingDate {
  /** when the frontier trend reaches the crossing compute; null when it never does */
  date: string | null;
  low: string | null;
  high: string | null;
  level: number;
  /** share of paired (curve, trend) resamples that never reach the threshold */
  neverFraction: number;
}

/**
 * Maps crossing computes to calendar dates through the frontier trend. `samples` are the per-resample
 * crossings (invert.crossingSamples); each is paired with the trend resample of the same index, so
 * the interval carries both the capability curve's and the compute trend's uncertainty.
 */
export function crossingDate(
  trend: FrontierTrend,
  x: number | null,
  samples: Float64Array,
  options: { level?: number } = {},
): CrossingDate {
  const level = options.level ?? DEFAULT_LEVEL;
  const ref = dayNumber(trend.refDate);
  const slopePerDay = trend.slopePerYear / DAYS_PER_YEAR;
  const toDay = (xc: number, a: number, s: number): number => {
    if (xc === -Infinity) return -Infinity;
    if (xc === Infinity || !(s > 0)) return Infinity;
    return ref + (xc - a) / s;
  };
  const B = trend.samples.slope.length;
  const days: number[] = [];
  let never = 0;
  for (let b = 0; b < samples.length; b++) {
    const xc = samples[b] as number;
    if (Number.isNaN(xc)) continue;
    const j = b % B;
    const d = toDay(xc, trend.samples.intercept[j] as number, trend.samples.slope[j] as number);
    if (d === Infinity) never++;
    days.push(d);
  }
  const [lo, hi] = centralInterval(days, level);
  const point = x === null ? Infinity : toDay(x, trend.interceptAtRef, slopePerDay);
  const show = (d: number) => (Number.isFinite(d) ? isoDate(d) : null);
  return {
    date: show(point),
    low: show(lo),
    high: show(hi),
    level,
    neverFraction: days.length === 0 ? NaN : never / days.length,
  };
}
