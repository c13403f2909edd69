import { NextResponse } from "next/server";
import { z } from "zod";
import type { Db } from "@/db";
import { importFile } from "@/db/ingest";
import type { BatchReport } from "@/db/ingest";
import { IngestForm, IngestOptions } from "@/lib/api/schemas";
import type { IngestRejectedResponse } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";
import type { ErrorCode, ErrorIssue } from "@/lib/errors";
import { FORMAT_IDS, isIngestError } from "@/lib/ingest";
import type { FormatId, IngestErrorCode, RowError } from "@/lib/ingest";
import { searchParams, zodIssues } from "./respond";

export const DEFAULT_INGEST_MAX_BYTES = 50 * 1024 * 1024;

const MaxBytes = z.coerce.number().int().positive();

/** `INGEST_MAX_BYTES` (default 50 MiB), read per request so an operator's change needs no rebuild. */
export function ingestMaxBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.INGEST_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_INGEST_MAX_BYTES;
  const r = MaxBytes.safeParse(raw);
  // A misconfigured limit fails loudly (500, logged) rather than silently allowing any size.
  if (!r.success) throw new Error(`INGEST_MAX_BYTES must be a positive integer (bytes), got "${raw}"`);
  return r.data;
}

function tooLarge(limit: number): DomainError {
  return new DomainError(
    "TOO_LARGE",
    `the upload is larger than the limit of ${limit} bytes (INGEST_MAX_BYTES)`,
  );
}

/**
 * Reads the body, never holding more than `limit` bytes: a declared Content-Length over the limit
 * is refused before reading, and a body without one (or lying about it) is cut off at the limit.
 */
export async function readBodyWithin(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Parses ingest options; an unknown `format` is a 415 (the media type is what we cannot read), the rest 400. */
function parseOptions<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  if (r.error.issues.some((i) => i.path[0] === "format")) {
    const given =
      typeof value === "object" && value !== null && "format" in value ? String(value.format) : "";
    throw new DomainError(
      "UNSUPPORTED_FORMAT",
      `unknown format "${given}"; supported: ${FORMAT_IDS.join(", ")}`,
      [{ path: "format", message: `must be one of ${FORMAT_IDS.join(", ")}` }],
    );
  }
  throw new DomainError("VALIDATION", "invalid ingest options", zodIssues(r.error.issues));
}

export interface Upload {
  name: string;
  bytes: Uint8Array;
  format?: FormatId;
  partial: boolean;
  acceptNewModels: boolean;
}

function upload(name: string, bytes: Uint8Array, o: IngestOptions): Upload {
  if (bytes.byteLength === 0)
    throw new DomainError("VALIDATION", "the uploaded file is empty", [
      { path: "body", message: "no bytes" },
    ]);
  return {
    name,
    bytes,
    ...(o.format ? { format: o.format } : {}),
    partial: o.partial === "true",
    acceptNewModels: o.accept_new_models === "true",
  };
}

/**
 * The file of an ingest request: the raw body (`?filename=` required) or the `file` part of a
 * multipart form, whose fields may carry the same options as the query string (fields win).
 */
export async function readUpload(req: Request): Promise<Upload> {
  const limit = ingestMaxBytes();
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded"))
    throw new DomainError(
      "UNSUPPORTED_FORMAT",
      "send the file as its raw bytes (application/octet-stream or text/*) or as multipart/form-data",
    );
  const query = searchParams(req);
  if (!type.startsWith("multipart/form-data")) {
    // Options first: a wrong format or a missing name fails before a large body is read.
    const o = parseOptions(IngestOptions, query);
    if (!o.filename)
      throw new DomainError("VALIDATION", "a raw upload needs ?filename=<name>", [
        { path: "filename", message: "required when the body is the file itself" },
      ]);
    return upload(o.filename, await readBodyWithin(req, limit), o);
  }
  const body = await readBodyWithin(req, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new DomainError("VALIDATION", "the multipart body could not be read");
  }
  const fields: Record<string, FormDataEntryValue> = {};
  for (const [k, v] of form.entries()) {
    if (k in fields)
      throw new DomainError("VALIDATION", `form field "${k}" is given twice`, [
        { path: k, message: "given twice" },
      ]);
    fields[k] = v;
  }
  const o = parseOptions(IngestForm, { ...query, ...fields });
  return upload(o.filename ?? o.file.name, new Uint8Array(await o.file.arrayBuffer()), o);
}

/** A row error as an envelope issue: `<file> row <n> <field>` (row 0 is the file or its header). */
export function rowIssue(file: string, r: RowError): ErrorIssue {
  const where = r.row > 0 ? `${file} row ${r.row}` : file;
  return { path: r.field ? `${where} ${r.field}` : where, message: r.message };
}

const FROM_INGEST: Record<IngestErrorCode, ErrorCode> = {
  VALIDATION: "VALIDATION",
  UNSUPPORTED_FORMAT: "UNSUPPORTED_FORMAT",
  TOO_LARGE: "TOO_LARGE",
  CORRUPT: "VALIDATION",
};

/** Imports one upload as one batch; a file that cannot be read at all becomes a DomainError. */
export function importUpload(db: Db, u: Upload, actor: string): BatchReport {
  try {
    return importFile(
      db,
      { name: u.name, bytes: u.bytes },
      {
        actor,
        partial: u.partial,
        acceptNewModels: u.acceptNewModels,
        ...(u.format ? { format: u.format } : {}),
      },
    );
  } catch (e) {
    if (!isIngestError(e)) throw e;
    throw new DomainError(
      FROM_INGEST[e.code],
      e.code === "CORRUPT" ? `corrupt file: ${e.message}` : e.message,
      e.issues.map((r) => rowIssue(e.file, r)),
    );
  }
}

/** 422: every bad row named, nothing written, and the report the CLI would print. */
export function rejectedResponse(report: BatchReport): NextResponse {
  const n = report.rejected.length;
  const body: IngestRejectedResponse = {
    error: {
      code: "VALIDATION",
      message: `${report.file}: ${n} invalid row${n === 1 ? "" : "s"}; nothing was imported (partial=true imports the valid rows)`,
      issues: report.rejected.map((r) => rowIssue(report.file, r)),
    },
    batches: [report],
  };
  return NextResponse.json(body, { status: 422 });
}
