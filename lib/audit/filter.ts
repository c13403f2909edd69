import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { AuditAction } from "./chain";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** Start of a UTC day in ms, or NaN if `text` is not a real calendar date. */
function dayStart(text: string): number {
  const m = DATE_ONLY.exec(text);
  if (m === null) return NaN;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : NaN;
}

function instant(text: string): number {
  return DATE_TIME.test(text) ? Date.parse(text) : NaN;
}

/** A bound is a day (`2025-01-31`, whole UTC day) or an instant with an explicit offset. */
const Bound = z.string().refine((s) => Number.isFinite(dayStart(s)) || Number.isFinite(instant(s)), {
  message: "must be a date (YYYY-MM-DD, UTC day) or an ISO date-time with Z or an offset",
});

export const AuditFilter = z
  .object({
    /** inclusive: a day includes all of that UTC day */
    from: Bound.optional(),
    /** inclusive: a day includes all of that UTC day */
    to: Bound.optional(),
    actor: z.string().min(1).optional(),
    action: z.union([AuditAction, z.array(AuditAction).min(1)]).optional(),
    subject: z.string().min(1).optional(),
  })
  .strict()
  // NaN bounds compare false here; the field's own check reports them.
  .refine(
    (f) => f.from === undefined || f.to === undefined || !(boundMs(f.from, "from") >= boundMs(f.to, "to")),
    {
      path: ["to"],
      message: "to is before from",
    },
  );
export type AuditFilter = z.infer<typeof AuditFilter>;

export interface TimeBounds {
  /** inclusive lower bound in epoch ms (-Infinity when open) */
  fromMs: number;
  /** exclusive upper bound in epoch ms (Infinity when open) */
  beforeMs: number;
  /** the same bounds as canonical ISO text, for a store comparing `at` as text (`at >= from AND at < before`) */
  from?: string;
  before?: string;
}

/** `from` → its first ms; `to` → the ms just after it (so the interval is half-open); NaN if invalid. */
function boundMs(text: string, field: "from" | "to"): number {
  const day = dayStart(text);
  if (Number.isFinite(day)) return field === "from" ? day : day + DAY_MS;
  const ms = instant(text);
  return field === "from" ? ms : ms + 1;
}

function checkedBoundMs(text: string, field: "from" | "to"): number {
  const ms = boundMs(text, field);
  if (!Number.isFinite(ms))
    throw new DomainError("VALIDATION", `invalid ${field} bound`, [
      { path: field, message: JSON.stringify(text) },
    ]);
  return ms;
}

/** Resolve from/to to a half-open interval [fromMs, beforeMs): a `to` day ends at the next UTC midnight. */
export function timeBounds(filter: Pick<AuditFilter, "from" | "to">): TimeBounds {
  const fromMs = filter.from === undefined ? -Infinity : checkedBoundMs(filter.from, "from");
  const beforeMs = filter.to === undefined ? Infinity : checkedBoundMs(filter.to, "to");
  return {
    fromMs,
    beforeMs,
    ...(Number.isFinite(fromMs) ? { from: new Date(fromMs).toISOString() } : {}),
    ...(Number.isFinite(beforeMs) ? { before: new Date(beforeMs).toISOString() } : {}),
  };
}

export interface FilterableEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
}

/**
 * Compile a filter into a predicate (for streaming). An entry whose `at` does not parse never matches
 * a time bound: an audit export must not guess where an unreadable timestamp belongs.
 */
export function compileFilter(filter: AuditFilter): (entry: FilterableEntry) => boolean {
  const { fromMs, beforeMs } = timeBounds(filter);
  const timed = Number.isFinite(fromMs) || Number.isFinite(beforeMs);
  const actions =
    filter.action === undefined
      ? null
      : new Set<string>(Array.isArray(filter.action) ? filter.action : [filter.action]);
  return (entry) => {
    if (filter.actor !== undefined && entry.actor !== filter.actor) return false;
    if (filter.subject !== undefined && entry.subject !== filter.subject) return false;
    if (actions !== null && !actions.has(entry.action)) return false;
    if (timed) {
      const ms = Date.parse(entry.at);
      if (!(ms >= fromMs && ms < beforeMs)) return false;
    }
    return true;
  };
}

/** The entries matching every given criterion, in input order. An empty filter keeps everything. */
export function filterEntries<T extends FilterableEntry>(entries: Iterable<T>, filter: AuditFilter): T[] {
  const matches = compileFilter(filter);
  const out: T[] = [];
  for (const entry of entries) if (matches(entry)) out.push(entry);
  return out;
}
