import { centreOf, fromAB, lmSigmoid, REFIT, toAB } from "./fit-sigmoid";
import type { LmOptions } from "./fit-sigmoid";
import { mulberry32 } from "./random";
import type { SigmoidFit } from "./types";

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20240601;

/**
 * Bootstrap over models: each resample draws n models with replacement and refits (k, x0),
 * warm-started from the full-data fit. Arrays are indexed by resample; a failed resample (fewer
 * than two distinct compute values) has k = NaN and is skipped by every consumer.
 */
export interface SigmoidBootstrap {
  floor: number;
  ceiling: number;
  seed: number;
  resamples: number;
  /** number of points the resamples were drawn from */
  n: number;
  k: Float64Array;
  x0: Float64Array;
  /**
   * One residual per resample for prediction intervals: the residual of a random in-bag model
   * against that resample's curve, inflated by sqrt(n / (n − 2)) for the two fitted parameters.
   */
  noise: Float64Array;
  /** inBag[b · n + i] = 1 when model i was drawn in resample b (out-of-bag curves = leave-one-out) */
  inBag: Uint8Array;
  failed: number;
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  lm?: LmOptions;
}

export function bootstrapSigmoid(
  points: readonly { x: number; y: number }[],
  fit: SigmoidFit,
  options: BootstrapOptions = {},
): SigmoidBootstrap {
  const B = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const lm = options.lm ?? REFIT;
  const n = points.length;
  const rand = mulberry32(seed);
  const xs = points.map((p) => p.x);
  const centre = centreOf(xs);
  const u = Float64Array.from(xs, (x) => x - centre);
  const y = Float64Array.from(points, (p) => p.y);
  const w = new Float64Array(n);
  const draws = new Int32Array(n);
  const span = fit.ceiling - fit.floor;
  const [a0, b0] = toAB(fit, centre);
  const inflate = n > 2 ? Math.sqrt(n / (n - 2)) : 1;

  const k = new Float64Array(B);
  const x0 = new Float64Array(B);
  const noise = new Float64Array(B);
  const inBag = new Uint8Array(B * n);
  let failed = 0;

  for (let b = 0; b < B; b++) {
    w.fill(0);
    let uMin = Infinity;
    let uMax = -Infinity;
    for (let j = 0; j < n; j++) {
      const i = Math.floor(rand() * n);
      draws[j] = i;
      w[i] = (w[i] as number) + 1;
      inBag[b * n + i] = 1;
      const ui = u[i] as number;
      if (ui < uMin) uMin = ui;
      if (ui > uMax) uMax = ui;
    }
    // The noise draw is taken even for a failed resample so the stream stays aligned.
    const pick = draws[Math.floor(rand() * n)] as number;
    if (!(uMax > uMin)) {
      k[b] = NaN;
      x0[b] = NaN;
      noise[b] = NaN;
      failed++;
      continue;
    }
    const r = lmSigmoid(u, y, w, fit.floor, span, a0, b0, lm);
    if (!Number.isFinite(r.sse)) {
      k[b] = NaN;
      x0[b] = NaN;
      noise[b] = NaN;
      failed++;
      continue;
    }
    const p = fromAB(r.a, r.b, centre);
    k[b] = p.k;
    x0[b] = p.x0;
    const fitted = fit.floor + span / (1 + Math.exp(-(r.a * (u[pick] as number) + r.b)));
    noise[b] = ((y[pick] as number) - fitted) * inflate;
  }
  return { floor: fit.floor, ceiling: fit.ceiling, seed, resamples: B, n, k, x0, noise, inBag, failed };
}
