import type { SigmoidBootstrap } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { DEFAULT_LEVEL, predictAt } from "./predict";
import { sigmoidAt } from "./sigmoid";
import type { ProjectionPoint, SigmoidFit } from "./types";

export const ANOMALY_NOTES = {
  below: "possible under-elicitation or sandbagging",
  above: "jump or possible contamination",
} as const;

export interface Anomaly {
  id: string;
  x: number;
  y: number;
  /** the curve fitted without this model, at its compute */
  expected: number;
  /** prediction interval of the other models at its compute */
  low: number;
  high: number;
  level: number;
  direction: keyof typeof ANOMALY_NOTES;
  note: (typeof ANOMALY_NOTES)[keyof typeof ANOMALY_NOTES];
}

/**
 * Flags models whose score lies outside the prediction interval of the *other* models. The centre
 * is a leave-one-out refit; the interval comes from the bootstrap curves whose resample did not
 * draw the model (out-of-bag, ≈ 37 % of them), which is a leave-one-out interval at no refit cost.
 * "Below"/"above" are oriented floor → ceiling, so a falling metric reads the same way.
 */
export function findAnomalies(
  points: readonly ProjectionPoint[],
  fit: SigmoidFit,
  boot: SigmoidBootstrap,
  options: { level?: number } = {},
): Anomaly[] {
  const level = options.level ?? DEFAULT_LEVEL;
  if (boot.n !== points.length) throw new Error("findAnomalies: bootstrap was drawn from different points");
  const dir = Math.sign(fit.ceiling - fit.floor);
  const out: Anomaly[] = [];
  points.forEach((p, i) => {
    const others = points.filter((_, j) => j !== i);
    const loo = fitSigmoid(others, fit, { start: fit });
    const band = predictAt(loo, boot, p.x, { level, outOfBag: i });
    if (band.used < 20) return;
    const expected = sigmoidAt(loo, p.x);
    let direction: Anomaly["direction"] | undefined;
    if (p.y < band.prediction.low) direction = dir > 0 ? "below" : "above";
    else if (p.y > band.prediction.high) direction = dir > 0 ? "above" : "below";
    if (!direction) return;
    out.push({
      id: p.id,
      x: p.x,
      y: p.y,
      expected,
      low: band.prediction.low,
      high: band.prediction.high,
      level,
      direction,
      note: ANOMALY_NOTES[direction],
    });
  });
  return out;
}
