import { detectFormat } from "./detect-format";
import { IngestError } from "./errors";
import { parseEpochCsv } from "./parse-epoch";
import { parseGenericCsv } from "./parse-generic-csv";
import { parseGenericJson } from "./parse-generic-json";
import { parseGenericJsonl } from "./parse-generic-jsonl";
import { parseInspectEval, parseInspectJson } from "./parse-inspect";
import { parseLmEval } from "./parse-lm-eval";
import { parseMetr } from "./parse-metr";
import { parseModelMetadataCsv } from "./parse-model-metadata-csv";
import { parseObsScaling } from "./parse-obsscaling";
import { parseSafetywashing, parseSafetywashingInfo } from "./parse-safetywashing";
import { parseSimpleEvals } from "./parse-simple-evals";
import { FORMAT_IDS } from "./types";
import type { FormatId, ParseResult, ZipLimits } from "./types";

export interface ParseFileOptions {
  /** Skip detection (the user picked the format). */
  format?: FormatId;
  /** ZIP limits for `.eval` logs. */
  limits?: ZipLimits;
  /** Companion file for Safetywashing tables: the text of `benchmarks_info.csv`. */
  benchmarksInfo?: string | Uint8Array;
  /** Epoch-run exports: the benchmark when the file name does not say it. */
  benchmark?: string;
  /** simple-evals summaries: model and eval name when the file name does not carry them. */
  model?: string;
  evalName?: string;
}

/**
 * Detects the format (unless given) and parses. Throws IngestError: UNSUPPORTED_FORMAT when no
 * parser recognises the file, CORRUPT / TOO_LARGE from the parsers. Row problems are returned in
 * `errors`, not thrown.
 */
export function parseFile(
  fileName: string,
  input: Uint8Array | string,
  opts: ParseFileOptions = {},
): ParseResult {
  if (opts.format !== undefined && !(FORMAT_IDS as readonly string[]).includes(opts.format)) {
    throw new IngestError("UNSUPPORTED_FORMAT", fileName, `unknown format "${String(opts.format)}"`);
  }
  const format = opts.format ?? detectFormat(fileName, input);
  if (format === null) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileName,
      `format not recognised from its content; supported: ${FORMAT_IDS.join(", ")}`,
    );
  }
  const base = { fileName };
  switch (format) {
    case "generic-csv":
      return parseGenericCsv(input, base);
    case "generic-json":
      return parseGenericJson(input, base);
    case "generic-jsonl":
      return parseGenericJsonl(input, base);
    case "model-metadata-csv":
      return parseModelMetadataCsv(input, base);
    case "inspect-json":
      return parseInspectJson(input, base);
    case "inspect-eval":
      return parseInspectEval(typeof input === "string" ? new TextEncoder().encode(input) : input, {
        ...base,
        ...(opts.limits ? { limits: opts.limits } : {}),
      });
    case "lm-eval-harness":
      return parseLmEval(input, base);
    case "metr-yaml":
      return parseMetr(input, base);
    case "epoch-csv":
      return parseEpochCsv(input, { ...base, ...(opts.benchmark ? { benchmark: opts.benchmark } : {}) });
    case "obsscaling-csv":
      return parseObsScaling(input, base);
    case "safetywashing-csv":
      return parseSafetywashing(input, {
        ...base,
        ...(opts.benchmarksInfo !== undefined ? { benchmarksInfo: opts.benchmarksInfo } : {}),
      });
    case "safetywashing-info-csv":
      return parseSafetywashingInfo(input, base);
    case "simple-evals-json":
      return parseSimpleEvals(input, {
        ...base,
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.evalName ? { evalName: opts.evalName } : {}),
      });
  }
}

/** Throws a VALIDATION IngestError carrying every row error when a result has any. */
export function assertValid(result: ParseResult, fileName: string): ParseResult {
  if (result.errors.length > 0) {
    const first = result.errors[0];
    const where = first && first.row > 0 ? `row ${first.row}: ` : "";
    throw new IngestError(
      "VALIDATION",
      fileName,
      `${result.errors.length} invalid row(s); first: ${where}${first?.message ?? ""}`,
      result.errors,
    );
  }
  return result;
}
