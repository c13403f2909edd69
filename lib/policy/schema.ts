import { z } from "zod";
import { METRIC_ID_PATTERN, METRIC_ID_RULE, MITIGATION } from "./ids";

export { MITIGATION };

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
export const MetricId = z.string().regex(METRIC_ID_PATTERN, METRIC_ID_RULE);

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
export const WORDING = ["verbatim", "paraphrase", "secondary"] as const;
export const GATE_OUTCOMES = [
  "allow",
  "conditional",
  "pause",
  "block",
  "restrict",
  "de_deploy",
  "delete_weights",
  // Procedural gates (RSP v3.x, FSF v3.1): the action may proceed only after a report, a review, an
  // approval, or a delay. They stop the action until done, so gates treat them like conditions.
  "require_report",
  "require_external_review",
  "require_approval",
  "delay",
] as const;
export const SAFEGUARD_KINDS = [
  "control",
  "standard",
  "safety_argument",
  "report",
  "plan",
  "review",
  "approval",
] as const;
export const COMMITMENTS = ["mandatory", "conditional", "aspirational"] as const;
export const LINEAGE_RELATIONS = [
  "same",
  "reworded",
  "split",
  "merge",
  "rename",
  "narrowed",
  "broadened",
  "demote",
  "new",
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

/** A usage or context fact about the model's deployment, declared under `facts` and supplied per model. */
export const FactLeaf = z
  .object({
    fact: Slug.describe("a declared fact; unknown (not supplied) counts as missing evidence"),
    is: z.boolean().optional().describe("the value that makes the leaf hold (default true)"),
  })
  .strict();
export type FactLeaf = z.infer<typeof FactLeaf>;

/**
 * A progress-rate leaf: the growth rate of a declared time series (log2 per year, least squares)
 * over the most recent window, as a multiple of its rate over a dated baseline window.
 */
export const RateLeaf = z
  .object({
    rate: z
      .object({
        series: Slug.describe("a declared series, supplied per model as dated values"),
        recent_days: FiniteNumber.refine((d) => d > 0, "must be greater than 0").describe(
          "the recent window, ending at the newest value",
        ),
        baseline: z.object({ from: IsoDate, to: IsoDate }).strict().describe("the baseline window"),
        ratio_gte: FiniteNumber.refine((r) => r > 0, "must be greater than 0"),
      })
      .strict(),
    calibration: z.enum(CALIBRATION),
    note: z.string().optional(),
  })
  .strict();
export type RateLeaf = z.infer<typeof RateLeaf>;

export type Predicate =
  | MetricLeaf
  | ThresholdRef
  | FactLeaf
  | RateLeaf
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

export const Predicate: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Predicate).min(1) }).strict(),
    z.object({ any: z.array(Predicate).min(1) }).strict(),
    z.object({ not: Predicate }).strict(),
    ThresholdRef,
    FactLeaf,
    RateLeaf,
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
  tier: Slug.optional().describe("a severity tier within the domain, e.g. tracked, critical, alert"),
  lineage: z
    .object({
      from: z.array(Slug).describe("thresholds of the superseded policy this one continues"),
      relation: z.enum(LINEAGE_RELATIONS),
      note: z.string().optional(),
    })
    .strict()
    .optional()
    .describe("how this threshold relates to the version it supersedes"),
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

/** A named condition defined from others (e.g. "highly capable" := T4 crossed), usable in gates. */
export const DerivedThreshold = z
  .object({
    ...ThresholdCommon,
    kind: z.literal("derived"),
    when: Predicate,
  })
  .strict();

export const Threshold = z.union([CheckpointThreshold, DerivedThreshold, CapabilityThreshold]);
export type CapabilityThreshold = z.infer<typeof CapabilityThreshold>;
export type CheckpointThreshold = z.infer<typeof CheckpointThreshold>;
export type DerivedThreshold = z.infer<typeof DerivedThreshold>;
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
    track: Slug.describe("security, deployment, company-plan, industry-recommendation, or another track"),
    title: z.string().min(1),
    description: z.string().optional(),
    ...Provenance,
    definition: z.string().optional(),
    kind: z
      .enum(SAFEGUARD_KINDS)
      .optional()
      .describe("control (default), standard, safety_argument, report, plan, review, approval"),
    commitment: z
      .enum(COMMITMENTS)
      .optional()
      .describe("how binding the framework makes it (default mandatory)"),
    claim: z.string().optional().describe("for a safety argument: what it must show"),
    actor_scope: z
      .array(z.string().min(1))
      .optional()
      .describe("for a safety argument: the actors it must cover"),
    approvers: z.array(z.string().min(1)).optional().describe("who must approve it"),
    active_when: z
      .array(Slug)
      .min(1)
      .optional()
      .describe(
        "declared facts that must all hold for the requirement to apply; an unknown fact keeps it active",
      ),
    ladder: Slug.optional().describe("an ordinal ladder (see ladders) this requirement is measured on"),
    min: Slug.optional().describe("the lowest rung of the ladder that satisfies it (e.g. sl2-plus)"),
  })
  .strict()
  .refine((s) => (s.ladder === undefined) === (s.min === undefined), {
    message: "ladder and min go together",
    path: ["min"],
  });
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
    thresholds: z
      .record(Slug, z.enum(["counted", "not_counted"]))
      .optional()
      .describe("named thresholds (capability, checkpoint or derived) that must be counted or not"),
    facts: z
      .record(Slug, z.boolean())
      .optional()
      .describe("declared facts that must have these values (unknown never matches)"),
  })
  .strict();
export type GateWhen = z.infer<typeof GateWhen>;

export const GateRule = z
  .object({
    when: GateWhen.optional().describe("all conditions must hold; omitted: the rule always matches"),
    outcome: z.enum(GATE_OUTCOMES),
    reason: z.string().optional(),
    locator: z.string().optional(),
    approvers: z.array(z.string().min(1)).optional().describe("for require_approval: who must approve"),
    within_days: FiniteNumber.refine((d) => d > 0, "must be greater than 0")
      .optional()
      .describe("deadline of a report or review"),
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
    facts: z
      .array(z.object({ id: Slug, title: z.string().min(1), description: z.string().optional() }).strict())
      .optional()
      .describe(
        "context facts supplied per model (usage, deployment, competitor state), read by fact leaves, gates and active_when",
      ),
    series: z
      .array(
        z
          .object({
            id: Slug,
            title: z.string().min(1),
            description: z.string().optional(),
            unit: z.string().optional(),
          })
          .strict(),
      )
      .optional()
      .describe("time series supplied per model as dated values, read by rate leaves"),
    ladders: z
      .record(Slug, z.array(Level).min(2))
      .optional()
      .describe("ordinal scales with modifiers (e.g. security levels sl2 < sl2-plus < sl3), lowest first"),
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
/** A threshold that assigns a level (the default kind). */
export function isCapability(t: Threshold): t is CapabilityThreshold {
  return t.kind === undefined || t.kind === "capability";
}

export function thresholdLevel(t: Threshold): string | null {
  return isCapability(t) ? t.level : null;
}

export function isFactLeaf(p: Predicate): p is FactLeaf {
  return "fact" in p;
}
export function isRateLeaf(p: Predicate): p is RateLeaf {
  return "rate" in p;
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
