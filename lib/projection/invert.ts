import type { SigmoidBootstrap } from "./bootstrap";
import { DEFAULT_LEVEL } from "./predict";
import { centralInterval } from "./quantile";
import type { SigmoidParams, Threshold } from "./types";

export function isPast(value: number, t: Threshold): boolean {
  switch (t.op) {
    case "gte":
      return value >= t.value;
    case "gt":
      return value > t.value;
    case "lte":
      return value <= t.value;
    case "lt":
      return value < t.value;
  }
}

/**
 * The compute (log10) from which the curve is past the threshold for every larger compute.
 * +Infinity: growing compute never gets there (threshold beyond the asymptote, or the curve moves
 * away from it). −Infinity: past at any compute (threshold on the near side of the floor).
 */
export function crossingX(p: SigmoidParams, t: Threshold): number {
  const lo = Math.min(p.floor, p.ceiling);
  const hi = Math.max(p.floor, p.ceiling);
  const upward = t.op === "gte" || t.op === "gt";
  // The sigmoid only takes values strictly between its asymptotes.
  if (upward ? t.value <= lo : t.value >= hi) return -Infinity;
  if (upward ? t.value >= hi : t.value <= lo) return Infinity;
  const increasing = p.k * (p.ceiling - p.floor) > 0;
  if (increasing !== upward) return Infinity;
  const q = (t.value - p.floor) / (p.ceiling - p.floor);
  return p.x0 + Math.log(q / (1 - q)) / p.k;
}

export type CrossingStatus = "crosses" | "never" | "already";

export interface Crossing {
  status: CrossingStatus;
  /** log10 compute of the crossing of the full-data curve; null unless status is "crosses" */
  x: number | null;
  /**
   * percentile interval of the bootstrap crossings, never-crossing resamples counted as +∞:
   * high is null when more than (1 − level)/2 of them never cross; low is null when as many are
   * already past at any compute.
   */
  low: number | null;
  high: number | null;
  level: number;
  /** share of resamples whose curve never crosses */
  neverFraction: number;
  /** share of resamples already past the threshold at any compute */
  alreadyFraction: number;
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/** Crossing compute of every bootstrap curve, by resample index (NaN for a failed resample). */
export function crossingSamples(boot: SigmoidBootstrap, t: Threshold): Float64Array {
  const out = new Float64Array(boot.resamples);
  for (let b = 0; b < boot.resamples; b++) {
    const k = boot.k[b] as number;
    out[b] = Number.isNaN(k)
      ? NaN
      : crossingX({ floor: boot.floor, ceiling: boot.ceiling, k, x0: boot.x0[b] as number }, t);
  }
  return out;
}

export function invertThreshold(
  fit: SigmoidParams,
  boot: SigmoidBootstrap,
  t: Threshold,
  options: { level?: number; samples?: Float64Array } = {},
): Crossing {
  const level = options.level ?? DEFAULT_LEVEL;
  const samples = options.samples ?? crossingSamples(boot, t);
  let never = 0;
  let already = 0;
  let used = 0;
  for (const x of samples) {
    if (Number.isNaN(x)) continue;
    used++;
    if (x === Infinity) never++;
    else if (x === -Infinity) already++;
  }
  const x = crossingX(fit, t);
  const [low, high] = centralInterval(samples, level);
  return {
    status: x === Infinity ? "never" : x === -Infinity ? "already" : "crosses",
    x: finiteOrNull(x),
    low: finiteOrNull(low),
    high: finiteOrNull(high),
    level,
    neverFraction: used === 0 ? NaN : never / used,
    alreadyFraction: used === 0 ? NaN : already / used,
  };
}

/** P(crossing) for a planned run at log10 compute x: the share of bootstrap curves past the threshold there. */
export function probabilityPast(boot: SigmoidBootstrap, x: number, t: Threshold): number {
  const span = boot.ceiling - boot.floor;
  let past = 0;
  let used = 0;
  for (let b = 0; b < boot.resamples; b++) {
    const k = boot.k[b] as number;
    if (Number.isNaN(k)) continue;
    used++;
    if (isPast(boot.floor + span / (1 + Math.exp(-k * (x - (boot.x0[b] as number)))), t)) past++;
  }
  return used === 0 ? NaN : past / used;
}
