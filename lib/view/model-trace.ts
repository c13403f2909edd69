import type {
  DomainResult,
  FactEvidence,
  IndicatedStatus,
  RateEvidence,
  LeafEvidence,
  RefEvidence,
  ScoreRef,
  StateResult,
  ThresholdResult,
  ThresholdStatus,
} from "@/lib/engine/types";
import type { DeterminationInput } from "@/lib/engine/input";
import type { Comparator, Threshold } from "@/lib/policy/schema";
import { STATUS_LABEL, statusTone } from "./levels";
import type { Marker, Tone } from "./levels";
import { COMPARATOR_SYMBOL, NONE, formatNumber, formatSigned } from "./model-format";
import type { ScoreLookup } from "./model-scores";

/** The evidence trace of one threshold as rows a reviewer can check against the source files. */

export interface TraceScore {
  id: string | null;
  /** fragment of the score's row in the scores table, when the score is known */
  href: string | null;
  value: string;
  source: string;
  batch: number | null;
  elicitation: string | null;
  evaluatedAt: string | null;
}

export interface MetricTraceRow {
  kind: "metric";
  key: string;
  leaf: string;
  metric: string;
  value: string;
  stderr: string;
  /** "101.18" or "0.763 ± 0.030" */
  measured: string;
  interval: string;
  comparator: Comparator;
  /** "≥ 120" */
  condition: string;
  margin: string;
  /** the margin in words, so its sign is not the only signal */
  marginWords: string;
  calibration: "framework" | "illustrative";
  status: IndicatedStatus;
  statusLabel: string;
  tone: Tone;
  mitigation: string;
  note: string | null;
  scores: TraceScore[];
}

export interface RefTraceRow {
  kind: "threshold";
  key: string;
  leaf: string;
  /** a `requires` prerequisite, as opposed to a threshold named inside `when` */
  prerequisite: boolean;
  threshold: string;
  href: string;
  status: ThresholdStatus;
  statusLabel: string;
  tone: Tone;
  counted: boolean;
  countedText: string;
}

/** A context fact or a progress-rate leaf (policies of 2026): what it read, and what it indicates. */
export interface ContextTraceRow {
  kind: "context";
  key: string;
  leaf: string;
  description: string;
  status: IndicatedStatus;
  statusLabel: string;
  tone: Tone;
}

export type TraceRow = MetricTraceRow | RefTraceRow | ContextTraceRow;

function contextRow(e: FactEvidence | RateEvidence): ContextTraceRow {
  const description =
    e.kind === "fact"
      ? `fact ${e.fact} is ${e.value === null ? "unknown" : String(e.value)} (needs ${String(e.expected)})`
      : e.ratio === null
        ? `growth rate of ${e.series}: ${e.note ?? "not enough data"} (needs ≥ ${e.threshold}×, ${e.calibration})`
        : `growth rate of ${e.series}: ${e.ratio.toFixed(2)}× its baseline (needs ≥ ${e.threshold}×, ${e.calibration})`;
  return {
    kind: "context",
    key: `${e.leaf}:${e.kind}`,
    leaf: e.leaf,
    description,
    status: e.status,
    statusLabel: STATUS_LABEL[e.status],
    tone: statusTone(e.status),
  };
}

/** Stored facts about a determination that the evaluation does not carry. */
export interface DeterminationMeta {
  id: number;
  quote: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  sourceKind: "primary" | "secondary" | "internal";
  createdBy: string;
  evidence: string[];
}

export interface DeterminationView {
  id: string | null;
  outcome: DeterminationInput["outcome"];
  outcomeLabel: string;
  mitigation: "pre" | "post" | null;
  by: string;
  at: string;
  rationale: string;
  quote: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  sourceKind: "primary" | "secondary" | "internal" | null;
  /** "secondary source" is printed wherever a secondary-source determination is shown */
  sourceLabel: string | null;
  recordedBy: string | null;
  evidence: string[];
}

export interface StateView {
  status: ThresholdStatus;
  label: string;
  tone: Tone;
  markers: Marker[];
  indicated: IndicatedStatus;
  indicatedLabel: string;
  missingEvidence: boolean;
  disagreement: boolean;
  determination: DeterminationView | null;
  trace: TraceRow[];
}

export interface ThresholdView {
  id: string;
  anchor: string;
  title: string;
  kind: "capability" | "checkpoint" | "derived";
  level: string | null;
  levelTitle: string | null;
  counted: boolean;
  definition: string | null;
  locator: string | null;
  wording: string | null;
  /** thresholds this one requires (its rule-out proxies) */
  requires: string[];
  pre: StateView;
  post: StateView;
  /** the post-mitigation reading rests on different evidence or a different status */
  postDiffers: boolean;
  history: DeterminationView[];
}

export interface DomainView {
  id: string;
  anchor: string;
  title: string;
  level: { pre: string; post: string };
  evidenced: { pre: string; post: string };
  evidencedDiffers: { pre: boolean; post: boolean };
  missingEvidence: string[];
  thresholds: ThresholdView[];
}

const OUTCOME_LABEL: Record<DeterminationInput["outcome"], string> = {
  reached: "reached",
  not_reached: "not reached",
  cannot_rule_out: "cannot rule out",
};

const SOURCE_LABEL = {
  primary: "primary source",
  secondary: "secondary source",
  internal: "internal record",
} as const;

export function thresholdAnchor(id: string): string {
  return `threshold-${id}`;
}
export function domainAnchor(id: string): string {
  return `domain-${id}`;
}
export function scoreAnchor(id: string | number): string {
  return `score-${id}`;
}

/** "db/seed/x.yaml:107 (batch 6) https://…" → its parts; the format is db/queries.ts scoreSource. */
export function parseScoreSource(source: string | null | undefined): { file: string; batch: number | null } {
  if (!source) return { file: NONE, batch: null };
  const m = /^(.*?) \(batch (\d+)\)/.exec(source);
  return m ? { file: m[1]!, batch: Number(m[2]) } : { file: source, batch: null };
}

function traceScore(s: ScoreRef, scores: ScoreLookup): TraceScore {
  const id = s.id === undefined ? null : String(s.id);
  const known = id === null ? undefined : scores.get(id);
  const parsed = parseScoreSource(s.source);
  return {
    id,
    href: known ? `#${scoreAnchor(id!)}` : null,
    value: formatNumber(s.value),
    source: known?.source ?? parsed.file,
    batch: known?.batch ?? parsed.batch,
    elicitation: s.elicitation ?? null,
    evaluatedAt: s.evaluated_at ?? null,
  };
}

function marginWords(e: LeafEvidence): string {
  if (e.margin === null) return "no value to compare";
  if (e.margin > 0) return "past the threshold";
  if (e.margin === 0)
    return e.comparator === "gt" || e.comparator === "lt"
      ? "at the threshold, not past it"
      : "at the threshold";
  return "short of the threshold";
}

function metricRow(e: LeafEvidence, scores: ScoreLookup): MetricTraceRow {
  const value = formatNumber(e.value);
  const stderr = formatNumber(e.stderr);
  return {
    kind: "metric",
    key: e.leaf,
    leaf: e.leaf,
    metric: e.metric,
    value,
    stderr,
    measured: e.value === null ? NONE : e.stderr === null ? value : `${value} ± ${stderr}`,
    interval: e.interval ? `${formatNumber(e.interval[0])} to ${formatNumber(e.interval[1])}` : NONE,
    comparator: e.comparator,
    condition: `${COMPARATOR_SYMBOL[e.comparator]} ${formatNumber(e.threshold)}`,
    margin: formatSigned(e.margin),
    marginWords: marginWords(e),
    calibration: e.calibration,
    status: e.status,
    statusLabel: STATUS_LABEL[e.status],
    tone: statusTone(e.status),
    mitigation:
      e.mitigation === null
        ? NONE
        : e.fallback_to_pre
          ? "pre (no post-mitigation score: falls back to pre)"
          : e.mitigation,
    note: e.note ?? null,
    scores: e.scores.map((s) => traceScore(s, scores)),
  };
}

function refRow(e: RefEvidence): RefTraceRow {
  return {
    kind: "threshold",
    key: `${e.leaf}:${e.threshold}`,
    leaf: e.leaf,
    prerequisite: e.leaf === "requires",
    threshold: e.threshold,
    href: `#${thresholdAnchor(e.threshold)}`,
    status: e.status,
    statusLabel: STATUS_LABEL[e.status],
    tone: statusTone(e.status),
    counted: e.counted,
    countedText: e.counted ? "counted (reached or cannot be ruled out)" : "not counted",
  };
}

export function toTraceRows(state: StateResult, scores: ScoreLookup): TraceRow[] {
  return state.evidence.map((e) =>
    e.kind === "metric" ? metricRow(e, scores) : e.kind === "threshold" ? refRow(e) : contextRow(e),
  );
}

export function toDeterminationView(
  d: DeterminationInput,
  meta: ReadonlyMap<string, DeterminationMeta>,
): DeterminationView {
  const m = d.id === undefined ? undefined : meta.get(String(d.id));
  const kind = m?.sourceKind ?? null;
  return {
    id: d.id === undefined ? null : String(d.id),
    outcome: d.outcome,
    outcomeLabel: OUTCOME_LABEL[d.outcome],
    mitigation: d.mitigation ?? null,
    by: d.by,
    at: d.at.slice(0, 10),
    rationale: d.rationale,
    quote: m?.quote ?? null,
    sourceTitle: m?.sourceTitle ?? null,
    sourceUrl: m?.sourceUrl ?? d.source ?? null,
    sourceKind: kind,
    sourceLabel: kind ? SOURCE_LABEL[kind] : null,
    recordedBy: m?.createdBy ?? null,
    evidence: m?.evidence ?? [],
  };
}

/** The markers of one reading, the same rules as the overview's cells (lib/view/cell.ts). */
export function stateMarkers(s: StateResult, counted: boolean): Marker[] {
  const out = new Set<Marker>();
  if (s.status === "cannot_rule_out" && !s.missing_evidence) out.add("cannot_rule_out");
  if (counted && s.missing_evidence && !s.determination) out.add("missing");
  if (s.status === "early_warning") out.add("early_warning");
  if (s.determination) out.add("determined");
  if (s.disagreement) out.add("disagreement");
  return [...out].sort();
}

function stateView(
  s: StateResult,
  counted: boolean,
  scores: ScoreLookup,
  meta: ReadonlyMap<string, DeterminationMeta>,
): StateView {
  return {
    status: s.status,
    label: STATUS_LABEL[s.status],
    tone: statusTone(s.status),
    markers: stateMarkers(s, counted),
    indicated: s.indicated,
    indicatedLabel: STATUS_LABEL[s.indicated],
    missingEvidence: s.missing_evidence,
    disagreement: s.disagreement === true,
    determination: s.determination ? toDeterminationView(s.determination, meta) : null,
    trace: toTraceRows(s, scores),
  };
}

export interface TraceContext {
  scores: ScoreLookup;
  determinations: ReadonlyMap<string, DeterminationMeta>;
  /** level id → its title in the policy */
  levelTitles: ReadonlyMap<string, string>;
  /** threshold id → its definition in the policy */
  definitions: ReadonlyMap<string, Threshold>;
}

export function toThresholdView(t: ThresholdResult, ctx: TraceContext): ThresholdView {
  const def = ctx.definitions.get(t.id);
  const pre = stateView(t, t.counted, ctx.scores, ctx.determinations);
  const post = stateView(t.post, t.counted, ctx.scores, ctx.determinations);
  const postDiffers =
    t.post.status !== t.status ||
    JSON.stringify(t.post.evidence) !== JSON.stringify(t.evidence) ||
    t.post.determination?.id !== t.determination?.id;
  return {
    id: t.id,
    anchor: thresholdAnchor(t.id),
    title: t.title ?? def?.title ?? t.id,
    kind: t.kind,
    level: t.level,
    levelTitle: t.level === null ? null : (ctx.levelTitles.get(t.level) ?? t.level),
    counted: t.counted,
    definition: def?.definition ?? null,
    locator: def?.locator ?? null,
    wording: def?.wording ?? null,
    requires: def?.requires ?? [],
    pre,
    post,
    postDiffers,
    history: t.determinations.map((d) => toDeterminationView(d, ctx.determinations)),
  };
}

export function toDomainView(d: DomainResult, ctx: TraceContext): DomainView {
  return {
    id: d.id,
    anchor: domainAnchor(d.id),
    title: d.title,
    level: d.level,
    evidenced: d.evidenced_level,
    evidencedDiffers: {
      pre: d.evidenced_level.pre !== d.level.pre,
      post: d.evidenced_level.post !== d.level.post,
    },
    missingEvidence: d.missing_evidence,
    thresholds: d.thresholds.map((t) => toThresholdView(t, ctx)),
  };
}
