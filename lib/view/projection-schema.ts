import { z } from "zod";
import { THRESHOLD_OPS } from "@/lib/projection/types";
import { WARNING_CODES } from "@/lib/projection/warnings";

/**
 * The contract of GET /api/v1/projections, shared by the route handler, the page's server prefetch
 * and the react-query hook. Requests are strict (a misspelt parameter is a 400); responses strip
 * unknown keys so a field added in db/projections.ts does not break old clients.
 */

/** A planned run in FLOP as written in a URL: 1e27, 3.5e26 or plain digits. No hex, no sign, no words. */
export const PLANNED_FLOP_PATTERN = /^\d+(\.\d+)?(e\+?\d+)?$/i;
/** Beyond every plausible training run; keeps absurd inputs (1e300) out of the cache. */
export const MAX_PLANNED_FLOP = 1e40;

export const PlannedFlop = z
  .string()
  .trim()
  .regex(PLANNED_FLOP_PATTERN, "must be a number of FLOP such as 1e27")
  .transform(Number)
  .refine((v) => Number.isFinite(v) && v > 0, "must be a positive number of FLOP")
  .refine((v) => v <= MAX_PLANNED_FLOP, `must be at most ${MAX_PLANNED_FLOP.toExponential()} FLOP`);

export const ProjectionsQuery = z
  .object({
    policy: z.string().trim().min(1).describe("published policy id, e.g. anthropic-rsp-v2-2"),
    planned: PlannedFlop.optional().describe("training compute of a planned run in FLOP, e.g. 1e27"),
    family: z.string().trim().min(1).optional().describe("fit only on models of this family"),
  })
  .strict();
export type ProjectionsQuery = z.infer<typeof ProjectionsQuery>;

/** JSON turns NaN and ±Infinity into null; the schema says so where the maths can produce them. */
const Num = z.number().nullable();

export const ProjectionWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  suggestion: z.string().optional(),
  oom: Num.optional(),
  shape: z.enum(["inverse", "u-shaped", "inverted-u"]).optional(),
});
export type ProjectionWarningView = z.infer<typeof ProjectionWarningSchema>;

export const BacktestSchema = z.union([
  z.object({
    cutoff: z.string(),
    n_fit: z.number().int(),
    n_test: z.number().int(),
    mae: Num,
    coverage80: Num,
  }),
  z.object({ skipped: z.string() }),
]);
export type BacktestView = z.infer<typeof BacktestSchema>;

export const LeafProjectionSchema = z.object({
  threshold: z.string(),
  domain: z.string(),
  level: z.string().nullable(),
  metric: z.string(),
  op: z.enum(THRESHOLD_OPS),
  value: z.number(),
  calibration: z.enum(["framework", "illustrative"]),
  method: z.enum(["compute-sigmoid", "time-trend", "none"]),
  n: z.number().int(),
  skipped: z.string().optional(),
  points: z.array(
    z.object({
      id: z.string(),
      x: z
        .number()
        .describe("log10 effective FLOP, or the day number (days since 1970-01-01) for time trends"),
      y: z.number(),
      date: z.string().optional(),
    }),
  ),
  floor: z.number().optional(),
  ceiling: z.number().optional(),
  fit: z
    .object({
      floor: z.number(),
      ceiling: z.number(),
      k: z.number(),
      x0: z.number(),
      n: z.number().int(),
      sse: Num,
      rmse: Num,
      converged: z.boolean(),
      iterations: z.number(),
      start: z.enum(["linear", "grid", "warm"]),
      xMin: z.number(),
      xMax: z.number(),
    })
    .optional(),
  crossing: z
    .object({
      status: z.enum(["crosses", "never", "already"]),
      flop: Num,
      low: Num,
      high: Num,
      level: z.number(),
      never_fraction: Num,
    })
    .optional(),
  crossing_date: z
    .object({ date: z.string().nullable(), low: z.string().nullable(), high: z.string().nullable() })
    .optional(),
  p_planned: Num.optional(),
  trend: z
    .object({
      n: z.number().int(),
      doublingDays: z.number(),
      interval: z.object({ low: z.number(), high: z.number().nullable(), level: z.number() }),
    })
    .optional(),
  warnings: z.array(ProjectionWarningSchema),
  backtest: BacktestSchema.optional(),
});
export type LeafView = z.infer<typeof LeafProjectionSchema>;

export const ProjectionsResponse = z.object({
  policy: z.object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    levels: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
  /** the data version the projections were computed from (changes with every import) */
  version: z.string(),
  planned_flop: z.number().nullable(),
  family: z.string().nullable(),
  frontier: z
    .object({
      n: z.number().int(),
      slopePerYear: z.number(),
      slopeInterval: z.object({ low: z.number(), high: z.number(), level: z.number() }),
    })
    .nullable(),
  domains: z.array(z.object({ id: z.string(), title: z.string() })),
  thresholds: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      domain: z.string(),
      kind: z.enum(["capability", "checkpoint"]),
      /** false: the threshold has no numeric leaf (human determination only) */
      numeric: z.boolean(),
    }),
  ),
  metrics: z.array(z.object({ id: z.string(), title: z.string(), unit: z.string() })),
  leaves: z.array(LeafProjectionSchema),
});
export type ProjectionsResponse = z.infer<typeof ProjectionsResponse>;
