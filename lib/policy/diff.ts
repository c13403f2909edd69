import type { GateRule, Policy, Threshold } from "./schema";
import { comparatorOf, isCapability, levelId, thresholdLevel } from "./schema";
import { walk } from "./semantics";
import { describePredicate } from "./describe";

export interface NumberChange {
  metric: string;
  op: string;
  from: number | null;
  to: number | null;
  calibration: { from: string | null; to: string | null };
}

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface ThresholdRef {
  id: string;
  domain: string;
  kind: "capability" | "checkpoint" | "derived";
  level: string | null;
  tier?: string;
  lineage?: { from: string[]; relation: string; note?: string };
  title?: string;
  definition: string;
}

export interface ThresholdChange extends ThresholdRef {
  /** the id in the older policy when it differs (a threshold carried over under another id) */
  from_id?: string;
  reworded: boolean;
  definition_from: string;
  fields: FieldChange[];
  numbers: NumberChange[];
}

export interface GateChange {
  action: string;
  from: string[];
  to: string[];
}

export interface PolicyDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  levels: { added: string[]; removed: string[]; reordered: boolean };
  domains: { added: string[]; removed: string[] };
  /** removed: gone with no successor; continued: carried into a threshold of the new version by its lineage */
  thresholds: {
    added: ThresholdRef[];
    removed: ThresholdRef[];
    continued: (ThresholdRef & { into: string[]; relation: string })[];
    changed: ThresholdChange[];
  };
  safeguards: { added: string[]; removed: string[]; changed: { id: string; fields: FieldChange[] }[] };
  gates: { added: string[]; removed: string[]; changed: GateChange[] };
  metrics: { added: string[]; removed: string[] };
  cadence: FieldChange | null;
  /** true when nothing above differs */
  empty: boolean;
}

interface Located {
  t: Threshold;
  domain: string;
}

function thresholdsOf(p: Policy): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const d of p.domains) for (const t of d.thresholds) out.set(t.id, { t, domain: d.id });
  return out;
}

function ref(l: Located): ThresholdRef {
  return {
    id: l.t.id,
    domain: l.domain,
    kind: l.t.kind ?? "capability",
    level: thresholdLevel(l.t),
    ...(l.t.tier ? { tier: l.t.tier } : {}),
    ...(l.t.lineage ? { lineage: l.t.lineage } : {}),
    ...(l.t.title ? { title: l.t.title } : {}),
    definition: l.t.definition,
  };
}

function leaves(t: Threshold): Map<string, { value: number; calibration: string }> {
  const out = new Map<string, { value: number; calibration: string }>();
  if (!t.when) return out;
  walk(t.when, [], (p) => {
    if ("metric" in p) {
      const { op, value } = comparatorOf(p);
      out.set(`${p.metric} ${op}`, { value, calibration: p.calibration });
    }
  });
  return out;
}

const text = (v: unknown): string =>
  v === undefined || v === null
    ? "—"
    : Array.isArray(v)
      ? v.join(", ")
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);
const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** A gate rule as one readable line, the unit in which gate changes are shown. */
export function ruleText(rule: GateRule): string {
  const w = rule.when;
  const conds: string[] = [];
  for (const s of ["pre", "post"] as const) {
    const b = w?.[s];
    if (!b) continue;
    const scope = b.domain ? `${b.domain} ` : "";
    if (b.at_most) conds.push(`${s} ${scope}≤ ${b.at_most}`);
    if (b.at_least) conds.push(`${s} ${scope}≥ ${b.at_least}`);
  }
  if (w?.safeguards)
    conds.push(
      typeof w.safeguards === "string"
        ? `safeguards ${w.safeguards}`
        : `${w.safeguards.track} safeguards ${w.safeguards.status}`,
    );
  if (w?.obligations) conds.push(`obligations ${w.obligations}`);
  if (w?.reassessment) conds.push(`reassessment ${w.reassessment}`);
  return `${conds.length ? conds.join(" and ") : "always"} → ${rule.outcome}`;
}

function thresholdChange(id: string, a: Located, b: Located): ThresholdChange | null {
  const fields: FieldChange[] = [];
  const cmp = (field: string, x: unknown, y: unknown) => {
    if (text(x) !== text(y)) fields.push({ field, from: text(x), to: text(y) });
  };
  cmp("domain", a.domain, b.domain);
  cmp("kind", a.t.kind ?? "capability", b.t.kind ?? "capability");
  cmp("level", thresholdLevel(a.t), thresholdLevel(b.t));
  cmp("on_missing", a.t.on_missing ?? "cannot_rule_out", b.t.on_missing ?? "cannot_rule_out");
  cmp("early_warning margin", a.t.early_warning?.margin, b.t.early_warning?.margin);
  cmp("requires", a.t.requires, b.t.requires);
  cmp(
    "safeguards",
    isCapability(a.t) ? a.t.safeguards : undefined,
    isCapability(b.t) ? b.t.safeguards : undefined,
  );
  cmp(
    "obligations",
    a.t.kind === "checkpoint" ? a.t.obligations : undefined,
    b.t.kind === "checkpoint" ? b.t.obligations : undefined,
  );
  const ia = a.t.when
    ? describePredicate(a.t.when)
        .map((l) => l.text.trim())
        .join("; ")
    : "human determination only";
  const ib = b.t.when
    ? describePredicate(b.t.when)
        .map((l) => l.text.trim())
        .join("; ")
    : "human determination only";
  const la = leaves(a.t);
  const lb = leaves(b.t);
  const numbers: NumberChange[] = [];
  for (const key of [...new Set([...la.keys(), ...lb.keys()])].sort()) {
    const x = la.get(key);
    const y = lb.get(key);
    if (x?.value !== y?.value || x?.calibration !== y?.calibration) {
      const [metric, op] = key.split(" ") as [string, string];
      numbers.push({
        metric,
        op,
        from: x?.value ?? null,
        to: y?.value ?? null,
        calibration: { from: x?.calibration ?? null, to: y?.calibration ?? null },
      });
    }
  }
  // The indicator's shape changed beyond its numbers (a leaf added or removed, any/all swapped).
  if (ia.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, "#") !== ib.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, "#"))
    fields.push({ field: "indicator", from: ia, to: ib });
  const reworded = norm(a.t.definition) !== norm(b.t.definition);
  if (!reworded && fields.length === 0 && numbers.length === 0) return null;
  return {
    ...ref(b),
    ...(a.t.id !== id ? { from_id: a.t.id } : {}),
    reworded,
    definition_from: a.t.definition,
    fields,
    numbers,
  };
}

/**
 * What changed from one policy version to another. Thresholds are matched by id, or through
 * `renames` (new id → old id) when a framework renamed them between versions.
 */
export function diffPolicies(from: Policy, to: Policy, renames: Record<string, string> = {}): PolicyDiff {
  const la = from.levels.map(levelId);
  const lb = to.levels.map(levelId);
  const common = la.filter((l) => lb.includes(l));
  const levels = {
    added: lb.filter((l) => !la.includes(l)),
    removed: la.filter((l) => !lb.includes(l)),
    reordered: common.join(",") !== lb.filter((l) => la.includes(l)).join(","),
  };
  const da = new Set(from.domains.map((d) => d.id));
  const db = new Set(to.domains.map((d) => d.id));
  const ta = thresholdsOf(from);
  const tb = thresholdsOf(to);
  const matched = new Set<string>();
  const changed: ThresholdChange[] = [];
  const added: ThresholdRef[] = [];
  // A threshold that names its predecessors in `lineage` is paired with the first of them.
  const lineageOf = new Map<string, { from: string[]; relation: string }>();
  for (const [id, b] of tb) if (b.t.lineage && b.t.lineage.from.length > 0) lineageOf.set(id, b.t.lineage);
  for (const [id, b] of tb) {
    const oldId =
      renames[id] ?? (lineageOf.get(id)?.from.find((f) => ta.has(f)) || (ta.has(id) ? id : undefined));
    const a = oldId ? ta.get(oldId) : undefined;
    if (!a) {
      added.push(ref(b));
      continue;
    }
    matched.add(oldId!);
    const c = thresholdChange(id, a, b);
    if (c) changed.push(c);
  }
  const continued: (ThresholdRef & { into: string[]; relation: string })[] = [];
  const removed: ThresholdRef[] = [];
  for (const [id, a] of ta) {
    if (matched.has(id)) continue;
    const into = [...lineageOf].filter(([, l]) => l.from.includes(id));
    if (into.length > 0)
      continued.push({ ...ref(a), into: into.map(([n]) => n), relation: into[0]![1].relation });
    else removed.push(ref(a));
  }

  const sa = new Map(from.safeguards.map((s) => [s.id, s]));
  const sb = new Map(to.safeguards.map((s) => [s.id, s]));
  const safeguardChanges: { id: string; fields: FieldChange[] }[] = [];
  for (const [id, b] of sb) {
    const a = sa.get(id);
    if (!a) continue;
    const fields: FieldChange[] = [];
    for (const f of ["track", "title", "description", "definition"] as const)
      if (norm(text(a[f])) !== norm(text(b[f]))) fields.push({ field: f, from: text(a[f]), to: text(b[f]) });
    if (fields.length) safeguardChanges.push({ id, fields });
  }

  const ga = from.gates;
  const gb = to.gates;
  const gateChanges: GateChange[] = [];
  for (const action of Object.keys(gb)) {
    if (!ga[action]) continue;
    const x = ga[action].map(ruleText);
    const y = gb[action]!.map(ruleText);
    if (x.join("\n") !== y.join("\n")) gateChanges.push({ action, from: x, to: y });
  }
  const ma = new Set(from.metrics.map((m) => m.id));
  const mb = new Set(to.metrics.map((m) => m.id));
  const ca = text(
    from.cadence ? { months: from.cadence.months, multiple: from.cadence.effective_compute_multiple } : null,
  );
  const cb = text(
    to.cadence ? { months: to.cadence.months, multiple: to.cadence.effective_compute_multiple } : null,
  );
  const diff: PolicyDiff = {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    levels,
    domains: { added: [...db].filter((d) => !da.has(d)), removed: [...da].filter((d) => !db.has(d)) },
    thresholds: { added, removed, continued, changed },
    safeguards: {
      added: [...sb.keys()].filter((id) => !sa.has(id)),
      removed: [...sa.keys()].filter((id) => !sb.has(id)),
      changed: safeguardChanges,
    },
    gates: {
      added: Object.keys(gb).filter((a) => !ga[a]),
      removed: Object.keys(ga).filter((a) => !gb[a]),
      changed: gateChanges,
    },
    metrics: { added: [...mb].filter((m) => !ma.has(m)), removed: [...ma].filter((m) => !mb.has(m)) },
    cadence: ca === cb ? null : { field: "cadence", from: ca, to: cb },
    empty: false,
  };
  diff.empty =
    !levels.added.length &&
    !levels.removed.length &&
    !levels.reordered &&
    !diff.domains.added.length &&
    !diff.domains.removed.length &&
    !added.length &&
    !removed.length &&
    !continued.length &&
    !changed.length &&
    !diff.safeguards.added.length &&
    !diff.safeguards.removed.length &&
    !safeguardChanges.length &&
    !diff.gates.added.length &&
    !diff.gates.removed.length &&
    !gateChanges.length &&
    !diff.metrics.added.length &&
    !diff.metrics.removed.length &&
    diff.cadence === null;
  return diff;
}
