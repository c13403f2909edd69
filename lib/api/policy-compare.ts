import { z } from "zod";
import { CalendarDate } from "./schemas";

/**
 * The contract shared by the two views that set one policy beside another: the "what changed" page
 * (two published or retired versions of a framework, `GET /api/v1/policies/compare`) and a draft's
 * review (a draft against the published version it would replace). Both answer the same shape, so
 * one set of components renders both. Mirrors `PolicyDiff` (lib/policy/diff.ts) and `ModelChange`
 * (lib/engine/what-if.ts); the route handlers type-check against these.
 */

const FieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });

const NumberChange = z.object({
  metric: z.string(),
  op: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  calibration: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
});

const ThresholdRef = z.object({
  id: z.string(),
  domain: z.string(),
  kind: z.enum(["capability", "checkpoint", "derived"]),
  level: z.string().nullable(),
  tier: z.string().optional(),
  lineage: z
    .object({ from: z.array(z.string()), relation: z.string(), note: z.string().optional() })
    .optional(),
  title: z.string().optional(),
  definition: z.string(),
});

export const PolicyDiffSchema = z.object({
  from: z.object({ id: z.string(), version: z.string() }),
  to: z.object({ id: z.string(), version: z.string() }),
  levels: z.object({ added: z.array(z.string()), removed: z.array(z.string()), reordered: z.boolean() }),
  domains: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  thresholds: z.object({
    added: z.array(ThresholdRef),
    removed: z.array(ThresholdRef),
    continued: z.array(ThresholdRef.extend({ into: z.array(z.string()), relation: z.string() })),
    changed: z.array(
      ThresholdRef.extend({
        from_id: z.string().optional(),
        reworded: z.boolean(),
        definition_from: z.string(),
        fields: z.array(FieldChange),
        numbers: z.array(NumberChange),
      }),
    ),
  }),
  safeguards: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ id: z.string(), fields: z.array(FieldChange) })),
  }),
  gates: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ action: z.string(), from: z.array(z.string()), to: z.array(z.string()) })),
  }),
  metrics: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  cadence: FieldChange.nullable(),
  empty: z.boolean(),
});

const LevelPair = z.tuple([z.string().nullable(), z.string().nullable()]);

export const ModelChangeSchema = z.object({
  model: z.string(),
  level: z.object({ pre: LevelPair, post: LevelPair }).optional(),
  domains: z.array(z.object({ id: z.string(), pre: LevelPair, post: LevelPair })),
  safeguards: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }).optional(),
  gates: z.array(z.object({ action: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
});

/** One side of a comparison: which stored version it is. */
export const ComparedVersion = z.object({
  policy_id: z.string(),
  title: z.string(),
  version: z.string(),
  /** policy_versions.id */
  policy_version_id: z.number().int(),
  status: z.enum(["draft", "published", "retired"]),
  sha256: z.string(),
});
export type ComparedVersion = z.infer<typeof ComparedVersion>;

export const PolicyComparison = z.object({
  from: ComparedVersion,
  to: ComparedVersion,
  diff: PolicyDiffSchema,
  models: z.object({
    /** how many models were evaluated under both sides */
    evaluated: z.number().int(),
    as_of: z.string(),
    changes: z.array(ModelChangeSchema),
  }),
});
export type PolicyComparison = z.infer<typeof PolicyComparison>;

/** `GET /api/v1/policies/compare`: a ref is a policy id (its published version) or a policy_versions id. */
const VersionRef = z.string().trim().min(1, "must name a version");
export const PolicyCompareQuery = z
  .object({
    from: VersionRef.describe(
      "the older side: a policy id (its published version) or the numeric id of a stored version (published, retired or draft)",
    ),
    to: VersionRef.describe("the newer side, as `from`"),
    as_of: CalendarDate.optional().describe(
      "the date models are evaluated as of, YYYY-MM-DD; default today (UTC)",
    ),
  })
  .strict();
export type PolicyCompareQuery = z.infer<typeof PolicyCompareQuery>;
