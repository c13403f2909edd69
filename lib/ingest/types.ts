import { z } from "zod";
import { CONTINUITY, IsoDate, MetricId, MITIGATION, UNITS } from "@/lib/policy/schema";

/**
 * The output model of every ingest parser. Parsers are pure: text or bytes in, a ParseResult out.
 * Problems with individual rows come back as RowErrors; only an unreadable or unsupported file
 * throws (IngestError, see errors.ts).
 */

export const FORMAT_IDS = [
  "generic-csv",
  "generic-json",
  "generic-jsonl",
  "model-metadata-csv",
  "inspect-json",
  "inspect-eval",
  "lm-eval-harness",
  "metr-yaml",
  "epoch-csv",
  "obsscaling-csv",
  "safetywashing-csv",
  "safetywashing-info-csv",
  "simple-evals-json",
] as const;
export const FormatId = z.enum(FORMAT_IDS);
export type FormatId = z.infer<typeof FormatId>;

const Finite = z.number().refine(Number.isFinite, "must be a finite number");

export const ScoreSource = z
  .object({
    file: z.string().optional(),
    /** 1-based data row (CSV: header excluded), line (JSONL, YAML) or entry index (JSON arrays). */
    row: z.number().int().positive().optional(),
    url: z.string().nullable().optional(),
    note: z.string().optional(),
  })
  .strict();
export type ScoreSource = z.infer<typeof ScoreSource>;

export const ParsedScore = z
  .object({
    /** The model name exactly as the file writes it, minus any elicitation suffix split off. */
    model: z.string().min(1),
    metric: MetricId,
    value: Finite,
    stderr: Finite.nonnegative().nullable().optional(),
    n: z.number().int().nonnegative().nullable().optional(),
    mitigation: z.enum(MITIGATION).optional(),
    elicitation: z.string().nullable().optional(),
    /** YYYY-MM-DD, the calendar date as written in the source (no timezone shift). */
    evaluated_at: IsoDate.nullable().optional(),
    ci_low: Finite.nullable().optional(),
    ci_high: Finite.nullable().optional(),
    source: ScoreSource,
  })
  .strict();
export type ParsedScore = z.infer<typeof ParsedScore>;

export const ParsedMetric = z
  .object({
    id: MetricId,
    title: z.string().optional(),
    /** The source's own wording of the metric, e.g. "Attack failure rate (↑)". */
    description: z.string().optional(),
    domain: z.string().optional(),
    unit: z.enum(UNITS),
    /** Unit as the source states it, when it differs from `unit` or is worth keeping. */
    original_unit: z.string().optional(),
    /** What the parser did to the values, e.g. "none: kept on 0..100". */
    normalisation: z.string().optional(),
    /** Undefined when the source does not say; never guessed. */
    higher_is_riskier: z.boolean().optional(),
    /** The source's own direction of "better" (lm-eval `higher_is_better`, Safetywashing arrows). */
    higher_is_better: z.boolean().optional(),
    continuity: z.enum(CONTINUITY).optional(),
    chance: Finite.optional(),
    ceiling: Finite.optional(),
    suite_version: z.string().optional(),
  })
  .strict();
export type ParsedMetric = z.infer<typeof ParsedMetric>;

export const ParsedModel = z
  .object({
    name: z.string().min(1),
    display_name: z.string().optional(),
    release_date: IsoDate.nullable().optional(),
    params_b: Finite.nonnegative().nullable().optional(),
    active_params_b: Finite.nonnegative().nullable().optional(),
    training_tokens: Finite.nonnegative().nullable().optional(),
    training_flop: Finite.nonnegative().nullable().optional(),
    family: z.string().nullable().optional(),
    developer: z.string().nullable().optional(),
    source: ScoreSource,
  })
  .strict();
export type ParsedModel = z.infer<typeof ParsedModel>;

export const RowError = z
  .object({
    /** 1-based data row (CSV), line (JSONL) or entry index; 0 means the file or its header. */
    row: z.number().int().nonnegative(),
    field: z.string().optional(),
    message: z.string(),
  })
  .strict();
export type RowError = z.infer<typeof RowError>;

/** A published trend figure kept alongside scores (METR `doubling_time_in_days`). */
export const DoublingTime = z
  .object({
    metric: MetricId,
    period: z.string(),
    days: Finite,
    ci_low: Finite.nullable().optional(),
    ci_high: Finite.nullable().optional(),
  })
  .strict();
export type DoublingTime = z.infer<typeof DoublingTime>;

export const ParseResult = z
  .object({
    format: FormatId,
    scores: z.array(ParsedScore),
    metrics: z.array(ParsedMetric),
    models: z.array(ParsedModel),
    errors: z.array(RowError),
    /** Cells or entries deliberately not imported (empty cells, gaps), not errors. */
    skipped: z.number().int().nonnegative().optional(),
    notes: z.array(z.string()).optional(),
    doubling_times: z.array(DoublingTime).optional(),
  })
  .strict();
export type ParseResult = z.infer<typeof ParseResult>;

export const DEFAULT_ZIP_LIMITS = {
  /** Sum of uncompressed sizes over all entries, declared and actual. */
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxEntries: 100_000,
} as const;

export const ZipLimits = z
  .object({
    maxUncompressedBytes: z.number().int().positive().optional(),
    maxEntries: z.number().int().positive().optional(),
  })
  .strict();
export type ZipLimits = z.infer<typeof ZipLimits>;

/** What a caller passes to any parser. */
export interface ParseOptions {
  /** Recorded in every score's source and in error messages. */
  fileName?: string;
}
