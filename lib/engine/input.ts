import { z } from "zod";
import { IsoDate, MITIGATION, isRealDate } from "@/lib/policy/schema";

/** One model's evidence, as `evaluate` reads it. Shared by the CLI, the API and the fixtures. */

const Finite = z.number().refine(Number.isFinite, "must be a finite number");
const DateOrDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD) or date-time")
  .refine(isRealDate, "is not a real calendar date");

export const DETERMINATION_OUTCOMES = ["reached", "not_reached", "cannot_rule_out"] as const;
export const ATTESTATION_STATUSES = ["planned", "implemented", "verified"] as const;

export const ScoreInput = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    metric: z.string().min(1),
    // NaN cannot be written in JSON; a null value is kept and reported as invalid evidence.
    value: z.number().nullable(),
    stderr: z.number().nonnegative().nullable().optional(),
    n: z.number().int().nonnegative().nullable().optional(),
    mitigation: z.enum(MITIGATION).optional(),
    elicitation: z.string().nullable().optional(),
    evaluated_at: DateOrDateTime.nullable().optional(),
    source: z.string().nullable().optional(),
  })
  .strict();
export type ScoreInput = z.infer<typeof ScoreInput>;

export const DeterminationInput = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    threshold: z.string().min(1),
    outcome: z.enum(DETERMINATION_OUTCOMES),
    mitigation: z.enum(MITIGATION).optional(),
    by: z.string().min(1),
    rationale: z.string().min(1),
    at: DateOrDateTime,
    source: z.string().optional(),
  })
  .strict();
export type DeterminationInput = z.infer<typeof DeterminationInput>;

export const AttestationInput = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    safeguard: z.string().min(1),
    status: z.enum(ATTESTATION_STATUSES),
    by: z.string().min(1),
    at: DateOrDateTime,
    expires_at: DateOrDateTime.nullable().optional(),
    evidence: z.string().optional(),
    level: z
      .string()
      .nullable()
      .optional()
      .describe("for a ladder requirement: the rung attested (e.g. sl3)"),
  })
  .strict();
export type AttestationInput = z.infer<typeof AttestationInput>;

export const ModelInfo = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    family: z.string().nullable().optional(),
    developer: z.string().nullable().optional(),
    release_date: IsoDate.nullable().optional(),
    params_b: Finite.nullable().optional(),
    active_params_b: Finite.nullable().optional(),
    training_tokens: Finite.nullable().optional(),
    training_flop: Finite.nullable().optional(),
    effective_compute: Finite.nullable().optional(),
  })
  .strict();
export type ModelInfo = z.infer<typeof ModelInfo>;

/** What the engine needs to judge whether a reassessment is due (DESIGN "Cadence"). */
export const AssessmentContext = z
  .object({
    last_full_at: DateOrDateTime.nullable().optional(),
    last_full_effective_compute: Finite.nullable().optional(),
    family_max_effective_compute: Finite.nullable().optional(),
  })
  .strict();
export type AssessmentContext = z.infer<typeof AssessmentContext>;

export const ModelInput = z
  .object({
    model: ModelInfo,
    scores: z.array(ScoreInput),
    determinations: z.array(DeterminationInput).optional(),
    attestations: z.array(AttestationInput).optional(),
    assessment: AssessmentContext.optional(),
    /** context facts the policy declares (usage, deployment, competitor state); absent = unknown */
    facts: z.record(z.string(), z.boolean()).optional(),
    /** dated values of the series the policy declares, e.g. an aggregate capability index */
    series: z.record(z.string(), z.array(z.object({ date: IsoDate, value: Finite }).strict())).optional(),
  })
  .strict();
export type ModelInput = z.infer<typeof ModelInput>;

export const ModelInputs = z.union([ModelInput, z.array(ModelInput)]);
