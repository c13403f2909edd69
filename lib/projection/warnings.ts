import { quantileSorted } from "./quantile";
import type { SigmoidBounds } from "./types";

export const WARNING_CODES = [
  "TOO_FEW_POINTS",
  "STUCK_AT_FLOOR",
  "DISCONTINUOUS_METRIC",
  "EXTRAPOLATION",
  "NON_MONOTONE",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ProjectionWarning {
  code: WarningCode;
  message: string;
  /** DISCONTINUOUS_METRIC: a continuous metric of the same task present in the data */
  suggestion?: string;
  /** EXTRAPOLATION: orders of magnitude beyond the data */
  oom?: number;
  /** NON_MONOTONE: the shape found */
  shape?: "inverse" | "u-shaped" | "inverted-u";
}

export interface WarningThresholds {
  /** fewer points than this is too few (default 5) */
  minPoints: number;
  /** stuck: 90 % of points within this share of the floor→ceiling span above the floor (default 0.1) */
  floorBand: number;
  /** extrapolation beyond this many orders of magnitude of compute (default 1) */
  maxExtrapolationOom: number;
  /** non-monotone: a reversal must exceed this share of the span and 2 standard errors (default 0.05) */
  minReversal: number;
}

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  minPoints: 5,
  floorBand: 0.1,
  maxExtrapolationOom: 1,
  minReversal: 0.05,
};

export interface WarningInput {
  points: readonly { x: number; y: number }[];
  bounds: SigmoidBounds;
  metric?: {
    id: string;
    /** declared scoring; when absent it is guessed from the id (exact_match, em) */
    scoring?: "continuous" | "discontinuous";
  };
  /** other metric ids available for the same models, to suggest a continuous variant */
  siblingMetrics?: readonly string[];
  /** log10 computes the projection is read at: crossing, planned run, backtest targets */
  queryX?: readonly number[];
  thresholds?: Partial<WarningThresholds>;
}

const DISCONTINUOUS_ID = /(exact[_\- ]?match|(^|[_\- ])em$|(^|[_\- ])em[_\- ])/i;
const DISCONTINUOUS_SUFFIX = /[_\- ]?(exact[_\- ]?match|em)$/i;

/** Data signature of an exact-match metric: many scores exactly at the floor, then a rise. */
function looksQuantised(ys: readonly number[], floor: number, q90: number, band: number): boolean {
  const atFloor = ys.filter((y) => y === floor).length;
  return atFloor >= 0.25 * ys.length && q90 >= band;
}

function continuousSibling(id: string, siblings: readonly string[]): string | undefined {
  const stem = id.replace(DISCONTINUOUS_SUFFIX, "");
  if (stem === id) return undefined;
  return siblings.find((s) => s !== id && s.startsWith(stem) && !DISCONTINUOUS_ID.test(s));
}

interface Bin {
  mean: number;
  se: number;
  xLow: number;
  xHigh: number;
}

/** Equal-count bins along x with mean and standard error of y. */
function binnedMeans(points: readonly { x: number; y: number }[], bins: number, minSe: number): Bin[] {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const out: Bin[] = [];
  for (let b = 0; b < bins; b++) {
    const slice = sorted.slice(
      Math.floor((b * sorted.length) / bins),
      Math.floor(((b + 1) * sorted.length) / bins),
    );
    const n = slice.length;
    const mean = slice.reduce((s, p) => s + p.y, 0) / n;
    const sd = n > 1 ? Math.sqrt(slice.reduce((s, p) => s + (p.y - mean) ** 2, 0) / (n - 1)) : 0;
    out.push({
      mean,
      se: Math.max(minSe, sd / Math.sqrt(n)),
      xLow: (slice[0] as { x: number }).x,
      xHigh: (slice[n - 1] as { x: number }).x,
    });
  }
  return out;
}

/**
 * Shape test on binned means, oriented so "up" is floor → ceiling. A reversal counts when it beats
 * both 2 standard errors and `minReversal` of the span: small-model scores jitter around chance, and
 * a strict monotonicity test would flag every benchmark.
 */
function nonMonotone(
  points: readonly { x: number; y: number }[],
  bounds: SigmoidBounds,
  minReversal: number,
): ProjectionWarning["shape"] | undefined {
  const n = points.length;
  const bins = n >= 30 ? 5 : n >= 12 ? 4 : n >= 6 ? 3 : 0;
  if (bins === 0) return undefined;
  const span = bounds.ceiling - bounds.floor;
  const dir = Math.sign(span);
  const minGap = minReversal * Math.abs(span);
  const m = binnedMeans(points, bins, 0.002 * Math.abs(span)).map((b) => ({ ...b, mean: dir * b.mean }));
  const above = (a: Bin, b: Bin) => a.mean - b.mean > Math.max(minGap, 2 * Math.hypot(a.se, b.se));
  const first = m[0] as Bin;
  const last = m[m.length - 1] as Bin;
  if (above(first, last)) {
    // Falls end to end: a dip-then-fall is still inverse scaling; a rise first is an inverted U.
    return m.some((b) => above(b, first)) ? "inverted-u" : "inverse";
  }
  for (let j = 1; j < m.length - 1; j++) {
    const mid = m[j] as Bin;
    const before = m.slice(0, j);
    const after = m.slice(j + 1);
    if (before.some((b) => above(b, mid)) && after.some((b) => above(b, mid))) return "u-shaped";
    if (before.some((b) => above(mid, b)) && after.some((b) => above(mid, b))) return "inverted-u";
  }
  return undefined;
}

/** Every caveat that must travel with a projection, in a stable order. */
export function projectionWarnings(input: WarningInput): ProjectionWarning[] {
  const th = { ...DEFAULT_WARNING_THRESHOLDS, ...input.thresholds };
  const { points, bounds } = input;
  const out: ProjectionWarning[] = [];
  const n = points.length;
  const span = bounds.ceiling - bounds.floor;

  if (n < th.minPoints)
    out.push({
      code: "TOO_FEW_POINTS",
      message: `only ${n} model${n === 1 ? "" : "s"} with this metric and a known compute; a sigmoid fit needs at least ${th.minPoints} to mean anything`,
    });

  const ys = points.map((p) => p.y);
  const normalised = Float64Array.from(ys, (y) => (y - bounds.floor) / span).sort();
  const q90 = n > 0 ? quantileSorted(normalised, 0.9) : 0;
  if (n > 0 && q90 < th.floorBand)
    out.push({
      code: "STUCK_AT_FLOOR",
      message: `scores sit at the chance floor (${bounds.floor}) for every compute observed: the data carry no trend to extrapolate, and a crossing estimate from them is meaningless`,
    });

  const id = input.metric?.id;
  const declared = input.metric?.scoring;
  const discontinuous =
    declared === "discontinuous" ||
    (declared === undefined &&
      ((id !== undefined && DISCONTINUOUS_ID.test(id)) ||
        (n > 0 && looksQuantised(ys, bounds.floor, q90, th.floorBand))));
  if (discontinuous) {
    const suggestion = id !== undefined ? continuousSibling(id, input.siblingMetrics ?? []) : undefined;
    out.push({
      code: "DISCONTINUOUS_METRIC",
      message:
        "exact-match style scoring can make a smooth improvement look like sudden emergence (the mirage)" +
        (suggestion
          ? `; the continuous variant ${suggestion} is available`
          : "; prefer a continuous metric of the same task"),
      ...(suggestion ? { suggestion } : {}),
    });
  }

  if (n > 0 && input.queryX && input.queryX.length > 0) {
    const xMin = Math.min(...points.map((p) => p.x));
    const xMax = Math.max(...points.map((p) => p.x));
    let worst = 0;
    for (const q of input.queryX) {
      if (!Number.isFinite(q)) continue;
      worst = Math.max(worst, q - xMax, xMin - q);
    }
    if (worst > th.maxExtrapolationOom)
      out.push({
        code: "EXTRAPOLATION",
        message: `the projection is read ${worst.toFixed(1)} orders of magnitude of compute outside the data; errors grow quickly beyond one`,
        oom: worst,
      });
  }

  const shape = nonMonotone(points, bounds, th.minReversal);
  if (shape)
    out.push({
      code: "NON_MONOTONE",
      message:
        shape === "inverse"
          ? "scores get worse as compute grows (inverse scaling); a sigmoid toward the ceiling does not describe these data"
          : `scores are ${shape === "u-shaped" ? "U-shaped" : "inverted-U-shaped"} in compute; a monotone sigmoid cannot follow them and its extrapolation is unreliable`,
      shape,
    });
  return out;
}
