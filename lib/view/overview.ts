import type { DomainResult, Evaluation } from "@/lib/engine/types";
import { domainCell, overallCell } from "./cell";
import type { LevelCell } from "./cell";
import { MARKERS, levelTone } from "./levels";
import type { Marker } from "./levels";
import { buildAttention } from "./overview-attention";
import { clearedParams, domainAnchor, modelHref, overviewHref, pageRange } from "./overview-links";
import type { OverviewOptions } from "./overview-params";
import type {
  CellView,
  LevelRef,
  ModelView,
  OverviewNote,
  OverviewParams,
  OverviewResponse,
  OverviewSort,
  PolicyView,
} from "./overview-schema";

/** One model as the overview reads it (plain data: lib/ does not know the database's rows). */
export interface OverviewModel {
  id: string;
  name: string;
  developer: string | null;
  family: string | null;
  release_date: string | null;
  training_flop: number | null;
}

export interface OverviewPolicy {
  id: string;
  title: string;
  version: string;
  levels: LevelRef[];
  domains: LevelRef[];
}

/** Every model under every published policy, as of one date (db/snapshot.ts, mapped). */
export interface OverviewSource {
  asOf: string;
  models: OverviewModel[];
  policies: OverviewPolicy[];
  /** policy id → model id → evaluation */
  evaluations: Map<string, Map<string, Evaluation>>;
}

/** What every overview request reuses for one state of the data. */
export interface OverviewContext {
  source: OverviewSource;
  options: OverviewOptions;
  /** policy id → models with evidence under it */
  evidence: Map<string, Set<string>>;
}

export const WITHOUT_EVIDENCE_CAP = 100;

// ---------------------------------------------------------------------------------------------
// Preparing

/**
 * Evidence under a policy: a score for a metric one of its thresholds reads (before or after
 * mitigation), or any determination. A model without either is levelled by on_missing alone.
 */
export function hasEvidence(e: Evaluation): boolean {
  return e.domains.some((d) =>
    d.thresholds.some(
      (t) =>
        t.determinations.length > 0 ||
        [...t.evidence, ...t.post.evidence].some((x) => x.kind === "metric" && x.scores.length > 0),
    ),
  );
}

/** A model may list several developers, comma-separated ("Google DeepMind,Google"). */
export function developersOf(m: Pick<OverviewModel, "developer">): string[] {
  return (m.developer ?? "")
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
}

const byText = (a: string, b: string) =>
  a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : a > b ? 1 : 0);

function uniqueSorted(values: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()].sort(byText);
}

export function prepareOverview(source: OverviewSource): OverviewContext {
  const evidence = new Map<string, Set<string>>();
  for (const p of source.policies) {
    const ids = new Set<string>();
    for (const [id, e] of source.evaluations.get(p.id) ?? []) if (hasEvidence(e)) ids.add(id);
    evidence.set(p.id, ids);
  }
  return {
    source,
    evidence,
    options: {
      policies: source.policies.map((p) => ({ id: p.id, title: p.title, levels: p.levels })),
      developers: uniqueSorted(source.models.flatMap(developersOf)),
      families: uniqueSorted(source.models.flatMap((m) => (m.family ? [m.family] : []))),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Filtering, sorting

export interface ModelFilters {
  developer?: string;
  family?: string;
  level?: string;
  q?: string;
}

/** Developer, family and level match exactly (case-insensitive); q is a substring of the id or name. */
export function filterModels<M extends OverviewModel>(
  models: readonly M[],
  f: ModelFilters,
  levelOf: (modelId: string) => string | null = () => null,
): M[] {
  const dev = f.developer?.toLowerCase();
  const fam = f.family?.toLowerCase();
  const q = f.q?.trim().toLowerCase();
  return models.filter(
    (m) =>
      (!dev || developersOf(m).some((d) => d.toLowerCase() === dev)) &&
      (!fam || m.family?.toLowerCase() === fam) &&
      (!f.level || levelOf(m.id) === f.level) &&
      (!q || m.id.toLowerCase().includes(q) || m.name.toLowerCase().includes(q)),
  );
}

function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

/** Missing values sort last whichever the direction: an unknown date is not "oldest". */
function nullsLast<T>(a: T | null, b: T | null, cmp: (a: T, b: T) => number): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return cmp(a, b);
}

export function sortModels<M extends OverviewModel>(models: readonly M[], sort: OverviewSort): M[] {
  const tie = (a: M, b: M) => byText(a.name, b.name) || byText(a.id, b.id);
  const key: Record<OverviewSort, (a: M, b: M) => number> = {
    "release-desc": (a, b) => nullsLast(a.release_date, b.release_date, (x, y) => byText(y, x)),
    "release-asc": (a, b) => nullsLast(a.release_date, b.release_date, byText),
    "compute-desc": (a, b) => nullsLast(finite(a.training_flop), finite(b.training_flop), (x, y) => y - x),
    "compute-asc": (a, b) => nullsLast(finite(a.training_flop), finite(b.training_flop), (x, y) => x - y),
    name: () => 0,
  };
  return [...models].sort((a, b) => key[sort](a, b) || tie(a, b));
}

// ---------------------------------------------------------------------------------------------
// Cells

/**
 * The shared cell (lib/view/cell.ts) plus one reading the overview needs: a level held by a human
 * determination of "cannot rule out" is marked as such, not only as a determination.
 */
export function overviewDomainCell(d: DomainResult): LevelCell {
  const c = domainCell(d);
  if (d.thresholds.some((t) => t.counted && t.status === "determined_cannot_rule_out"))
    c.markers = [...new Set<Marker>([...c.markers, "cannot_rule_out"])].sort();
  return c;
}

export function overviewOverallCell(e: Evaluation): LevelCell {
  const c = overallCell(e);
  const markers = new Set<Marker>(c.markers);
  for (const d of e.domains) overviewDomainCell(d).markers.forEach((m) => markers.add(m));
  return { ...c, markers: [...markers].sort() };
}

const EMPTY_CELL: LevelCell = { level: null, evidenced: null, markers: [], detail: [] };

export function toCellView(c: LevelCell, levels: readonly LevelRef[], href: string, label: string): CellView {
  const evidencedDiffers = c.evidenced !== null && c.evidenced !== c.level;
  const words = [`${label}: ${c.level ?? "no level"}`];
  if (evidencedDiffers) words.push(`evidenced level ${c.evidenced}`);
  for (const m of c.markers) words.push(MARKERS[m].label);
  return {
    level: c.level,
    evidenced: c.evidenced,
    evidenced_differs: evidencedDiffers,
    tone: levelTone(
      levels.map((l) => l.id),
      c.level,
    ),
    markers: c.markers,
    detail: c.detail,
    href,
    label: words.join("; "),
  };
}

export function formatCompute(flop: number | null): string {
  const f = finite(flop);
  return f === null ? "unknown" : `${f.toExponential(1).replace("e+", "e")} FLOP`;
}

function modelView(m: OverviewModel, policyId: string): ModelView {
  return {
    id: m.id,
    name: m.name,
    developer: m.developer,
    family: m.family,
    release_date: m.release_date,
    training_flop: finite(m.training_flop),
    compute_label: formatCompute(m.training_flop),
    href: modelHref(m.id, policyId),
  };
}

// ---------------------------------------------------------------------------------------------
// The view

function policyView(p: OverviewPolicy): PolicyView {
  const ids = p.levels.map((l) => l.id);
  return {
    id: p.id,
    title: p.title,
    version: p.version,
    levels: p.levels.map((l) => ({ ...l, tone: levelTone(ids, l.id) })),
    domains: p.domains,
  };
}

/** The whole overview for resolved parameters: filters, evidence scope, one page of rows, attention. */
export function buildOverview(ctx: OverviewContext, params: OverviewParams): OverviewResponse {
  const { source } = ctx;
  const policy = source.policies.find((p) => p.id === params.policy);
  if (!policy) throw new Error(`buildOverview: policy "${params.policy}" is not in the source`);
  const evals = source.evaluations.get(policy.id) ?? new Map<string, Evaluation>();
  const notes: OverviewNote[] = [];

  const matching = sortModels(
    filterModels(source.models, params, (id) => evals.get(id)?.level.pre ?? null),
    params.sort,
  );
  const withEvidence = ctx.evidence.get(policy.id) ?? new Set<string>();
  const without = matching.filter((m) => !withEvidence.has(m.id));
  const hidden = params.evidence === "with";
  const listed = hidden ? matching.filter((m) => withEvidence.has(m.id)) : matching;

  const range = pageRange(params.page, listed.length);
  if (range.number !== params.page)
    notes.push({
      param: "page",
      message: `There is no page ${params.page}; showing page ${range.number} of ${range.pages}.`,
    });
  const effective: OverviewParams = { ...params, page: range.number };
  const at = (page: number) => overviewHref({ ...effective, page });

  const rows = listed.slice(range.start, range.end).map((m) => {
    const e = evals.get(m.id);
    const cells = policy.domains.map((d) => {
      const dr = e?.domains.find((x) => x.id === d.id);
      return toCellView(
        dr ? overviewDomainCell(dr) : EMPTY_CELL,
        policy.levels,
        modelHref(m.id, policy.id, domainAnchor(d.id)),
        `${d.title} for ${m.name}`,
      );
    });
    const overall = toCellView(
      e ? overviewOverallCell(e) : EMPTY_CELL,
      policy.levels,
      modelHref(m.id, policy.id),
      `Overall for ${m.name}`,
    );
    const byPolicy = source.policies.map((p) => {
      const pe = source.evaluations.get(p.id)?.get(m.id);
      return toCellView(
        pe ? overviewOverallCell(pe) : EMPTY_CELL,
        p.levels,
        modelHref(m.id, p.id),
        `${p.title} for ${m.name}`,
      );
    });
    return { model: modelView(m, policy.id), cells, overall, by_policy: byPolicy };
  });

  return {
    as_of: source.asOf,
    params: effective,
    policy: policyView(policy),
    policies: source.policies.map(policyView),
    options: { developers: ctx.options.developers, families: ctx.options.families },
    counts: { models: source.models.length, matching: matching.length, listed: listed.length },
    without_evidence: {
      count: without.length,
      hidden,
      models: without
        .slice(0, WITHOUT_EVIDENCE_CAP)
        .map((m) => ({ id: m.id, name: m.name, href: modelHref(m.id, policy.id) })),
      show_all_href: overviewHref({ ...effective, evidence: "all", page: 1 }),
    },
    page: {
      number: range.number,
      pages: range.pages,
      size: range.size,
      from: listed.length === 0 ? 0 : range.start + 1,
      to: range.end,
      prev_href: range.number > 1 ? at(range.number - 1) : null,
      next_href: range.number < range.pages ? at(range.number + 1) : null,
    },
    rows,
    attention: buildAttention(listed, (id) => evals.get(id), policy.id),
    notes,
    clear_href: overviewHref(clearedParams(effective)),
  };
}
