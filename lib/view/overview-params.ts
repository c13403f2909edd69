import { OVERVIEW_FIELDS } from "./overview-schema";
import type { LevelRef, OverviewField, OverviewNote, OverviewParams, OverviewQuery } from "./overview-schema";

/** What Next hands a page as `searchParams`. */
export type RawParams = Record<string, string | string[] | undefined>;

export interface OverviewOptions {
  policies: { id: string; title: string; levels: LevelRef[] }[];
  developers: string[];
  families: string[];
}

const FIELDS = Object.keys(OVERVIEW_FIELDS) as OverviewField[];

function isField(k: string): k is OverviewField {
  return (FIELDS as string[]).includes(k);
}

/**
 * The page's reading of its query string: each parameter on its own, so one bad value costs only that
 * value. Unknown parameters and bad values are dropped with a note; an empty value (an unset `<select>`)
 * is simply absent.
 */
export function parseOverviewParams(raw: RawParams): { query: OverviewQuery; notes: OverviewNote[] } {
  const query: Record<string, unknown> = {};
  const notes: OverviewNote[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!isField(key)) {
      notes.push({ param: key, message: `Ignored the unknown parameter "${key}".` });
      continue;
    }
    let v = value;
    if (Array.isArray(v)) {
      if (v.length > 1)
        notes.push({ param: key, message: `"${key}" was given ${v.length} times; used the first.` });
      v = v[0] ?? "";
    }
    if (v.trim() === "") continue;
    const r = OVERVIEW_FIELDS[key].safeParse(v);
    if (r.success) query[key] = r.data;
    else
      notes.push({
        param: key,
        message: `Ignored ${key} "${clip(v)}": ${r.error.issues[0]?.message ?? "invalid"}.`,
      });
  }
  return { query: query as OverviewQuery, notes };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function findCi(options: readonly string[], value: string): string | undefined {
  const v = value.toLowerCase();
  return options.find((o) => o.toLowerCase() === v);
}

/**
 * Resolves a parsed query against what the data holds: the policy (default the first published one),
 * and developer, family and level values that exist, in their stored spelling. Unknown values are
 * dropped with a note. No published policy: `params` is null.
 */
export function resolveOverviewParams(
  query: OverviewQuery,
  options: OverviewOptions,
): { params: OverviewParams | null; notes: OverviewNote[] } {
  const notes: OverviewNote[] = [];
  const first = options.policies[0];
  if (!first) return { params: null, notes };
  let policy = first;
  if (query.policy !== undefined) {
    const hit = options.policies.find((p) => p.id === query.policy);
    if (hit) policy = hit;
    else
      notes.push({
        param: "policy",
        message: `Unknown policy "${clip(query.policy)}" (the first published policy is used).`,
      });
  }
  const params: OverviewParams = {
    policy: policy.id,
    sort: query.sort ?? "release-desc",
    page: query.page ?? 1,
    evidence: query.evidence ?? "with",
  };
  if (query.q !== undefined) params.q = query.q;
  // Any valid FLOP is a run one may plan: nothing in the data to resolve it against.
  if (query.planned !== undefined) params.planned = query.planned;
  if (query.developer !== undefined) {
    const hit = findCi(options.developers, query.developer);
    if (hit) params.developer = hit;
    else
      notes.push({
        param: "developer",
        message: `No model lists the developer "${clip(query.developer)}".`,
      });
  }
  if (query.family !== undefined) {
    const hit = findCi(options.families, query.family);
    if (hit) params.family = hit;
    else
      notes.push({
        param: "family",
        message: `No model is in the family "${clip(query.family)}".`,
      });
  }
  if (query.level !== undefined) {
    const hit = findCi(
      policy.levels.map((l) => l.id),
      query.level,
    );
    if (hit) params.level = hit;
    else
      notes.push({
        param: "level",
        message: `"${clip(query.level)}" is not a level of ${policy.title}.`,
      });
  }
  return { params, notes };
}
