import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors";
import { ATTESTATION_STATUSES, DETERMINATION_OUTCOMES, DeterminationInput } from "@/lib/engine/input";
import { SAFEGUARD_STATUSES, THRESHOLD_STATUSES } from "@/lib/engine/types";
import type { IndicatedStatus } from "@/lib/engine/types";
import {
  AGGREGATE,
  CALIBRATION,
  COMPARATORS,
  GATE_OUTCOMES,
  MITIGATION,
  Policy,
  isRealDate,
} from "@/lib/policy/schema";
// The types module only (not the parsers' index), so a client bundle importing this file stays small.
import { FORMAT_IDS, RowError } from "@/lib/ingest/types";

/**
 * The contract of the REST API under /api/v1: request and response schemas shared by the route
 * handlers, the react-query hooks and the OpenAPI document (lib/api/openapi.ts). Pure zod.
 *
 * Requests (bodies, query strings) are strict: a misspelt filter is a 400, never a silent "everything".
 * Responses are plain objects; the route handlers type-check what they send against them.
 */

// ---------------------------------------------------------------------------------------------
// Errors

export const ErrorIssue = z.object({
  path: z.string().describe("where: a field, a JSON path, or `<file> row <n> <field>` for an import"),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(ErrorIssue).optional(),
});

/** Every 4xx/5xx answer: `{ error: { code, message, issues? } }`. */
export const ErrorResponse = z.object({ error: ErrorBody });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** A query-string boolean: exactly "true" or "false". */
export const QueryBoolean = z.enum(["true", "false"]);
const Filter = z.string().trim().min(1);

/**
 * YYYY-MM-DD that names a real day. Stricter than `IsoDate` of lib/policy, whose Date.parse check lets
 * V8 roll 2025-02-30 over to March 2.
 */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real calendar date");

/** Same rule as the stored records: a date, optionally followed by a time. */
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, "must be an ISO date (YYYY-MM-DD)")
  .refine(isRealDate, "is not a real date");

// ---------------------------------------------------------------------------------------------
// Models and scores

export const ModelsQuery = z
  .object({
    q: Filter.optional().describe("case-insensitive substring of the id, the name or a raw alias"),
    developer: Filter.optional().describe("exact developer, case-insensitive"),
    family: Filter.optional().describe("exact family, case-insensitive"),
  })
  .strict();
export type ModelsQuery = z.infer<typeof ModelsQuery>;

export const Model = z.object({
  id: z.string().describe("normalised slug"),
  name: z.string(),
  family: z.string().nullable(),
  developer: z.string().nullable(),
  release_date: z.string().nullable(),
  params_b: z.number().nullable(),
  active_params_b: z.number().nullable().describe("mixture-of-experts: parameters active per token"),
  training_tokens: z.number().nullable(),
  training_flop: z.number().nullable(),
  effective_compute: z.number().nullable().describe("optional override of the effective compute"),
  synthetic: z.boolean().describe("created by synthetic (never real) data"),
  metadata_sources: z.record(z.string(), z.string()).describe("metadata field → where it came from"),
});
export type Model = z.infer<typeof Model>;

export const ModelAlias = z.object({
  alias: z.string().describe("the normalised raw name"),
  raw: z.string().describe("the name exactly as an import wrote it"),
  source: z.string().nullable(),
});
export type ModelAlias = z.infer<typeof ModelAlias>;

export const ModelsResponse = z.object({ models: z.array(Model) });
export type ModelsResponse = z.infer<typeof ModelsResponse>;

export const ModelResponse = z.object({ model: Model, aliases: z.array(ModelAlias) });
export type ModelResponse = z.infer<typeof ModelResponse>;

export const Score = z.object({
  id: z.number().int(),
  model: z.string(),
  metric: z.string(),
  value: z.number(),
  stderr: z.number().nullable(),
  n: z.number().int().nullable(),
  ci_low: z.number().nullable(),
  ci_high: z.number().nullable(),
  mitigation: z.enum(MITIGATION),
  elicitation: z.string().nullable(),
  evaluated_at: z.string().nullable(),
  source: z.object({
    file: z.string().describe("the file the score was read from (the batch's file when not recorded)"),
    row: z.number().int().nullable(),
    url: z.string().nullable(),
    note: z.string().nullable(),
  }),
  batch_id: z.number().int(),
  content_hash: z.string().describe("identity of the score: re-importing it inserts nothing"),
});
export type Score = z.infer<typeof Score>;

export const ScoresResponse = z.object({ scores: z.array(Score) });
export type ScoresResponse = z.infer<typeof ScoresResponse>;

// ---------------------------------------------------------------------------------------------
// Evaluations (the engine's result, lib/engine/types.ts)

const INDICATED_STATUSES = [
  "reached",
  "cannot_rule_out",
  "missing",
  "early_warning",
  "below",
] as const satisfies readonly IndicatedStatus[];

export const EvaluationsQuery = z
  .object({
    policy: Filter.optional().describe("a published policy id; absent: every published policy"),
    model: Filter.optional().describe("a model id; absent: every model"),
    as_of: CalendarDate.optional().describe("evaluation date, YYYY-MM-DD; default today (UTC)"),
  })
  .strict();
export type EvaluationsQuery = z.infer<typeof EvaluationsQuery>;

const ScoreRef = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  value: z.number(),
  stderr: z.number().nullable().optional(),
  n: z.number().nullable().optional(),
  elicitation: z.string().nullable().optional(),
  evaluated_at: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
});

const LeafEvidence = z.object({
  kind: z.literal("metric"),
  leaf: z.string(),
  metric: z.string(),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  calibration: z.enum(CALIBRATION),
  mitigation: z.enum(MITIGATION).nullable(),
  fallback_to_pre: z.boolean().optional(),
  value: z.number().nullable(),
  stderr: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  margin: z.number().nullable(),
  aggregate: z.enum(AGGREGATE),
  status: z.enum(INDICATED_STATUSES),
  note: z.string().optional(),
  scores: z.array(ScoreRef),
});

const RefEvidence = z.object({
  kind: z.literal("threshold"),
  leaf: z.string(),
  threshold: z.string(),
  status: z.enum(THRESHOLD_STATUSES),
  counted: z.boolean(),
});

const FactEvidence = z.object({
  kind: z.literal("fact"),
  leaf: z.string(),
  fact: z.string(),
  expected: z.boolean(),
  value: z.boolean().nullable(),
  status: z.enum(INDICATED_STATUSES),
});

const RateEvidence = z.object({
  kind: z.literal("rate"),
  leaf: z.string(),
  series: z.string(),
  calibration: z.enum(CALIBRATION),
  recent_rate: z.number().nullable(),
  baseline_rate: z.number().nullable(),
  ratio: z.number().nullable(),
  threshold: z.number(),
  n_recent: z.number().int(),
  n_baseline: z.number().int(),
  status: z.enum(INDICATED_STATUSES),
  note: z.string().optional(),
});

const StateResult = z.object({
  status: z.enum(THRESHOLD_STATUSES),
  indicated: z.enum(INDICATED_STATUSES),
  missing_evidence: z.boolean(),
  evidence: z.array(z.discriminatedUnion("kind", [LeafEvidence, RefEvidence, FactEvidence, RateEvidence])),
  determination: DeterminationInput.optional(),
  disagreement: z.boolean().optional(),
});

const ThresholdResult = StateResult.extend({
  id: z.string(),
  kind: z.enum(["capability", "checkpoint", "derived"]),
  tier: z.string().optional(),
  level: z.string().nullable(),
  title: z.string().optional(),
  post: StateResult,
  counted: z.boolean(),
  determinations: z.array(DeterminationInput),
});

const LevelPair = z.object({ pre: z.string(), post: z.string() });
const NullableLevelPair = z.object({ pre: z.string().nullable(), post: z.string().nullable() });

export const Evaluation = z.object({
  policy: z.object({ id: z.string(), version: z.string() }),
  policy_version_id: z.number().int().describe("the stored policy version the evaluation used"),
  model: z.string(),
  as_of: z.string(),
  level: NullableLevelPair,
  evidenced_level: NullableLevelPair,
  domains: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      level: LevelPair,
      evidenced_level: LevelPair,
      missing_evidence: z.array(z.string()),
      thresholds: z.array(ThresholdResult),
    }),
  ),
  safeguards: z.array(
    z.object({
      id: z.string(),
      track: z.string(),
      title: z.string(),
      status: z.enum(SAFEGUARD_STATUSES),
      required_by: z.array(z.string()),
      kind: z.string().optional(),
      commitment: z.string().optional(),
      min: z.string().optional().describe("for a ladder requirement: the lowest rung that satisfies it"),
      note: z.string().optional().describe("why it is inactive or insufficient"),
      attestation: z
        .object({
          status: z.string(),
          by: z.string(),
          at: z.string(),
          expires_at: z.string().nullable().optional(),
          level: z.string().nullable().optional(),
        })
        .optional(),
    }),
  ),
  obligations: z.array(
    z.object({
      threshold: z.string(),
      text: z.string(),
      status: z.literal("open"),
      basis: z.enum(THRESHOLD_STATUSES),
    }),
  ),
  gates: z.array(
    z.object({
      action: z.string(),
      outcome: z.enum(GATE_OUTCOMES),
      rule: z.number().int().nullable().describe("1-based matching rule; null: none matched (fail closed)"),
      reasons: z.array(z.string()),
      approvers: z.array(z.string()).optional(),
      within_days: z.number().optional(),
    }),
  ),
  cadence: z.object({
    due: z.boolean(),
    reasons: z.array(z.string()),
    next_due_at: z.string().nullable(),
    months: z.number().optional(),
    effective_compute_multiple: z.number().optional(),
  }),
  ignored: z.array(z.object({ metric: z.string(), reason: z.string() })),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const EvaluationsResponse = z.object({ evaluations: z.array(Evaluation) });
export type EvaluationsResponse = z.infer<typeof EvaluationsResponse>;

// ---------------------------------------------------------------------------------------------
// Ingest

export const IngestOptions = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      // eslint-disable-next-line no-control-regex -- a file name is recorded in the audit log
      .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters")
      .optional()
      .describe(
        "the file's name, recorded as the batch's source; required for a raw body, defaults to the part's name in a form",
      ),
    format: z
      .enum(FORMAT_IDS)
      .optional()
      .describe("skip detection; an unknown format is a 415 UNSUPPORTED_FORMAT"),
    partial: QueryBoolean.optional().describe(
      "true: import the valid rows and report the rest; default false: any bad row rejects the file (422)",
    ),
    accept_new_models: QueryBoolean.optional().describe(
      "true: create models whose names nearly match an existing one instead of refusing their rows",
    ),
  })
  .strict();
export type IngestOptions = z.infer<typeof IngestOptions>;

/** `multipart/form-data`: the file plus the same options as fields. */
export const IngestForm = IngestOptions.extend({ file: z.file() }).strict();
export type IngestForm = z.infer<typeof IngestForm>;

export const PossibleDuplicate = z.object({ raw: z.string(), similar_to: z.string(), reason: z.string() });

/** One file's import, the same object `scalegate ingest --json` prints. */
export const BatchReport = z.object({
  file: z.string(),
  format: z.enum([...FORMAT_IDS, "unknown"]).describe("unknown only when no parser recognised the file"),
  status: z
    .enum(["imported", "unchanged", "rejected"])
    .describe(
      "imported: a batch was recorded; unchanged: everything was already there; rejected: nothing written",
    ),
  batch_id: z.number().int().nullable(),
  sha256: z.string(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(RowError),
  models_created: z.array(z.string()),
  models_updated: z.array(z.string()),
  metrics_created: z.array(z.string()),
  possible_duplicates: z.array(PossibleDuplicate),
  notes: z.array(z.string()),
});
export type BatchReport = z.infer<typeof BatchReport>;

export const IngestResponse = z.object({ batches: z.array(BatchReport) });
export type IngestResponse = z.infer<typeof IngestResponse>;

/** 422: the file had bad rows and nothing was written; the report says which. */
export const IngestRejectedResponse = ErrorResponse.extend({ batches: z.array(BatchReport) });
export type IngestRejectedResponse = z.infer<typeof IngestRejectedResponse>;

// ---------------------------------------------------------------------------------------------
// Import batches

export const BATCH_STATUSES = ["active", "rolled_back"] as const;

export const Batch = z.object({
  id: z.number().int(),
  file_name: z.string(),
  sha256: z.string(),
  format: z.string(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  rejected_count: z.number().int(),
  rejected: z.array(RowError),
  status: z.enum(BATCH_STATUSES),
  created_by: z.string(),
  created_at: z.string(),
  rolled_back_by: z.string().nullable(),
  rolled_back_at: z.string().nullable(),
  synthetic: z.boolean(),
});
export type Batch = z.infer<typeof Batch>;

export const BatchesResponse = z.object({ batches: z.array(Batch) });
export type BatchesResponse = z.infer<typeof BatchesResponse>;

export const BatchIdParam = z.coerce.number().int().positive();

export const RollbackResponse = z.object({
  batch_id: z.number().int(),
  removed: z.number().int().describe("scores deleted"),
});
export type RollbackResponse = z.infer<typeof RollbackResponse>;

// ---------------------------------------------------------------------------------------------
// Determinations and attestations

export const RecordsQuery = z
  .object({
    model: Filter.optional().describe("a model id"),
    policy: Filter.optional().describe("a policy id; records made for no policy in particular are included"),
  })
  .strict();
export type RecordsQuery = z.infer<typeof RecordsQuery>;

/** A human judgement on one threshold for one model: the API, the forms and db/records.ts share it. */
export const NewDetermination = z
  .object({
    model: z.string().min(1),
    policy: z.string().min(1).nullable().optional(),
    threshold: z.string().min(1),
    outcome: z.enum(DETERMINATION_OUTCOMES),
    mitigation: z.enum(MITIGATION).nullable().optional(),
    rationale: z.string().trim().min(1, "a rationale is required"),
    by: z.string().trim().min(1).optional(),
    at: DateOnly.optional(),
    evidence: z.array(z.string()).optional(),
    quote: z.string().nullable().optional(),
    source_title: z.string().nullable().optional(),
    source_url: z.string().nullable().optional(),
    source_kind: z.enum(["primary", "secondary", "internal"]).optional(),
  })
  .strict();
export type NewDetermination = z.infer<typeof NewDetermination>;

/** A safeguard attestation: the API, the forms and db/records.ts share it. */
export const NewAttestation = z
  .object({
    model: z.string().min(1),
    policy: z.string().min(1).nullable().optional(),
    safeguard: z.string().min(1),
    status: z.enum(ATTESTATION_STATUSES),
    evidence: z.string().nullable().optional(),
    by: z.string().trim().min(1).optional(),
    at: DateOnly.optional(),
    expires_at: DateOnly.nullable().optional(),
  })
  .strict()
  .refine((a) => !a.expires_at || !a.at || a.expires_at > a.at, {
    path: ["expires_at"],
    message: "must be after at",
  });
export type NewAttestation = z.infer<typeof NewAttestation>;

export const Determination = z.object({
  id: z.number().int(),
  model: z.string(),
  policy: z.string().nullable(),
  threshold: z.string(),
  outcome: z.enum(DETERMINATION_OUTCOMES),
  mitigation: z.enum(MITIGATION).nullable(),
  by: z.string(),
  rationale: z.string(),
  quote: z.string().nullable(),
  source_title: z.string().nullable(),
  source_url: z.string().nullable(),
  source_kind: z.enum(["primary", "secondary", "internal"]),
  evidence: z.array(z.string()),
  at: z.string(),
  created_by: z.string().describe("who recorded it (the actor of the audit entry)"),
  created_at: z.string(),
});
export type Determination = z.infer<typeof Determination>;

export const DeterminationsResponse = z.object({ determinations: z.array(Determination) });
export type DeterminationsResponse = z.infer<typeof DeterminationsResponse>;
export const DeterminationResponse = z.object({ determination: Determination });
export type DeterminationResponse = z.infer<typeof DeterminationResponse>;

export const Attestation = z.object({
  id: z.number().int(),
  model: z.string(),
  policy: z.string().nullable(),
  safeguard: z.string(),
  status: z.enum(ATTESTATION_STATUSES),
  evidence: z.string().nullable(),
  by: z.string(),
  at: z.string(),
  expires_at: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
});
export type Attestation = z.infer<typeof Attestation>;

export const AttestationsResponse = z.object({ attestations: z.array(Attestation) });
export type AttestationsResponse = z.infer<typeof AttestationsResponse>;
export const AttestationResponse = z.object({ attestation: Attestation });
export type AttestationResponse = z.infer<typeof AttestationResponse>;

// ---------------------------------------------------------------------------------------------
// Policies

export const PolicySummary = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  publisher: z.string(),
  published: z.string(),
  policy_version_id: z.number().int(),
  sha256: z.string().describe("of the stored YAML text"),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const PoliciesResponse = z.object({ policies: z.array(PolicySummary) });
export type PoliciesResponse = z.infer<typeof PoliciesResponse>;

export const PolicyResponse = z.object({
  policy: Policy.describe("the parsed policy file (scalegate/policy@1), defaults applied"),
  yaml: z.string().describe("the stored text, exactly as published"),
  policy_version_id: z.number().int(),
  sha256: z.string(),
});
export type PolicyResponse = z.infer<typeof PolicyResponse>;
