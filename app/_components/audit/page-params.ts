import { AuditFilter } from "@/lib/audit";
import type { ErrorIssue } from "@/lib/errors";

/** Filters of the audit page, as they appear in its URL (and in the export links). */
export const FILTER_KEYS = ["from", "to", "actor", "action"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type RawFilters = Partial<Record<FilterKey, string>>;

export const PAGE_SIZE = 25;

export interface AuditPageParams {
  /** the filters as typed (trimmed, empty ones dropped), to fill the form and build links */
  raw: RawFilters;
  /** null when the filters do not validate: then nothing is listed rather than everything */
  filter: AuditFilter | null;
  issues: ErrorIssue[];
  /** 1-based */
  page: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

export function parseAuditPageParams(sp: SearchParams): AuditPageParams {
  const raw: RawFilters = {};
  for (const k of FILTER_KEYS) {
    const v = first(sp[k]);
    if (v !== undefined) raw[k] = v;
  }
  const pageText = first(sp.page);
  const page = pageText && /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  const r = AuditFilter.safeParse(raw);
  if (r.success) return { raw, filter: r.data, issues: [], page };
  return {
    raw,
    filter: null,
    page,
    issues: r.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "filter",
      message: i.message,
    })),
  };
}

/** `/audit?…` for these filters and page (page 1 is left out). */
export function auditPageHref(raw: RawFilters, page = 1): string {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (raw[k]) qs.set(k, raw[k]);
  if (page > 1) qs.set("page", String(page));
  const s = qs.toString();
  return s ? `/audit?${s}` : "/audit";
}
