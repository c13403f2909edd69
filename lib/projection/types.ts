import { z } from "zod";

/**
 * One observed model on one metric. `x` is log10 effective compute (see effective-compute.ts);
 * `date` (YYYY-MM-DD) is only needed for date cutoffs and time trends.
 */
export const ProjectionPoint = z
  .object({
    id: z.string().min(1),
    x: z.number().finite(),
    y: z.number().finite(),
    date: z.string().optional(),
  })
  .strict();
export type ProjectionPoint = z.infer<typeof ProjectionPoint>;

/** Comparison that makes a score "past" the threshold: gte/gt when higher is riskier, lte/lt for the mirror. */
export const THRESHOLD_OPS = ["gte", "gt", "lte", "lt"] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

export const Threshold = z.object({ op: z.enum(THRESHOLD_OPS), value: z.number().finite() }).strict();
export type Threshold = z.infer<typeof Threshold>;

/** The fixed ends of the curve: chance level (floor) and the best attainable score (ceiling). */
export const SigmoidBounds = z
  .object({ floor: z.number().finite(), ceiling: z.number().finite() })
  .strict()
  .refine((b) => b.floor !== b.ceiling, { message: "floor and ceiling must differ" });
export type SigmoidBounds = z.infer<typeof SigmoidBounds>;

/** y = floor + (ceiling − floor) · σ(k · (x − x0)); k < 0 for a metric that falls with compute. */
export interface SigmoidParams {
  floor: number;
  ceiling: number;
  k: number;
  x0: number;
}

export interface SigmoidFit extends SigmoidParams {
  n: number;
  /** sum of squared residuals (unweighted fit on all points) */
  sse: number;
  /** residual standard deviation, sqrt(sse / (n − 2)) (NaN when n ≤ 2) */
  rmse: number;
  converged: boolean;
  iterations: number;
  /** how the winning start was found: the logit-linear start, or the grid fallback */
  start: "linear" | "grid" | "warm";
  xMin: number;
  xMax: number;
}

/** Central interval [low, high] at `level` (0.8 → 10th and 90th percentiles). */
export interface Interval {
  low: number;
  high: number;
  level: number;
}
