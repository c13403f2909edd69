import type { PolicyComparison } from "@/lib/api/policy-compare";
import { policyName, versionLabel } from "./policy";

/**
 * A `PolicyComparison` (lib/api/policy-compare.ts) as people read it: what changed between two versions
 * of a framework, in words, with every "from → to" written out, and the models it moves grouped by the
 * change they share. Pure: the comparison in, plain data out. Rendered by
 * app/_components/policy-compare/, for the "what changed" page and a draft's review alike.
 */

type Diff = PolicyComparison["diff"];
type Ref = Diff["thresholds"]["added"][number];
type Change = Diff["thresholds"]["changed"][number];
type ModelChange = PolicyComparison["models"]["changes"][number];

export interface SideView {
  /** "Anthropic Responsible Scaling Policy v2.2" */
  name: string;
  /** "v2.2" */
  short: string;
  policyId: string;
  versionId: number;
  status: "draft" | "published" | "retired";
  /** "published", "retired: no longer in force here", "draft: not published" */
  statusText: string;
  sha256: string;
}

export interface ThresholdLine {
  id: string;
  /** the title, or the id when it has none */
  name: string;
  /** "domain cbrn · level asl-3" / "domain ai-rd · checkpoint" */
  where: string;
  definition: string;
}

export interface ContinuedLine {
  fromId: string;
  fromName: string;
  /** "merged into", "renamed to", … */
  relation: string;
  into: string[];
  /** what else changed on the way, in a few words ("reworded, level, safeguards") */
  alsoChanged: string | null;
}

export interface WordSegment {
  text: string;
  changed: boolean;
}

export interface RewordedView {
  id: string;
  name: string;
  /** the id in the older version when it differs */
  fromId: string | null;
  before: WordSegment[];
  after: WordSegment[];
  /** true when the wording changed too much to mark word by word */
  wholeText: boolean;
}

export interface NumberRow {
  threshold: string;
  thresholdId: string;
  /** "metr.p50_horizon_minutes.v1-1 ≥" or "level" */
  what: string;
  from: string;
  to: string;
  /** "illustrative", "framework → illustrative"; null for a level */
  calibration: string | null;
}

export interface FieldRow {
  threshold: string;
  thresholdId: string;
  field: string;
  from: string;
  to: string;
}

export interface SafeguardFieldRow {
  id: string;
  field: string;
  from: string;
  to: string;
}

export interface GateRuleLine {
  text: string;
  /** "removed" (only before), "added" (only after), "kept" (on both sides) */
  mark: "removed" | "added" | "kept";
}

export interface GateChangeView {
  action: string;
  before: GateRuleLine[];
  after: GateRuleLine[];
}

export interface PairText {
  from: string;
  to: string;
  /** "asl-3 → beyond-asl-3" */
  text: string;
}

export interface ModelGroupView {
  /** stable key for lists */
  key: string;
  models: { id: string; href: string }[];
  levelPre: PairText | null;
  levelPost: PairText | null;
  domains: { id: string; pre: PairText | null; post: PairText | null }[];
  safeguardsAdded: string[];
  safeguardsRemoved: string[];
  gates: { action: string; change: PairText }[];
}

export interface ComparisonViewModel {
  from: SideView;
  to: SideView;
  /** the same stored version on both sides */
  sameVersion: boolean;
  identical: boolean;
  /** one line per kind of change, for the summary at the top */
  summary: string[];
  thresholds: {
    added: ThresholdLine[];
    removed: ThresholdLine[];
    continued: ContinuedLine[];
    reworded: RewordedView[];
    numbers: NumberRow[];
    fields: FieldRow[];
  };
  safeguards: { added: string[]; removed: string[]; changed: SafeguardFieldRow[] };
  gates: { added: string[]; removed: string[]; changed: GateChangeView[] };
  levels: { added: string[]; removed: string[]; reordered: boolean };
  domains: { added: string[]; removed: string[] };
  metrics: { added: string[]; removed: string[] };
  cadence: PairText | null;
  models: {
    evaluated: number;
    asOf: string;
    changed: number;
    groups: ModelGroupView[];
    /** level ids differ between the versions, so a level "change" may be a new name for the same rung */
    levelNamesDiffer: boolean;
  };
}

// ---------------------------------------------------------------------------------------------

const STATUS_TEXT: Record<SideView["status"], string> = {
  published: "published",
  retired: "retired: no longer the published version",
  draft: "draft: not published",
};

function side(v: PolicyComparison["from"]): SideView {
  return {
    name: policyName(v.title, v.version),
    short: versionLabel(v.version),
    policyId: v.policy_id,
    versionId: v.policy_version_id,
    status: v.status,
    statusText: STATUS_TEXT[v.status],
    sha256: v.sha256,
  };
}

/** Lineage relations in words: "<old> … <new>". */
export const RELATION_TEXT: Record<string, string> = {
  same: "continues unchanged as",
  reworded: "reworded as",
  split: "split into",
  merge: "merged into",
  rename: "renamed to",
  narrowed: "narrowed into",
  broadened: "broadened into",
  demote: "demoted to",
  new: "replaced by",
};

export function relationText(relation: string): string {
  return RELATION_TEXT[relation] ?? `continued (${relation}) as`;
}

const COMPARATOR: Record<string, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };

export function comparatorSymbol(op: string): string {
  return COMPARATOR[op] ?? op;
}

function where(t: Pick<Ref, "domain" | "kind" | "level" | "tier">): string {
  const what = t.kind === "capability" ? `level ${t.level ?? "none"}` : t.kind;
  return [`domain ${t.domain}`, what, ...(t.tier ? [`tier ${t.tier}`] : [])].join(" · ");
}

function line(t: Ref): ThresholdLine {
  return { id: t.id, name: t.title ?? t.id, where: where(t), definition: t.definition };
}

const num = (n: number | null) => (n === null ? "none" : String(n));

/** "a → b", with a missing side named for the version that lacks it. */
export function pair(from: string | null, to: string | null, absent = "none"): PairText {
  const f = from ?? absent;
  const t = to ?? absent;
  return { from: f, to: t, text: `${f} → ${t}` };
}

const FIELD_LABEL: Record<string, string> = {
  domain: "domain",
  kind: "kind",
  level: "level",
  on_missing: "when evidence is missing",
  "early_warning margin": "early-warning margin",
  requires: "requires",
  safeguards: "required safeguards",
  obligations: "obligations",
  indicator: "indicator",
};

// ---------------------------------------------------------------------------------------------
// Word-level marking of a reworded definition

const MAX_CELLS = 400_000;

/**
 * The words of two texts, each marked changed when it is not part of their longest common subsequence
 * of words. Whitespace is kept with the word before it, so joining the segments gives the text back.
 * Returns null when the texts are too long to compare word by word.
 */
export function wordDiff(a: string, b: string): { before: WordSegment[]; after: WordSegment[] } | null {
  const split = (s: string) => s.match(/\S+\s*|\s+/g) ?? [];
  const x = split(a);
  const y = split(b);
  if (x.length * y.length > MAX_CELLS) return null;
  const key = (w: string) => w.trim();
  const n = x.length;
  const m = y.length;
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..]
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        key(x[i]!) === key(y[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const before: WordSegment[] = [];
  const after: WordSegment[] = [];
  const push = (out: WordSegment[], text: string, changed: boolean) => {
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text;
    else out.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && key(x[i]!) === key(y[j]!)) {
      push(before, x[i++]!, false);
      push(after, y[j++]!, false);
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) push(after, y[j++]!, true);
    else push(before, x[i++]!, true);
  }
  return { before, after };
}

function reworded(c: Change): RewordedView {
  const d = wordDiff(c.definition_from, c.definition);
  return {
    id: c.id,
    name: c.title ?? c.id,
    fromId: c.from_id ?? null,
    before: d ? d.before : [{ text: c.definition_from, changed: true }],
    after: d ? d.after : [{ text: c.definition, changed: true }],
    wholeText: d === null,
  };
}

// ---------------------------------------------------------------------------------------------
// Gates: the rules of an action before and after, each marked kept, removed or added

function gateChange(g: Diff["gates"]["changed"][number]): GateChangeView {
  const inAfter = new Set(g.to);
  const inBefore = new Set(g.from);
  return {
    action: g.action,
    before: g.from.map((text) => ({ text, mark: inAfter.has(text) ? "kept" : "removed" })),
    after: g.to.map((text) => ({ text, mark: inBefore.has(text) ? "kept" : "added" })),
  };
}

// ---------------------------------------------------------------------------------------------
// Models, grouped by the change they share

function groupModels(changes: ModelChange[], from: SideView, to: SideView): ModelGroupView[] {
  const groups = new Map<string, { change: ModelChange; models: string[] }>();
  for (const c of changes) {
    const { model, ...rest } = c;
    const key = JSON.stringify(rest);
    const g = groups.get(key);
    if (g) g.models.push(model);
    else groups.set(key, { change: c, models: [model] });
  }
  const notIn = (v: SideView) => `not in ${v.short}`;
  return [...groups.values()]
    .sort((a, b) => b.models.length - a.models.length || (a.models[0]! < b.models[0]! ? -1 : 1))
    .map(({ change: c, models }) => ({
      key: models[0]!,
      models: models.map((id) => ({ id, href: `/models/${encodeURIComponent(id)}` })),
      levelPre: c.level ? pair(c.level.pre[0], c.level.pre[1]) : null,
      levelPost: c.level ? pair(c.level.post[0], c.level.post[1]) : null,
      domains: c.domains.map((dm) => {
        // A domain only one version has reads "not in vX" on the other side, not "none".
        const absentFrom = dm.pre[0] === null && dm.post[0] === null ? notIn(from) : "none";
        const absentTo = dm.pre[1] === null && dm.post[1] === null ? notIn(to) : "none";
        const show = (p: readonly [string | null, string | null]) =>
          p[0] === p[1] ? null : textPair(p, absentFrom, absentTo);
        return { id: dm.id, pre: show(dm.pre), post: show(dm.post) };
      }),
      safeguardsAdded: c.safeguards?.added ?? [],
      safeguardsRemoved: c.safeguards?.removed ?? [],
      gates: c.gates.map((g) => ({
        action: g.action,
        change: textPair([g.from, g.to], `no such gate in ${from.short}`, `no such gate in ${to.short}`),
      })),
    }));
}

function textPair(
  p: readonly [string | null, string | null],
  absentFrom: string,
  absentTo: string,
): PairText {
  const f = p[0] ?? absentFrom;
  const t = p[1] ?? absentTo;
  return { from: f, to: t, text: `${f} → ${t}` };
}

// ---------------------------------------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function toComparisonView(data: PolicyComparison): ComparisonViewModel {
  const d = data.diff;
  const from = side(data.from);
  const to = side(data.to);
  const changed = d.thresholds.changed;
  // Continued under a new id: a threshold of the older version carried into one of the newer under
  // another id, either paired (and maybe changed) or named in a lineage only.
  const continued: ContinuedLine[] = [
    ...changed
      .filter((c) => c.from_id !== undefined)
      .map((c) => {
        const bits = [
          ...(c.reworded ? ["reworded"] : []),
          ...c.fields.map((f) => FIELD_LABEL[f.field] ?? f.field),
          ...(c.numbers.length ? ["numbers"] : []),
        ];
        return {
          fromId: c.from_id!,
          fromName: c.from_id!,
          relation: relationText(c.lineage?.relation ?? "rename"),
          into: [c.id],
          alsoChanged: bits.length ? bits.join(", ") : null,
        };
      }),
    ...d.thresholds.continued.map((c) => ({
      fromId: c.id,
      fromName: c.title ?? c.id,
      relation: relationText(c.relation),
      into: c.into,
      alsoChanged: null,
    })),
  ];
  const numbers: NumberRow[] = changed.flatMap((c) => [
    ...c.fields
      .filter((f) => f.field === "level")
      .map((f) => ({
        threshold: c.title ?? c.id,
        thresholdId: c.id,
        what: "level",
        from: f.from,
        to: f.to,
        calibration: null,
      })),
    ...c.numbers.map((n) => ({
      threshold: c.title ?? c.id,
      thresholdId: c.id,
      what: `${n.metric} ${comparatorSymbol(n.op)}`,
      from: num(n.from),
      to: num(n.to),
      calibration:
        n.calibration.from === n.calibration.to || n.calibration.from === null || n.calibration.to === null
          ? (n.calibration.to ?? n.calibration.from)
          : `${n.calibration.from} → ${n.calibration.to}`,
    })),
  ]);
  const fields: FieldRow[] = changed.flatMap((c) =>
    c.fields
      .filter((f) => f.field !== "level")
      .map((f) => ({
        threshold: c.title ?? c.id,
        thresholdId: c.id,
        field: FIELD_LABEL[f.field] ?? f.field,
        from: f.from,
        to: f.to,
      })),
  );
  const rewordedViews = changed.filter((c) => c.reworded).map(reworded);
  const gates = { added: d.gates.added, removed: d.gates.removed, changed: d.gates.changed.map(gateChange) };
  const safeguards = {
    added: d.safeguards.added,
    removed: d.safeguards.removed,
    changed: d.safeguards.changed.flatMap((s) => s.fields.map((f) => ({ id: s.id, ...f }))),
  };
  const groups = groupModels(data.models.changes, from, to);

  const summary: string[] = [];
  const count = (n: number, what: string) => n > 0 && summary.push(what);
  count(d.thresholds.added.length, `${plural(d.thresholds.added.length, "threshold")} added`);
  count(
    d.thresholds.removed.length,
    `${plural(d.thresholds.removed.length, "threshold")} removed with no successor`,
  );
  count(continued.length, `${plural(continued.length, "threshold")} continued under a new id`);
  count(rewordedViews.length, `${plural(rewordedViews.length, "threshold")} reworded`);
  count(numbers.length, `${plural(numbers.length, "number or level", "numbers or levels")} changed`);
  const sgCount = d.safeguards.added.length + d.safeguards.removed.length + d.safeguards.changed.length;
  count(sgCount, `${plural(sgCount, "required safeguard")} added, removed or changed`);
  const gateCount = d.gates.added.length + d.gates.removed.length + d.gates.changed.length;
  count(gateCount, `${plural(gateCount, "gate")} added, removed or changed`);
  const structure =
    d.levels.added.length + d.levels.removed.length + d.domains.added.length + d.domains.removed.length;
  count(structure + (d.levels.reordered ? 1 : 0), "levels or domains changed");
  count(d.metrics.added.length + d.metrics.removed.length, "metrics added or removed");
  count(d.cadence ? 1 : 0, "reassessment cadence changed");

  return {
    from,
    to,
    sameVersion: from.versionId === to.versionId,
    identical: d.empty,
    summary,
    thresholds: {
      added: d.thresholds.added.map(line),
      removed: d.thresholds.removed.map(line),
      continued,
      reworded: rewordedViews,
      numbers,
      fields,
    },
    safeguards,
    gates,
    levels: d.levels,
    domains: d.domains,
    metrics: d.metrics,
    cadence: d.cadence ? pair(d.cadence.from, d.cadence.to) : null,
    models: {
      evaluated: data.models.evaluated,
      asOf: data.models.as_of,
      changed: data.models.changes.length,
      groups,
      levelNamesDiffer: d.levels.added.length > 0 || d.levels.removed.length > 0,
    },
  };
}
