import { PlannedFlop } from "./projection-schema";

/** The page's state lives in the URL: ?policy=&planned=&family=. */
export interface ProjectionParams {
  policy: string;
  /** the planned run as written in the URL (kept verbatim so the input shows what was typed) */
  plannedRaw: string | null;
  planned: number | null;
  plannedError: string | null;
  family: string | null;
}

type Search = Record<string, string | string[] | undefined> | URLSearchParams;

function first(sp: Search, key: string): string | undefined {
  if (sp instanceof URLSearchParams) return sp.get(key) ?? undefined;
  const v = sp[key];
  return Array.isArray(v) ? v[0] : v;
}

export function parsePlanned(raw: string): { value: number } | { error: string } {
  const r = PlannedFlop.safeParse(raw);
  return r.success ? { value: r.data } : { error: r.error.issues[0]?.message ?? "invalid planned FLOP" };
}

/** Reads the URL; an unknown policy id is kept (the API answers 404 and the page says so). */
export function resolveProjectionParams(sp: Search, policyIds: readonly string[]): ProjectionParams {
  const policy = first(sp, "policy")?.trim() || policyIds[0] || "";
  const plannedRaw = first(sp, "planned")?.trim() || null;
  const family = first(sp, "family")?.trim() || null;
  let planned: number | null = null;
  let plannedError: string | null = null;
  if (plannedRaw !== null) {
    const p = parsePlanned(plannedRaw);
    if ("value" in p) planned = p.value;
    else plannedError = p.error;
  }
  return { policy, plannedRaw, planned, plannedError, family };
}

/** The page URL for a state; parameters in a fixed order so equal states share one URL. */
export function projectionsHref(p: {
  policy: string;
  planned?: string | null;
  family?: string | null;
}): string {
  const qs = new URLSearchParams();
  qs.set("policy", p.policy);
  if (p.planned) qs.set("planned", p.planned);
  if (p.family) qs.set("family", p.family);
  return `/projections?${qs.toString()}`;
}

/** The API URL for the same state, with only a valid planned value. */
export function projectionsApiPath(q: {
  policy: string;
  planned?: number | null;
  family?: string | null;
}): string {
  const qs = new URLSearchParams();
  qs.set("policy", q.policy);
  if (q.planned != null) qs.set("planned", String(q.planned));
  if (q.family) qs.set("family", q.family);
  return `/api/v1/projections?${qs.toString()}`;
}
