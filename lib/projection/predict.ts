import type { SigmoidBootstrap } from "./bootstrap";
import { centralInterval } from "./quantile";
import { sigmoidAt } from "./sigmoid";
import type { Interval, SigmoidParams } from "./types";

export const DEFAULT_LEVEL = 0.8;

export interface Prediction {
  /** log10 effective compute */
  x: number;
  /** the full-data curve at x */
  y: number;
  /** percentile interval of the bootstrap curves at x: where the *mean* score of models at x lies */
  confidence: Interval;
  /**
   * percentile interval of bootstrap curve + that resample's residual draw: where *one new model's*
   * score at x should land. Backtests and anomaly flags use this one.
   */
  prediction: Interval;
  /** resamples that contributed (out-of-bag ones only when `outOfBag` is set) */
  used: number;
}

export interface PredictOptions {
  level?: number;
  /**
   * clip predicted scores to the metric's attainable range, e.g. [0, 1]. Default: clipped at the
   * ceiling only — no score passes the best attainable one, while chance plus noise can fall below
   * the floor (ARC-C has models at 0.20 against a 0.25 floor).
   */
  range?: [number, number];
  /** index of a model: use only resamples that did not draw it (a leave-one-out interval) */
  outOfBag?: number;
}

export function predictAt(
  fit: SigmoidParams,
  boot: SigmoidBootstrap,
  x: number,
  options: PredictOptions = {},
): Prediction {
  const level = options.level ?? DEFAULT_LEVEL;
  const span = boot.ceiling - boot.floor;
  const curves: number[] = [];
  const draws: number[] = [];
  const up = boot.ceiling > boot.floor;
  const lo = options.range?.[0] ?? (up ? -Infinity : boot.ceiling);
  const hi = options.range?.[1] ?? (up ? boot.ceiling : Infinity);
  const skip = options.outOfBag;
  for (let b = 0; b < boot.resamples; b++) {
    const k = boot.k[b] as number;
    if (Number.isNaN(k)) continue;
    if (skip !== undefined && boot.inBag[b * boot.n + skip] === 1) continue;
    const v = boot.floor + span / (1 + Math.exp(-k * (x - (boot.x0[b] as number))));
    curves.push(v);
    draws.push(Math.min(hi, Math.max(lo, v + (boot.noise[b] as number))));
  }
  const [cLow, cHigh] = centralInterval(curves, level);
  const [pLow, pHigh] = centralInterval(draws, level);
  return {
    x,
    y: Math.min(hi, Math.max(lo, sigmoidAt(fit, x))),
    confidence: { low: cLow, high: cHigh, level },
    prediction: { low: pLow, high: pHigh, level },
    used: curves.length,
  };
}

/** Curve and intervals on an even grid of x, for charts (the renderer only draws these). */
export function predictBand(
  fit: SigmoidParams,
  boot: SigmoidBootstrap,
  from: number,
  to: number,
  steps: number,
  options: Omit<PredictOptions, "outOfBag"> = {},
): Prediction[] {
  const out: Prediction[] = [];
  const m = Math.max(1, Math.floor(steps));
  for (let i = 0; i <= m; i++) out.push(predictAt(fit, boot, from + ((to - from) * i) / m, options));
  return out;
}
