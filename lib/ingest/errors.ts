import type { RowError } from "./types";

export const INGEST_ERROR_CODES = ["VALIDATION", "UNSUPPORTED_FORMAT", "TOO_LARGE", "CORRUPT"] as const;
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[number];

/**
 * The one error a parser throws: the file cannot be read at all (unknown format, corrupt container,
 * over a size limit), or a caller asked for a result without row errors (`assertValid`).
 * Row-level problems are not thrown; they come back in `ParseResult.errors`.
 */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly file: string;
  readonly issues: RowError[];

  constructor(code: IngestErrorCode, file: string, message: string, issues: RowError[] = []) {
    super(`${file}: ${message}`);
    this.name = "IngestError";
    this.code = code;
    this.file = file;
    this.issues = issues;
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}

/** Name used in messages when the caller gave none. */
export function fileLabel(fileName: string | undefined): string {
  return fileName ?? "<input>";
}
