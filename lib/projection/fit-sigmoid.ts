import { DomainError } from "@/lib/errors";
import type { SigmoidBounds, SigmoidFit, SigmoidParams } from "./types";

/**
 * Levenberg–Marquardt for the two free parameters of a sigmoid whose floor and ceiling are fixed.
 *
 * Written out by hand rather than through ml-levenberg-marquardt: with two parameters the normal
 * equations are a 2×2 solve with an analytic Jacobian, which is ~50× cheaper than the generic
 * solver's finite differences and matrix objects — the bootstrap runs thousands of these fits per
 * projection (the test suite cross-checks both solvers agree on real data).
 *
 * Internally the logit is parameterised as a·(x − x̄) + b (x̄ = mean of x): the pair (a, b) is far
 * better conditioned than (k, x0), whose x0 runs off to ±∞ as the slope flattens. k = a,
 * x0 = x̄ − b/a.
 */

/** |a| above this is a step function at the resolution of any compute grid (10–90 % in < 0.1 OOM). */
const MAX_SLOPE = 50;
/** |b| above this puts every point deep in one tail; σ(±60) is 1 to double precision anyway. */
const MAX_LOGIT = 60;

export interface LmOptions {
  maxIterations: number;
  /** stop when the relative SSE decrease of an accepted step falls below this */
  tolerance: number;
}

export const FULL_FIT: LmOptions = { maxIterations: 200, tolerance: 1e-12 };
/** Warm-started bootstrap refits: a handful of iterations from the full-data optimum suffice. */
export const REFIT: LmOptions = { maxIterations: 25, tolerance: 1e-8 };

export interface LmResult {
  a: number;
  b: number;
  sse: number;
  iterations: number;
  converged: boolean;
}

const clamp = (v: number, m: number) => (v > m ? m : v < -m ? -m : v);

/**
 * Weighted LM on u = x − x̄ (weights are bootstrap counts; 1 for a plain fit). Pure arithmetic on
 * typed arrays, no allocation inside the loop.
 */
export function lmSigmoid(
  u: Float64Array,
  y: Float64Array,
  w: Float64Array,
  floor: number,
  span: number,
  a0: number,
  b0: number,
  opts: LmOptions,
): LmResult {
  const n = u.length;
  // One pass gives the SSE and the normal equations at (a, b): every trial point is evaluated
  // once, and an accepted trial already carries the Jacobian products for the next step.
  let j11 = 0;
  let j12 = 0;
  let j22 = 0;
  let g1 = 0;
  let g2 = 0;
  const evaluate = (a: number, b: number): number => {
    let sse = 0;
    let s11 = 0;
    let s12 = 0;
    let s22 = 0;
    let r1 = 0;
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      if (wi === 0) continue;
      const ui = u[i] as number;
      const s = 1 / (1 + Math.exp(-(a * ui + b)));
      const r = (y[i] as number) - floor - span * s;
      const jb = span * s * (1 - s);
      const ja = jb * ui;
      sse += wi * r * r;
      s11 += wi * ja * ja;
      s12 += wi * ja * jb;
      s22 += wi * jb * jb;
      r1 += wi * ja * r;
      r2 += wi * jb * r;
    }
    j11 = s11;
    j12 = s12;
    j22 = s22;
    g1 = r1;
    g2 = r2;
    return sse;
  };

  let a = clamp(a0, MAX_SLOPE);
  let b = clamp(b0, MAX_LOGIT);
  let sse = evaluate(a, b);
  let c11 = j11;
  let c12 = j12;
  let c22 = j22;
  let c1 = g1;
  let c2 = g2;
  let lambda = 1e-3;
  let converged = false;
  let iterations = 0;
  if (!Number.isFinite(sse)) return { a, b, sse, iterations, converged };

  while (iterations < opts.maxIterations) {
    iterations++;
    let accepted = false;
    while (lambda < 1e12) {
      // Marquardt's scaling λ·diag(JᵀJ), plus a floor so a saturated (flat) Jacobian still moves.
      const eps = 1e-12 * (1 + c11 + c22);
      const A11 = c11 + lambda * (c11 + eps);
      const A22 = c22 + lambda * (c22 + eps);
      const det = A11 * A22 - c12 * c12;
      if (!(det > 0)) {
        lambda *= 10;
        continue;
      }
      const da = (A22 * c1 - c12 * c2) / det;
      const db = (A11 * c2 - c12 * c1) / det;
      const na = clamp(a + da, MAX_SLOPE);
      const nb = clamp(b + db, MAX_LOGIT);
      const nsse = evaluate(na, nb);
      if (nsse < sse) {
        const gain = sse - nsse;
        const stepSmall =
          Math.abs(na - a) <= 1e-10 * (1 + Math.abs(a)) && Math.abs(nb - b) <= 1e-10 * (1 + Math.abs(b));
        a = na;
        b = nb;
        sse = nsse;
        c11 = j11;
        c12 = j12;
        c22 = j22;
        c1 = g1;
        c2 = g2;
        lambda = Math.max(lambda / 10, 1e-12);
        accepted = true;
        if (gain <= opts.tolerance * (sse + 1e-300) || stepSmall) converged = true;
        break;
      }
      lambda *= 10;
    }
    // No step lowers the SSE even at huge damping: we sit at a (local) minimum.
    if (!accepted) converged = true;
    if (converged) break;
  }
  return { a, b, sse, iterations, converged };
}

/** SSE of (a, b) without the Jacobian, for grid starts. */
function sseAt(u: Float64Array, y: Float64Array, floor: number, span: number, a: number, b: number): number {
  let sse = 0;
  for (let i = 0; i < u.length; i++) {
    const r = (y[i] as number) - floor - span / (1 + Math.exp(-(a * (u[i] as number) + b)));
    sse += r * r;
  }
  return sse;
}

/** Logit-linear start: OLS of logit((y − floor)/span), clipped away from 0 and 1, on u. */
function linearStart(u: Float64Array, y: Float64Array, floor: number, span: number): [number, number] {
  const n = u.length;
  let su = 0;
  let sz = 0;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(0.98, Math.max(0.02, ((y[i] as number) - floor) / span));
    z[i] = Math.log(p / (1 - p));
    su += u[i] as number;
    sz += z[i] as number;
  }
  const mu = su / n;
  const mz = sz / n;
  let suu = 0;
  let suz = 0;
  for (let i = 0; i < n; i++) {
    const du = (u[i] as number) - mu;
    suu += du * du;
    suz += du * ((z[i] as number) - mz);
  }
  const a = suu > 0 ? suz / suu : 0;
  return [a, mz - a * mu];
}

/** Coarse grid over slope and midpoint: the fallback when the linear start lands in a poor basin. */
function gridStart(u: Float64Array, y: Float64Array, floor: number, span: number): [number, number] {
  const sorted = Float64Array.from(u).sort();
  const lo = sorted[0] as number;
  const hi = sorted[sorted.length - 1] as number;
  const mids = [lo - 1, lo, 0.75 * lo + 0.25 * hi, 0.5 * (lo + hi), 0.25 * lo + 0.75 * hi, hi, hi + 1];
  const slopes = [-10, -3, -1, -0.3, 0.3, 1, 3, 10];
  let best: [number, number] = [0, 0];
  let bestSse = Infinity;
  for (const a of slopes) {
    for (const m of mids) {
      const b = -a * m;
      const sse = sseAt(u, y, floor, span, a, b);
      if (sse < bestSse) {
        bestSse = sse;
        best = [a, b];
      }
    }
  }
  return best;
}

export interface FitSigmoidOptions {
  /** warm start (e.g. a previous fit); the linear and grid starts are still tried */
  start?: Pick<SigmoidParams, "k" | "x0">;
  lm?: LmOptions;
}

/** Centre of x, used by every fit of the same data so warm starts carry over. */
export function centreOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

export function toAB(p: Pick<SigmoidParams, "k" | "x0">, centre: number): [number, number] {
  return [p.k, p.k * (centre - p.x0)];
}

export function fromAB(a: number, b: number, centre: number): Pick<SigmoidParams, "k" | "x0"> {
  // a = 0 is a flat curve whose midpoint is undefined; a tiny slope keeps x0 finite and the value σ(b).
  const k = a === 0 ? 1e-12 : a;
  return { k, x0: centre - b / k };
}

/**
 * Least-squares sigmoid in log10 compute with floor and ceiling held fixed. Tries the logit-linear
 * start, the grid start and any warm start, keeps the lowest SSE; a decreasing metric comes out with
 * k < 0. Throws VALIDATION on fewer than 2 points or a single distinct x.
 */
export function fitSigmoid(
  points: readonly { x: number; y: number }[],
  bounds: SigmoidBounds,
  options: FitSigmoidOptions = {},
): SigmoidFit {
  const n = points.length;
  const finite = points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (!finite) throw new DomainError("VALIDATION", "sigmoid fit: every point needs a finite x and y");
  if (!Number.isFinite(bounds.floor) || !Number.isFinite(bounds.ceiling) || bounds.floor === bounds.ceiling)
    throw new DomainError("VALIDATION", "sigmoid fit: floor and ceiling must be finite and differ");
  if (n < 2) throw new DomainError("VALIDATION", `sigmoid fit needs at least 2 points, got ${n}`);
  const xs = points.map((p) => p.x);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  if (xMin === xMax)
    throw new DomainError("VALIDATION", "sigmoid fit needs at least 2 distinct compute values");

  const centre = centreOf(xs);
  const u = Float64Array.from(xs, (x) => x - centre);
  const y = Float64Array.from(points, (p) => p.y);
  const w = new Float64Array(n).fill(1);
  const span = bounds.ceiling - bounds.floor;
  const lm = options.lm ?? FULL_FIT;

  const starts: { kind: SigmoidFit["start"]; ab: [number, number] }[] = [
    { kind: "linear", ab: linearStart(u, y, bounds.floor, span) },
    { kind: "grid", ab: gridStart(u, y, bounds.floor, span) },
  ];
  if (options.start) starts.push({ kind: "warm", ab: toAB(options.start, centre) });

  let best: (LmResult & { kind: SigmoidFit["start"] }) | undefined;
  for (const s of starts) {
    const r = lmSigmoid(u, y, w, bounds.floor, span, s.ab[0], s.ab[1], lm);
    if (Number.isFinite(r.sse) && (!best || r.sse < best.sse - 1e-15)) best = { ...r, kind: s.kind };
  }
  if (!best) throw new DomainError("VALIDATION", "sigmoid fit failed: no start gave a finite error");
  const { k, x0 } = fromAB(best.a, best.b, centre);
  return {
    floor: bounds.floor,
    ceiling: bounds.ceiling,
    k,
    x0,
    n,
    sse: best.sse,
    rmse: n > 2 ? Math.sqrt(best.sse / (n - 2)) : NaN,
    converged: best.converged,
    iterations: best.iterations,
    start: best.kind,
    xMin,
    xMax,
  };
}
