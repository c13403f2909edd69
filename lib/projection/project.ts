import { bootstrapSigmoid } from "./bootstrap";
import type { SigmoidBootstrap } from "./bootstrap";
import { fitSigmoid } from "./fit-sigmoid";
import { crossingSamples, invertThreshold, probabilityPast } from "./invert";
import type { Crossing } from "./invert";
import { DEFAULT_LEVEL } from "./predict";
import { crossingDate } from "./trend";
import type { CrossingDate, FrontierTrend } from "./trend";
import type { ProjectionPoint, SigmoidBounds, SigmoidFit, Threshold } from "./types";
import { memoize } from "./memo";
import { projectionWarnings } from "./warnings";
import type { ProjectionWarning, WarningInput } from "./warnings";

export interface ProjectInput {
  points: readonly ProjectionPoint[];
  bounds: SigmoidBounds;
  threshold: Threshold;
  /** log10 effective compute of a planned training run */
  plannedX?: number;
  /** frontier compute trend, to turn the crossing compute into a date */
  frontier?: FrontierTrend;
  metric?: WarningInput["metric"];
  siblingMetrics?: readonly string[];
  resamples?: number;
  seed?: number;
  level?: number;
}

export interface Projection {
  fit: SigmoidFit;
  crossing: Crossing;
  crossingDate?: CrossingDate;
  /** P(the planned run is past the threshold): share of bootstrap curves past it at plannedX */
  pPlanned?: number;
  warnings: ProjectionWarning[];
  bootstrap: SigmoidBootstrap;
}

/** One threshold leaf's projection: fit, bootstrap, crossing (compute and date), planned-run risk, warnings. */
export function project(input: ProjectInput): Projection {
  const level = input.level ?? DEFAULT_LEVEL;
  const fit = fitSigmoid(input.points, input.bounds);
  const boot = bootstrapSigmoid(input.points, fit, {
    ...(input.resamples !== undefined ? { resamples: input.resamples } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  const samples = crossingSamples(boot, input.threshold);
  const crossing = invertThreshold(fit, boot, input.threshold, { level, samples });
  const queryX = [crossing.x, input.plannedX].filter((v): v is number => v !== null && v !== undefined);
  const warnings = projectionWarnings({
    points: input.points,
    bounds: input.bounds,
    queryX,
    ...(input.metric ? { metric: input.metric } : {}),
    ...(input.siblingMetrics ? { siblingMetrics: input.siblingMetrics } : {}),
  });
  return {
    fit,
    crossing,
    ...(input.frontier ? { crossingDate: crossingDate(input.frontier, crossing.x, samples, { level }) } : {}),
    ...(input.plannedX !== undefined
      ? { pPlanned: probabilityPast(boot, input.plannedX, input.threshold) }
      : {}),
    warnings,
    bootstrap: boot,
  };
}

/** `project` memoised by input hash (results are shared: treat them as read-only). */
export const projectCached = memoize(project, { maxEntries: 128 });
