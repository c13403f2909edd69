import { z } from "zod";
import { DomainError, type ErrorIssue } from "@/lib/errors";
import { canonicalJson, canonicalString, sha256Hex } from "./canonical-json";
import { AUDIT_ACTIONS } from "./vocabulary";

/** prev_hash of entry 1. */
export const GENESIS_HASH = "0".repeat(64);

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

/**
 * `at` must be exactly what Date#toISOString prints (UTC, milliseconds, `Z`): then text order is time
 * order, so the db can filter `at` with plain string comparison, and there is one spelling per instant.
 */
export const AT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isCanonicalAt(at: string): boolean {
  if (!AT_PATTERN.test(at)) return false;
  const ms = Date.parse(at);
  return Number.isFinite(ms) && new Date(ms).toISOString() === at;
}

export { AUDIT_ACTIONS };
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

const entryMeta = {
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  // Not the enum: a verifier must accept (and hash) whatever an older or newer writer recorded.
  action: z.string(),
  subject: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
};

/** An audit log entry with its payload as a JSON value (in memory, JSONL export). */
export const AuditEntry = z
  .object({ ...entryMeta, payload: z.unknown().nonoptional("payload is required") })
  .strict();
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * An audit log entry as the database stores it: the payload is canonical JSON text. The db column
 * may be called `payload`, but must be handed to lib/audit as `payload_text`.
 */
export const StoredAuditEntry = z.object({ ...entryMeta, payload_text: z.string() }).strict();
export type StoredAuditEntry = z.infer<typeof StoredAuditEntry>;

/** Either form; verify and export accept both and hash the same bytes for the same payload. */
export type VerifiableEntry = AuditEntry | StoredAuditEntry;

/** What the hash covers besides prev_hash. */
export type HashedFields = Pick<AuditEntry, "seq" | "at" | "actor" | "action" | "subject" | "payload">;

/** The previous entry as far as chaining needs it. */
export interface ChainLink {
  seq: number;
  hash: string;
}

export interface AppendFields {
  at: string;
  actor: string;
  action: AuditAction;
  subject: string;
  payload: unknown;
}

/**
 * The canonical JSON of {action, actor, at, payload, seq, subject} given the payload already in
 * canonical form. Keys are written in UTF-16 order (action < actor < at < payload < seq < subject), so
 * this equals canonicalJson of that object; building it by hand lets a stored payload be canonicalised once.
 */
export function envelopeText(fields: Omit<HashedFields, "payload">, canonicalPayload: string): string {
  return (
    `{"action":${field(fields.action)},"actor":${field(fields.actor)},"at":${field(fields.at)},` +
    `"payload":${canonicalPayload},"seq":${canonicalJson(fields.seq)},"subject":${field(fields.subject)}}`
  );
}

// Rows read from a file or a db may not honour the types; anything odd takes the general path.
function field(value: unknown): string {
  return typeof value === "string" ? canonicalString(value) : canonicalJson(value);
}

/** sha256 over the UTF-8 of prev_hash (64 hex chars) immediately followed by the envelope text. */
export function hashEnvelope(prevHash: string, envelope: string): string {
  return sha256Hex(prevHash + envelope);
}

/**
 * hash = hex(sha256(utf8(prev_hash ‖ canonicalJson({ action, actor, at, payload, seq, subject })))).
 * prev_hash is fixed-width hex, so the concatenation is unambiguous. The payload enters as canonical
 * JSON of the *parsed* value: a payload stored as text hashes the same however that text is spelled
 * (whitespace, key order), so a store that re-serialises JSON (e.g. a PostgreSQL jsonb column) keeps
 * the chain valid, while any change of value breaks it.
 */
export function hashEntry(prevHash: string, fields: HashedFields): string {
  return hashEnvelope(prevHash, envelopeText(fields, canonicalJson(fields.payload)));
}

function validateAppend(prev: ChainLink | null, fields: AppendFields): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (prev !== null) {
    if (!Number.isSafeInteger(prev.seq) || prev.seq < 1)
      issues.push({ path: "prev.seq", message: `must be a positive integer, got ${String(prev.seq)}` });
    if (!HASH_PATTERN.test(prev.hash))
      issues.push({ path: "prev.hash", message: "must be 64 lower-case hex characters" });
  }
  if (typeof fields.at !== "string" || !isCanonicalAt(fields.at))
    issues.push({ path: "at", message: "must be a UTC timestamp as Date#toISOString prints it" });
  if (typeof fields.actor !== "string" || fields.actor.length === 0)
    issues.push({ path: "actor", message: "must be a non-empty string" });
  if (!AuditAction.safeParse(fields.action).success)
    issues.push({ path: "action", message: `unknown action ${JSON.stringify(fields.action)}` });
  if (typeof fields.subject !== "string") issues.push({ path: "subject", message: "must be a string" });
  return issues;
}

/**
 * The next entry after `prev` (null: the first entry). The returned payload is a fresh parse of its
 * canonical text, so the entry equals what a store round-trip gives back and later mutation of the
 * caller's object cannot silently invalidate the hash.
 */
export function appendEntry(prev: ChainLink | null, fields: AppendFields): AuditEntry {
  const issues = validateAppend(prev, fields);
  if (issues.length > 0) throw new DomainError("VALIDATION", "invalid audit entry", issues);
  const payloadText = canonicalJson(fields.payload);
  const seq = prev === null ? 1 : prev.seq + 1;
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  const meta = { seq, at: fields.at, actor: fields.actor, action: fields.action, subject: fields.subject };
  return {
    ...meta,
    payload: JSON.parse(payloadText) as unknown,
    prev_hash: prevHash,
    hash: hashEnvelope(prevHash, envelopeText(meta, payloadText)),
  };
}

/** The row to insert: payload as canonical JSON text. */
export function toStoredEntry(entry: AuditEntry): StoredAuditEntry {
  const { payload, ...rest } = entry;
  return { ...rest, payload_text: canonicalJson(payload) };
}

/** The payload as text: a stored entry's text verbatim, else the canonical JSON of the value. */
export function payloadTextOf(entry: VerifiableEntry): string {
  return "payload_text" in entry ? entry.payload_text : canonicalJson(entry.payload);
}
