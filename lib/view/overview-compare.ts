import type { Evaluation, LeafEvidence, StateResult } from "@/lib/engine/types";
import { MARKERS, STATUS_LABEL, levelTone, statusTone } from "./levels";
import type { Marker, Tone } from "./levels";
import { sortModels } from "./overview";
import type { OverviewModel, OverviewSource } from "./overview";
import { compareHref, domainAnchor, modelHref, thresholdAnchor } from "./overview-links";
import type { RawParams } from "./overview-params";
import type { LevelRef, OverviewNote } from "./overview-schema";

/** Side by side beyond this many models stops being readable. */
export const MAX_COMPARE = 6;

export interface CompareParams {
  /** known model ids, in the order asked for */
  models: string[];
  /** ids that name no model */
  unknown: string[];
  /** one policy, or null for every published policy */
  policy: string | null;
  onlyDifferences: boolean;
}

function values(v: string | string[] | undefined): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `?models=a,b[,c]&policy=<id>[&diff=only]`. `add=<id>` appends a model (the picker's form without
 * JavaScript). Ids match case-insensitively; unknown ones are returned to be named on the page.
 */
export function parseCompareParams(
  raw: RawParams,
  known: { models: readonly string[]; policies: readonly string[] },
): { params: CompareParams; notes: OverviewNote[] } {
  const notes: OverviewNote[] = [];
  const byLower = new Map(known.models.map((id) => [id.toLowerCase(), id]));
  const models: string[] = [];
  const unknown: string[] = [];
  for (const v of [...values(raw.models), ...values(raw.add)]) {
    const id = byLower.get(v.toLowerCase());
    if (!id) {
      if (!unknown.includes(v)) unknown.push(v);
    } else if (!models.includes(id)) models.push(id);
  }
  if (models.length > MAX_COMPARE) {
    notes.push({
      param: "models",
      message: `At most ${MAX_COMPARE} models side by side; left out ${models.slice(MAX_COMPARE).join(", ")}.`,
    });
    models.length = MAX_COMPARE;
  }
  let policy: string | null = null;
  const asked = values(raw.policy)[0];
  if (asked !== undefined) {
    if (known.policies.includes(asked)) policy = asked;
    else notes.push({ param: "policy", message: `Unknown policy "${asked}"; showing every policy.` });
  }
  const diff = values(raw.diff)[0];
  if (diff !== undefined && diff !== "only")
    notes.push({ param: "diff", message: `Ignored diff "${diff}": the only value is "only".` });
  for (const k of Object.keys(raw))
    if (!["models", "add", "policy", "diff"].includes(k))
      notes.push({ param: k, message: `Ignored the unknown parameter "${k}".` });
  return { params: { models, unknown, policy, onlyDifferences: diff === "only" }, notes };
}

// ---------------------------------------------------------------------------------------------
// The view

export interface CompareCell {
  text: string;
  tone: Tone;
  markers: Marker[];
  /** indicator values behind a threshold status, in words */
  values: string[];
  href: string;
  label: string;
}

export interface CompareRow {
  id: string;
  label: string;
  /** the models disagree on this row's level or status */
  differs: boolean;
  cells: CompareCell[];
}

export interface CompareGroup {
  id: string;
  title: string;
  rows: CompareRow[];
}

export interface ComparePolicy {
  id: string;
  title: string;
  version: string;
  levels: LevelRef[];
  groups: CompareGroup[];
  /** rows that differ, over the whole policy (also when only differences are shown) */
  differing: number;
}

export interface CompareView {
  models: {
    id: string;
    name: string;
    developer: string | null;
    release_date: string | null;
    href: string;
    remove_href: string;
  }[];
  unknown: string[];
  policy: string | null;
  only_differences: boolean;
  toggle_differences_href: string;
  policies: ComparePolicy[];
}

const OP: Record<LeafEvidence["comparator"], string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
}

/** "metric = value (threshold ≥ t)", or that the metric has no score. */
export function leafValues(s: StateResult): string[] {
  return s.evidence.flatMap((x) => {
    if (x.kind !== "metric") return [];
    const bound = `threshold ${OP[x.comparator]} ${formatValue(x.threshold)}`;
    return [
      x.value === null
        ? `${x.metric}: no score (${bound})`
        : `${x.metric} = ${formatValue(x.value)} (${bound})`,
    ];
  });
}

function stateMarkers(s: StateResult): Marker[] {
  const m: Marker[] = [];
  if (s.status === "determined_cannot_rule_out") m.push("cannot_rule_out");
  if (s.determination) m.push("determined");
  if (s.disagreement) m.push("disagreement");
  if (s.missing_evidence && !s.determination) m.push("missing");
  return m.sort();
}

function labelOf(model: string, row: string, text: string, markers: Marker[]): string {
  return [`${model}, ${row}: ${text}`, ...markers.map((m) => MARKERS[m].label)].join("; ");
}

function row(id: string, label: string, cells: (CompareCell & { key: string })[]): CompareRow {
  return {
    id,
    label,
    differs: new Set(cells.map((c) => c.key)).size > 1,
    cells: cells.map(({ key: _key, ...c }) => c),
  };
}

const OVERALL_ROWS: [string, string, (e: Evaluation) => string | null][] = [
  ["level-pre", "Level before mitigation", (e) => e.level.pre],
  ["level-post", "Level after mitigation", (e) => e.level.post],
  ["evidenced-pre", "Evidenced level (before mitigation)", (e) => e.evidenced_level.pre],
];

function policyRows(
  p: OverviewSource["policies"][number],
  models: OverviewModel[],
  evalOf: (modelId: string) => Evaluation | undefined,
): CompareGroup[] {
  const ids = p.levels.map((l) => l.id);
  const levelCell = (m: OverviewModel, label: string, level: string | null, href: string) => ({
    key: level ?? "",
    text: level ?? "none",
    tone: levelTone(ids, level),
    markers: [] as Marker[],
    values: [],
    href,
    label: labelOf(m.name, label, level ?? "no level", []),
  });
  const overall: CompareGroup = {
    id: "overall",
    title: "Overall",
    rows: OVERALL_ROWS.map(([id, label, pick]) =>
      row(
        `overall-${id}`,
        label,
        models.map((m) => {
          const e = evalOf(m.id);
          return levelCell(m, `Overall ${label.toLowerCase()}`, e ? pick(e) : null, modelHref(m.id, p.id));
        }),
      ),
    ),
  };
  const groups = p.domains.map((d): CompareGroup => {
    const domainOf = (m: OverviewModel) => evalOf(m.id)?.domains.find((x) => x.id === d.id);
    const href = (m: OverviewModel) => modelHref(m.id, p.id, domainAnchor(d.id));
    const rows: CompareRow[] = [
      row(
        `${d.id}-level-pre`,
        "Level before mitigation",
        models.map((m) =>
          levelCell(m, `${d.title} level before mitigation`, domainOf(m)?.level.pre ?? null, href(m)),
        ),
      ),
      row(
        `${d.id}-level-post`,
        "Level after mitigation",
        models.map((m) =>
          levelCell(m, `${d.title} level after mitigation`, domainOf(m)?.level.post ?? null, href(m)),
        ),
      ),
      row(
        `${d.id}-evidenced-pre`,
        "Evidenced level (before mitigation)",
        models.map((m) =>
          levelCell(m, `${d.title} evidenced level`, domainOf(m)?.evidenced_level.pre ?? null, href(m)),
        ),
      ),
    ];
    // Thresholds in the policy's order, as the first model that has the domain lists them.
    const thresholds = models.map(domainOf).find(Boolean)?.thresholds ?? [];
    for (const t of thresholds) {
      for (const phase of ["pre", "post"] as const) {
        const name = `${t.title ?? t.id} (${phase === "pre" ? "before" : "after"} mitigation)`;
        rows.push(
          row(
            `${t.id}-${phase}`,
            name,
            models.map((m) => {
              const tr = domainOf(m)?.thresholds.find((x) => x.id === t.id);
              const s = tr ? (phase === "pre" ? tr : tr.post) : undefined;
              const markers = s ? stateMarkers(s) : [];
              const text = s ? STATUS_LABEL[s.status] : "not evaluated";
              return {
                key: s?.status ?? "",
                text,
                tone: s ? statusTone(s.status) : "unknown",
                markers,
                values: s ? leafValues(s) : [],
                href: modelHref(m.id, p.id, thresholdAnchor(t.id)),
                label: labelOf(m.name, name, text, markers),
              };
            }),
          ),
        );
      }
    }
    return { id: d.id, title: d.title, rows };
  });
  return [overall, ...groups];
}

export function buildCompare(source: OverviewSource, params: CompareParams): CompareView {
  const byId = new Map(source.models.map((m) => [m.id, m]));
  const models = params.models.flatMap((id) => {
    const m = byId.get(id);
    return m ? [m] : [];
  });
  const policies = source.policies.filter((p) => params.policy === null || p.id === params.policy);
  const ids = models.map((m) => m.id);
  return {
    models: models.map((m) => ({
      id: m.id,
      name: m.name,
      developer: m.developer,
      release_date: m.release_date,
      href: modelHref(m.id, params.policy ?? source.policies[0]?.id ?? ""),
      remove_href: compareHref(
        ids.filter((x) => x !== m.id),
        params.policy,
        { onlyDifferences: params.onlyDifferences },
      ),
    })),
    unknown: params.unknown,
    policy: params.policy,
    only_differences: params.onlyDifferences,
    toggle_differences_href: compareHref(ids, params.policy, { onlyDifferences: !params.onlyDifferences }),
    policies:
      models.length < 2
        ? []
        : policies.map((p) => {
            const evals = source.evaluations.get(p.id);
            const groups = policyRows(p, models, (id) => evals?.get(id));
            const differing = groups.reduce((n, g) => n + g.rows.filter((r) => r.differs).length, 0);
            return {
              id: p.id,
              title: p.title,
              version: p.version,
              levels: p.levels,
              differing,
              groups: params.onlyDifferences
                ? groups
                    .map((g) => ({ ...g, rows: g.rows.filter((r) => r.differs) }))
                    .filter((g) => g.rows.length > 0)
                : groups,
            };
          }),
  };
}

/** Two recent models with evidence under the first policy, for the empty state's example link. */
export function suggestedPair(
  models: readonly OverviewModel[],
  withEvidence: ReadonlySet<string>,
): OverviewModel[] {
  return sortModels(
    models.filter((m) => withEvidence.has(m.id)),
    "release-desc",
  ).slice(0, 2);
}
