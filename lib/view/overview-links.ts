import { OVERVIEW_PAGE_SIZE } from "./overview-schema";
import type { OverviewParams } from "./overview-schema";

/**
 * Every address the overview and compare pages print. The model page (a colleague's) anchors each
 * domain at `#domain-<id>` and each threshold at `#threshold-<id>`; gates, safeguards and the
 * reassessment cadence at `#gates`, `#safeguards` and `#cadence`.
 */
export function modelHref(modelId: string, policyId: string, anchor?: string): string {
  const base = `/models/${encodeURIComponent(modelId)}?policy=${encodeURIComponent(policyId)}`;
  return anchor ? `${base}#${anchor}` : base;
}

export const domainAnchor = (domainId: string) => `domain-${domainId}`;
export const thresholdAnchor = (thresholdId: string) => `threshold-${thresholdId}`;

const DEFAULTS = { sort: "release-desc", evidence: "with", page: 1 } as const;

/**
 * The canonical query string of a view: fixed order, defaults left out, the policy always written so a
 * shared link keeps its policy when another one is published. Used for the URL, the API path and the
 * react-query key alike, so equal views share one cache entry.
 */
export function overviewSearch(p: OverviewParams): Record<string, string> {
  const out: Record<string, string> = { policy: p.policy };
  if (p.q) out.q = p.q;
  if (p.developer) out.developer = p.developer;
  if (p.family) out.family = p.family;
  if (p.level) out.level = p.level;
  if (p.sort !== DEFAULTS.sort) out.sort = p.sort;
  if (p.evidence !== DEFAULTS.evidence) out.evidence = p.evidence;
  if (p.page !== DEFAULTS.page) out.page = String(p.page);
  // String(2e27) is "2e+27", which the planned field parses back to the same number.
  if (p.planned !== undefined) out.planned = String(p.planned);
  return out;
}

export function overviewHref(p: OverviewParams): string {
  return `/?${new URLSearchParams(overviewSearch(p)).toString()}`;
}

export function overviewApiPath(p: OverviewParams): string {
  return `/api/v1/overview?${new URLSearchParams(overviewSearch(p)).toString()}`;
}

/** The view with its filters cleared (the policy kept). */
export function clearedParams(p: OverviewParams): OverviewParams {
  return { policy: p.policy, sort: p.sort, page: 1, evidence: "with" };
}

export function pageRange(page: number, total: number, size = OVERVIEW_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(total / size));
  const number = Math.min(Math.max(1, page), pages);
  const start = (number - 1) * size;
  return { number, pages, size, start, end: Math.min(start + size, total) };
}

export function compareHref(
  models: string[],
  policy?: string | null,
  opts: { onlyDifferences?: boolean } = {},
): string {
  const q = new URLSearchParams();
  if (models.length) q.set("models", models.join(","));
  if (policy) q.set("policy", policy);
  if (opts.onlyDifferences) q.set("diff", "only");
  const s = q.toString();
  // Commas are legal in a query and keep the address readable: ?models=a,b
  return s ? `/compare?${s.replaceAll("%2C", ",")}` : "/compare";
}
