import { bootstrapSigmoid } from "@/lib/projection/bootstrap";
import { predictBand } from "@/lib/projection/predict";
import { formatFlop, formatLogTick, formatScore, OP_SYMBOL } from "./projection-format";
import type { LeafView } from "./projection-schema";

/**
 * The chart of a compute leaf, ready to draw: every position is computed here, so the recharts
 * component only maps fields to marks. x is log10 effective FLOP throughout.
 */
export interface ComputeSeries {
  xDomain: [number, number];
  xTicks: { value: number; label: string }[];
  yDomain: [number, number];
  yTicks: number[];
  points: { x: number; y: number; id: string; href: string; label: string }[];
  /** the fitted curve with its 80 % band (percentiles of the bootstrap curves) on an even grid */
  curve: { x: number; y: number; band: [number, number] }[];
  bandLevel: number;
  threshold: { y: number; label: string };
  /** the crossing and its interval, clipped to the chart; null when the curve never or always crosses */
  crossing: {
    x: number | null;
    area: { x1: number; x2: number; openLow: boolean; openHigh: boolean } | null;
    label: string;
  } | null;
  planned: { x: number; label: string } | null;
}

export interface ComputeSeriesOptions {
  policyId: string;
  plannedFlop?: number | null;
  /** grid intervals of the curve */
  steps?: number;
  /**
   * The bootstrap of the band. Seed 1 and 1000 resamples are what db/projections.ts uses by default,
   * so the band is drawn from the very resamples behind the crossing interval and P(crossing).
   */
  seed?: number;
  resamples?: number;
  /** the chart never reaches further than this many orders of magnitude past the newest model */
  maxAheadOom?: number;
}

export function modelHref(modelId: string, policyId: string): string {
  return `/models/${encodeURIComponent(modelId)}?policy=${encodeURIComponent(policyId)}`;
}

/** Integer decades across the domain, every other one on a wide axis (1e22, 1e24, …). */
export function logTicks(lo: number, hi: number): { value: number; label: string }[] {
  const a = Math.ceil(lo);
  const b = Math.floor(hi);
  if (!(b >= a)) return [];
  const step = b - a > 6 ? 2 : 1;
  const start = step === 2 && a % 2 !== 0 ? a + 1 : a;
  const out: { value: number; label: string }[] = [];
  for (let v = start; v <= b; v += step) out.push({ value: v, label: formatLogTick(v) });
  return out;
}

/**
 * A score axis: a step of 1, 2, 2.5 or 5 times a power of ten giving at most `maxTicks` ticks, the
 * domain rounded outward to it. A line that would sit on the domain's edge (a threshold at 0.2 when
 * the data start at 0.2) gets one more step of room, so it is not drawn on top of the axis.
 */
export function niceAxis(
  values: readonly number[],
  opts: { keepOffEdge?: readonly number[]; maxTicks?: number } = {},
): { domain: [number, number]; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const maxTicks = opts.maxTicks ?? 6;
  const raw = (hi - lo) / (maxTicks - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  const round = (v: number) => Number(v.toPrecision(12));
  let a = round(Math.floor(lo / step + 1e-9) * step);
  let b = round(Math.ceil(hi / step - 1e-9) * step);
  for (const v of opts.keepOffEdge ?? []) {
    if (Math.abs(v - a) < step * 1e-6) a = round(a - step);
    if (Math.abs(v - b) < step * 1e-6) b = round(b + step);
  }
  const ticks: number[] = [];
  for (let i = 0; a + i * step <= b + step * 1e-9; i++) ticks.push(round(a + i * step));
  return { domain: [a, b], ticks };
}

const log10OrNull = (v: number | null | undefined) => (v != null && v > 0 ? Math.log10(v) : null);

export function toComputeSeries(leaf: LeafView, opts: ComputeSeriesOptions): ComputeSeries | null {
  const fit = leaf.fit;
  if (leaf.method !== "compute-sigmoid" || !fit || leaf.points.length === 0) return null;
  const maxAhead = opts.maxAheadOom ?? 4;
  const xs = leaf.points.map((p) => p.x);
  const dataLo = Math.min(...xs);
  const dataHi = Math.max(...xs);
  const c = leaf.crossing;
  const crossX = c?.status === "crosses" ? log10OrNull(c.flop) : null;
  const lowX = c?.status === "crosses" ? log10OrNull(c.low) : null;
  const highX = c?.status === "crosses" ? log10OrNull(c.high) : null;
  const plannedX = log10OrNull(opts.plannedFlop);
  const wanted = [dataHi, crossX, lowX, highX, plannedX].filter((v): v is number => v !== null);
  const xLo = Math.floor(Math.min(dataLo, plannedX ?? dataLo) - 0.2);
  const xHi = Math.ceil(Math.min(Math.max(...wanted), dataHi + maxAhead) + 0.2);

  const steps = opts.steps ?? 60;
  // JSON carries a NaN fit statistic as null; the bootstrap only reads floor, ceiling, k and x0.
  const sigmoid = { ...fit, sse: fit.sse ?? NaN, rmse: fit.rmse ?? NaN };
  const boot = bootstrapSigmoid(leaf.points, sigmoid, {
    seed: opts.seed ?? 1,
    resamples: opts.resamples ?? 1000,
  });
  const band = predictBand(sigmoid, boot, xLo, xHi, steps);
  const curve = band.map((p) => ({
    x: p.x,
    y: p.y,
    band: [p.confidence.low, p.confidence.high] as [number, number],
  }));

  const yAxis = niceAxis(
    [...leaf.points.map((p) => p.y), fit.floor, fit.ceiling, leaf.value, ...curve.flatMap((r) => r.band)],
    { keepOffEdge: [leaf.value] },
  );

  let crossing: ComputeSeries["crossing"] = null;
  if (c?.status === "crosses") {
    const inside = (v: number) => Math.min(xHi, Math.max(xLo, v));
    const openLow = lowX === null || lowX < xLo;
    const openHigh = highX === null || highX > xHi;
    const x1 = lowX === null ? xLo : inside(lowX);
    const x2 = highX === null ? xHi : inside(highX);
    crossing = {
      x: crossX !== null && crossX >= xLo && crossX <= xHi ? crossX : null,
      area: x2 > x1 ? { x1, x2, openLow, openHigh } : null,
      label: crossX !== null ? `crossing ${formatFlop(10 ** crossX)}` : "crossing",
    };
  }

  return {
    xDomain: [xLo, xHi],
    xTicks: logTicks(xLo, xHi),
    yDomain: yAxis.domain,
    yTicks: yAxis.ticks,
    points: leaf.points.map((p) => ({
      x: p.x,
      y: p.y,
      id: p.id,
      href: modelHref(p.id, opts.policyId),
      label: `${p.id}: ${formatScore(p.y)} at ${formatFlop(10 ** p.x)} FLOP`,
    })),
    curve,
    bandLevel: 0.8,
    threshold: { y: leaf.value, label: `threshold ${OP_SYMBOL[leaf.op]} ${formatScore(leaf.value)}` },
    crossing,
    planned:
      plannedX !== null && plannedX <= xHi
        ? { x: plannedX, label: `planned ${formatFlop(10 ** plannedX)}` }
        : null,
  };
}
