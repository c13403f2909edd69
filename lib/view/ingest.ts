import { ErrorResponse, IngestRejectedResponse, IngestResponse } from "@/lib/api/schemas";
import type { Batch, BatchReport, ErrorIssue } from "@/lib/api/schemas";
import type { FormatId, RowError } from "@/lib/ingest/types";

/**
 * The ingest page's words: the request it sends, how it reads the answer, and how reports and
 * batches read in tables. Pure: plain data in, plain data out.
 */

// ---------------------------------------------------------------------------------------------
// Request

export interface UploadChoice {
  filename: string;
  /** "detect": let the server recognise the format from the name and the content */
  format: FormatId | "detect";
  partial: boolean;
  acceptNewModels: boolean;
}

/** POST /api/v1/ingest with the raw file as the body and the options in the query string. */
export function ingestUrl(c: UploadChoice): string {
  const q = new URLSearchParams({ filename: c.filename });
  if (c.format !== "detect") q.set("format", c.format);
  q.set("partial", String(c.partial));
  q.set("accept_new_models", String(c.acceptNewModels));
  return `/api/v1/ingest?${q.toString()}`;
}

/** Whole percent uploaded; null while the size is unknown. */
export function uploadPercent(loaded: number, total: number): number | null {
  if (!Number.isFinite(total) || total <= 0 || !Number.isFinite(loaded)) return null;
  return Math.min(100, Math.max(0, Math.floor((loaded / total) * 100)));
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "unknown size";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

// ---------------------------------------------------------------------------------------------
// Answer

export type UploadOutcome =
  | { kind: "imported"; reports: BatchReport[] }
  | { kind: "rejected"; message: string; reports: BatchReport[] }
  | { kind: "error"; status: number; message: string; issues: ErrorIssue[] };

const STATUS_HINT: Record<number, string> = {
  413: "The file is larger than the server accepts (INGEST_MAX_BYTES).",
  415: "The format is not supported or was not recognised; pick one under Format.",
};

/** Reads an answer of POST /api/v1/ingest; anything off-contract becomes an error, never a success. */
export function interpretIngestResponse(status: number, body: unknown): UploadOutcome {
  if (status >= 200 && status < 300) {
    const ok = IngestResponse.safeParse(body);
    if (ok.success) return { kind: "imported", reports: ok.data.batches };
  }
  if (status === 422) {
    const rejected = IngestRejectedResponse.safeParse(body);
    if (rejected.success)
      return { kind: "rejected", message: rejected.data.error.message, reports: rejected.data.batches };
  }
  const err = ErrorResponse.safeParse(body);
  const hint = STATUS_HINT[status];
  if (err.success) {
    const message = hint ? `${err.data.error.message}. ${hint}` : err.data.error.message;
    return { kind: "error", status, message, issues: err.data.error.issues ?? [] };
  }
  return {
    kind: "error",
    status,
    message: hint ?? `The server gave an unexpected answer (HTTP ${status}).`,
    issues: [],
  };
}

/** Reads `{ error: { message } }` from a failed answer of any /api/v1 call. */
export function apiErrorMessage(status: number, body: unknown): string {
  const err = ErrorResponse.safeParse(body);
  if (err.success) return err.data.error.message;
  return `The server gave an unexpected answer (HTTP ${status}).`;
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface ErrorRowView {
  key: string;
  /** "2", or "file" for a problem with the file or its header (row 0) */
  row: string;
  field: string;
  message: string;
}

/** Row errors for a table, in row order; row 0 names the file or its header, not a data row. */
export function errorRows(errors: readonly RowError[]): ErrorRowView[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.row - b.e.row || a.i - b.i)
    .map(({ e, i }) => ({
      key: `${e.row}:${e.field ?? ""}:${i}`,
      row: e.row > 0 ? String(e.row) : "file",
      field: e.field ?? "—",
      message: e.message,
    }));
}

export interface PossibleDuplicateView {
  raw: string;
  similarTo: string;
  reason: string;
  /** the CLI command that maps the raw name to the existing model */
  aliasCommand: string;
}

export interface ReportView {
  file: string;
  format: string;
  batchId: number | null;
  headline: string;
  facts: { label: string; value: string }[];
  modelsCreated: string[];
  possibleDuplicates: PossibleDuplicateView[];
  errors: ErrorRowView[];
  notes: string[];
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Quotes a raw name for a POSIX shell, so names with spaces or quotes paste as one argument. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9._:/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function aliasCommand(raw: string, modelId: string): string {
  return `npm run --silent cli -- models alias ${shellQuote(raw)} ${shellQuote(modelId)}`;
}

function headline(r: BatchReport): string {
  if (r.status === "rejected") return `${r.file} was rejected: nothing was imported.`;
  if (r.status === "unchanged")
    return `Nothing new in ${r.file}: every score was already imported${r.duplicates ? ` (${count(r.duplicates, "duplicate")})` : ""}.`;
  const batch = r.batch_id === null ? "" : ` as batch ${r.batch_id}`;
  return `Imported ${count(r.inserted, "score")} from ${r.file}${batch}.`;
}

export function reportView(r: BatchReport): ReportView {
  return {
    file: r.file,
    format: r.format,
    batchId: r.batch_id,
    headline: headline(r),
    facts: [
      { label: "Inserted", value: String(r.inserted) },
      { label: "Duplicates (already stored)", value: String(r.duplicates) },
      { label: "Rejected rows", value: String(r.rejected.length) },
      { label: "Models created", value: String(r.models_created.length) },
      { label: "Models updated", value: String(r.models_updated.length) },
      { label: "Metrics created", value: String(r.metrics_created.length) },
      { label: "Possible duplicates", value: String(r.possible_duplicates.length) },
    ],
    modelsCreated: r.models_created,
    possibleDuplicates: r.possible_duplicates.map((d) => ({
      raw: d.raw,
      similarTo: d.similar_to,
      reason: d.reason,
      aliasCommand: aliasCommand(d.raw, d.similar_to),
    })),
    errors: errorRows(r.rejected),
    notes: r.notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Batches

export interface BatchRowView {
  id: number;
  file: string;
  format: string;
  inserted: number;
  duplicates: number;
  rejected: number;
  status: "active" | "rolled back";
  /** who rolled it back and when, for a rolled-back batch */
  statusDetail: string | null;
  by: string;
  at: string;
  synthetic: boolean;
  canRollBack: boolean;
}

/**
 * An ISO timestamp as "YYYY-MM-DD HH:MM UTC". Formatted by hand rather than with the locale so the
 * server render and the browser's hydration print the same text.
 */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[2] ? `${m[1]} ${m[2]} UTC` : m[1]!;
}

export function batchRow(b: Batch): BatchRowView {
  const rolledBack = b.status === "rolled_back";
  return {
    id: b.id,
    file: b.file_name,
    format: b.format,
    inserted: b.inserted,
    duplicates: b.duplicates,
    rejected: b.rejected_count,
    status: rolledBack ? "rolled back" : "active",
    statusDetail:
      rolledBack && b.rolled_back_at
        ? `by ${b.rolled_back_by ?? "unknown"} at ${formatTimestamp(b.rolled_back_at)}`
        : null,
    by: b.created_by,
    at: formatTimestamp(b.created_at),
    synthetic: b.synthetic,
    canRollBack: !rolledBack,
  };
}
