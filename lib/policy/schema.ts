import { z } from "zod";

/**
 * The policy language `scalegate/policy@1`. This module is the single source of truth:
 * the loader validates with it, the engine reads its types, and the committed JSON Schema
 * (policies/schema/policy.schema.json) is generated from it.
 */

export const SCHEMA_ID = "scalegate/policy@1";

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "must be lowercase letters, digits, '-' or '.' (e.g. cyber-high)");

/** Metric ids may carry a suite version and underscores from the source (e.g. metr.p50_horizon.v1-1). */
export const MetricId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.:-]*$/, "must be lowercase letters, digits, '_', '.', ':' or '-'");

/**
 * A real calendar date (or date-time) starting YYYY-MM-DD. Date.parse alone rolls 2025-02-30 over to
 * March 2, so the day must survive a round trip.
 */
export function isRealDate(s: string): boolean {
  const day = s.slice(0, 10);
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day && !Number.isNaN(Date.parse(s));
}

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isRealDate, "is not a real calendar date");

const FiniteNumber = z.number().refine(Number.isFinite, "must be a finite number (not .nan or .inf)");

export const UNITS = ["fraction", "percent", "minutes", "score"] as const;
export const CONTINUITY = ["continuous", "discontinuous"] as const;
export const CALIBRATION = ["framework", "illustrative"] as const;
export const ON_MISSING = ["cannot_rule_out", "below"] as const;
export const ROLLUP = ["max", "none"] as const;
export const AGGREGATE = ["max", "latest", "mean"] as const;
export const MITIGATION = ["pre", "post"] as const;
export const WORDING = ["verbatim", "paraphrase", "secondary"] as const;
export const GATE_OUTCOMES = [
  "allow",
  "conditional",
  "pause",
  "block",
  "restrict",
  "de_deploy",
  "delete_weights",
] as const;
export const COMPARATORS = ["gte", "gt", "lte", "lt"] as const;

export type Comparator = (typeof COMPARATORS)[number];
export type GateOutcome = (typeof GATE_OUTCOMES)[number];
export type Mitigation = (typeof MITIGATION)[number];

export const Metric = z
  .object({
    id: MetricId,
    title: z.string().optional(),
    domain: Slug.describe("capability domain the metric measures (cyber, bio, autonomy, ...)"),
    unit: z.enum(UNITS),
    higher_is_riskier: z.boolean(),
    continuity: z.enum(CONTINUITY),
    chance: FiniteNumber.optional().describe("score of a random or floor-level model"),
    ceiling: FiniteNumber.optional().describe("highest attainable score"),
    suite_version: z.string().optional().describe("version of the eval suite; part of the metric identity"),
    source: z.string().optional().describe("where the eval is described"),
  })
  .strict();
export type Metric = z.infer<typeof Metric>;

/** A numeric leaf: exactly one comparator. */
export const MetricLeaf = z
  .object({
    metric: MetricId,
    gte: FiniteNumber.optional(),
    gt: FiniteNumber.optional(),
    lte: FiniteNumber.optional(),
    lt: FiniteNumber.optional(),
    calibration: z
      .enum(CALIBRATION)
      .describe(
        "framework: the number is stated in the framework text; illustrative: chosen by the policy author",
      ),
    mitigation: z
      .enum(MITIGATION)
      .optional()
      .describe(
        "read only pre- or post-mitigation scores for this leaf (default: the state being evaluated)",
      ),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((leaf, ctx) => {
    const given = COMPARATORS.filter((c) => leaf[c] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          given.length === 0
            ? "a metric leaf needs one comparator: gte, gt, lte or lt"
            : `a metric leaf takes exactly one comparator, found ${given.join(", ")}`,
      });
    }
  });
export type MetricLeaf = z.infer<typeof MetricLeaf>;

export const ThresholdRef = z
  .object({
    threshold: Slug.describe(
      "another threshold; true when that one is counted (reached or cannot be ruled out)",
    ),
  })
  .strict();
export type ThresholdRef = z.infer<typeof ThresholdRef>;

export type Predicate =
  MetricLeaf | ThresholdRef | { all: Predicate[] } | { any: Predicate[] } | { not: Predicate };

export const Predicate: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Predicate).min(1) }).strict(),
    z.object({ any: z.array(Predicate).min(1) }).strict(),
    z.object({ not: Predicate }).strict(),
    ThresholdRef,
    MetricLeaf,
  ]),
);

const Provenance = {
  definition: z.string().min(1).describe("the framework's wording, quoted, or a marked paraphrase"),
  locator: z.string().optional().describe("section, page or unit id of the definition in the framework text"),
  wording: z
    .enum(WORDING)
    .optional()
    .describe("verbatim (default), paraphrase, or secondary (taken from a summary, not the primary text)"),
};

const ThresholdCommon = {
  id: Slug,
  title: z.string().optional(),
  ...Provenance,
  when: Predicate.optional().describe(
    "indicator predicate; without one, only a human determination can settle the threshold",
  ),
  on_missing: z
    .enum(ON_MISSING)
    .optional()
    .describe(
      "status when the evidence is missing; default cannot_rule_out: missing evidence never reads as safe",
    ),
  requires: z
    .array(Slug)
    .min(1)
    .optional()
    .describe(
      "prerequisite thresholds: while any of them is not counted this one is below (a rule-out proxy, e.g. CBRN-4 requires CBRN-3)",
    ),
  early_warning: z
    .object({ margin: FiniteNumber.refine((m) => m > 0, "must be greater than 0") })
    .strict()
    .optional()
    .describe("a numeric leaf within margin of its threshold (on the safe side) is an early warning"),
};

export const CapabilityThreshold = z
  .object({
    ...ThresholdCommon,
    kind: z.literal("capability").optional(),
    level: Slug.describe("the level reached when this threshold is crossed"),
    safeguards: z.array(Slug).optional().describe("safeguards required once this threshold is crossed"),
  })
  .strict();

export const CheckpointThreshold = z
  .object({
    ...ThresholdCommon,
    kind: z.literal("checkpoint"),
    obligations: z.array(z.string().min(1)).min(1).describe("what crossing the checkpoint obliges"),
  })
  .strict();

export const Threshold = z.union([CheckpointThreshold, CapabilityThreshold]);
export type CapabilityThreshold = z.infer<typeof CapabilityThreshold>;
export type CheckpointThreshold = z.infer<typeof CheckpointThreshold>;
export type Threshold = z.infer<typeof Threshold>;

export const Domain = z
  .object({
    id: Slug,
    title: z.string().min(1),
    description: z.string().optional(),
    thresholds: z.array(Threshold).min(1),
  })
  .strict();
export type Domain = z.infer<typeof Domain>;

export const LevelDef = z
  .object({ id: Slug, title: z.string().optional(), description: z.string().optional() })
  .strict();
export const Level = z.union([Slug, LevelDef]);
export type Level = z.infer<typeof Level>;

export const Safeguard = z
  .object({
    id: Slug,
    track: Slug.describe("security, deployment, or another track of requirements"),
    title: z.string().min(1),
    description: z.string().optional(),
    ...Provenance,
    definition: z.string().optional(),
  })
  .strict();
export type Safeguard = z.infer<typeof Safeguard>;

const LevelBound = z
  .object({
    at_most: Slug.optional(),
    at_least: Slug.optional(),
    domain: Slug.optional().describe("compare this domain's level instead of the overall level"),
  })
  .strict()
  .refine((b) => b.at_most !== undefined || b.at_least !== undefined, "give at_most or at_least");

export const GateWhen = z
  .object({
    pre: LevelBound.optional(),
    post: LevelBound.optional(),
    safeguards: z
      .union([
        z.enum(["attested", "missing"]),
        z.object({ track: Slug, status: z.enum(["attested", "missing"]) }).strict(),
      ])
      .optional()
      .describe("attested: every required safeguard (of the track) is attested and unexpired"),
    obligations: z.enum(["none_open", "open"]).optional(),
    reassessment: z.enum(["due", "current"]).optional(),
  })
  .strict();
export type GateWhen = z.infer<typeof GateWhen>;

export const GateRule = z
  .object({
    when: GateWhen.optional().describe("all conditions must hold; omitted: the rule always matches"),
    outcome: z.enum(GATE_OUTCOMES),
    reason: z.string().optional(),
    locator: z.string().optional(),
  })
  .strict();
export type GateRule = z.infer<typeof GateRule>;

export const Cadence = z
  .object({
    effective_compute_multiple: FiniteNumber.refine((m) => m > 1, "must be greater than 1").optional(),
    months: FiniteNumber.refine((m) => m > 0, "must be greater than 0").optional(),
    locator: z.string().optional(),
  })
  .strict();
export type Cadence = z.infer<typeof Cadence>;

export const Policy = z
  .object({
    schema: z.literal(SCHEMA_ID),
    id: z.string().regex(/^[a-z0-9-]+$/, "must match ^[a-z0-9-]+$ (the file name without .yaml)"),
    title: z.string().min(1),
    version: z.string().min(1),
    publisher: z.string().min(1),
    published: IsoDate,
    effective: IsoDate.optional().describe("when the version took effect, if not the publication date"),
    supersedes: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    source: z.string().min(1).describe("address of the framework text"),
    summary: z.string().optional(),
    levels: z.array(Level).min(1).describe("ordered, lowest first; the first is the baseline"),
    rollup: z.enum(ROLLUP),
    aggregate: z.enum(AGGREGATE).describe("several scores for one metric: max (riskiest), latest or mean"),
    metrics: z.array(Metric),
    domains: z.array(Domain).min(1),
    safeguards: z.array(Safeguard).default([]),
    gates: z.record(Slug, z.array(GateRule).min(1)),
    cadence: Cadence.optional(),
    notes: z.string().optional(),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

export function levelId(level: Level): string {
  return typeof level === "string" ? level : level.id;
}

export function levelTitle(level: Level): string {
  return typeof level === "string" ? level : (level.title ?? level.id);
}

export function comparatorOf(leaf: MetricLeaf): { op: Comparator; value: number } {
  for (const op of COMPARATORS) {
    const value = leaf[op];
    if (value !== undefined) return { op, value };
  }
  throw new Error(`metric leaf on ${leaf.metric} has no comparator`);
}

export function isMetricLeaf(p: Predicate): p is MetricLeaf {
  return "metric" in p;
}
export function isThresholdRef(p: Predicate): p is ThresholdRef {
  return "threshold" in p;
}

export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Policy, { target: "draft-7", io: "input", unrepresentable: "any" });
  return {
    ...schema,
    $id: "https://scalegate.dev/schema/policy@1.json",
    title: "Scalegate policy (scalegate/policy@1)",
  };
}
