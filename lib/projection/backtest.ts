import { DomainError } from "@/lib/errors";
import { bootstrapSigmoid } from "./bootstrap";
import { dayNumber } from "./dates";
import { fitSigmoid } from "./fit-sigmoid";
import { DEFAULT_LEVEL, predictAt } from "./predict";
import type { ProjectionPoint, SigmoidBounds, SigmoidFit } from "./types";

export type BacktestCutoff = { x: number } | { date: string };

export interface BacktestOptions {
  /** fit on points with x ≤ cutoff.x (log10 compute), or released on or before cutoff.date */
  cutoff: BacktestCutoff;
  bounds: SigmoidBounds;
  resamples?: number;
  seed?: number;
  level?: number;
  /** clip predictions to the metric's attainable range */
  range?: [number, number];
}

export interface BacktestPrediction {
  id: string;
  x: number;
  y: number;
  predicted: number;
  /** prediction interval (curve + residual noise) at `level` */
  low: number;
  high: number;
  covered: boolean;
  /** predicted − observed */
  error: number;
  /** orders of magnitude beyond the largest fitted compute */
  ahead: number;
}

export interface BacktestResult {
  nFit: number;
  nTest: number;
  /** points that could not be placed (date cutoff without a date) */
  skipped: number;
  mae: number;
  /** share of held-out scores inside the prediction interval (nominal: `level`) */
  coverage: number;
  level: number;
  /** MAE over held-out models at most one order of magnitude beyond the fitted compute (Owen 2024's horizon) */
  maeWithinOneOom: number | null;
  nWithinOneOom: number;
  fit: SigmoidFit;
  predictions: BacktestPrediction[];
}

/** Fit on everything up to the cutoff, predict everything after it; MAE and interval coverage. */
export function backtest(points: readonly ProjectionPoint[], options: BacktestOptions): BacktestResult {
  const level = options.level ?? DEFAULT_LEVEL;
  const train: ProjectionPoint[] = [];
  const test: ProjectionPoint[] = [];
  let skipped = 0;
  const { cutoff } = options;
  if ("x" in cutoff) {
    for (const p of points) (p.x <= cutoff.x ? train : test).push(p);
  } else {
    const limit = dayNumber(cutoff.date);
    for (const p of points) {
      if (p.date === undefined) skipped++;
      else (dayNumber(p.date) <= limit ? train : test).push(p);
    }
  }
  if (train.length < 2)
    throw new DomainError("VALIDATION", `backtest: only ${train.length} point(s) up to the cutoff`);
  if (test.length === 0)
    throw new DomainError("VALIDATION", "backtest: no point beyond the cutoff to predict");
  const fit = fitSigmoid(train, options.bounds);
  const boot = bootstrapSigmoid(train, fit, {
    ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const predictions = test.map((p): BacktestPrediction => {
    const pr = predictAt(fit, boot, p.x, { level, ...(options.range ? { range: options.range } : {}) });
    return {
      id: p.id,
      x: p.x,
      y: p.y,
      predicted: pr.y,
      low: pr.prediction.low,
      high: pr.prediction.high,
      covered: p.y >= pr.prediction.low && p.y <= pr.prediction.high,
      error: pr.y - p.y,
      ahead: p.x - fit.xMax,
    };
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const near = predictions.filter((p) => p.ahead <= 1);
  return {
    nFit: train.length,
    nTest: test.length,
    skipped,
    mae: mean(predictions.map((p) => Math.abs(p.error))),
    coverage: predictions.filter((p) => p.covered).length / predictions.length,
    level,
    maeWithinOneOom: near.length > 0 ? mean(near.map((p) => Math.abs(p.error))) : null,
    nWithinOneOom: near.length,
    fit,
    predictions,
  };
}
