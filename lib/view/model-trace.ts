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
import { COMPARATOR_SYMBOL, NONE, formatFlop, formatNumber, formatSigned } from "./model-format";
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
  /** outside the other models' interval at this compute, or not checked; null when within or not applicable */
  anomaly: TraceAnomaly | null;
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

// ---------------------------------------------------------------------------------------------
// Anomaly flags (db/anomalies.ts computes them; this is their reading)

/** One metric's check for this model, as db/anomalies.ts AnomalyCheck has it. */
export interface AnomalyInput {
  metric: string;
  status: "below" | "above" | "within" | "not_checked";
  /** the score checked (the engine's pre-mitigation value) */
  value: number;
  flop: number | null;
  others: number;
  expected?: number;
  low?: number;
  high?: number;
  level?: number;
  reason?: string;
  fit_warnings: string[];
}

export interface TraceAnomaly {
  status: "below" | "above" | "not_checked";
  /** what it may mean and what to do, in words */
  text: string;
  /** the numbers behind it */
  detail: string | null;
}

const pct = (level: number | undefined) => `${Math.round((level ?? 0.8) * 100)}%`;

export function anomalyText(a: Pick<AnomalyInput, "status" | "level" | "reason">): string {
  if (a.status === "below")
    return `Below the ${pct(a.level)} interval of other models at this compute: possible under-elicitation or sandbagging. Re-run with stronger elicitation before relying on a 'below' result.`;
  if (a.status === "above") return "Above the interval: a genuine jump or possible contamination.";
  if (a.status === "not_checked") return `Anomaly check not run: ${a.reason ?? "no reason recorded"}.`;
  return `Within the ${pct(a.level)} interval of the other models at this compute.`;
}

export function anomalyDetail(a: AnomalyInput): string | null {
  if ((a.status !== "below" && a.status !== "above") || a.low === undefined || a.high === undefined)
    return null;
  const centre = a.expected === undefined ? "" : `, centre ${formatNumber(a.expected)}`;
  return `score ${formatNumber(a.value)}; the other ${a.others} models put ${pct(a.level)} of scores at ${formatFlop(a.flop)} between ${formatNumber(a.low)} and ${formatNumber(a.high)}${centre}${a.fit_warnings.length > 0 ? `; their fit warns: ${a.fit_warnings.join(", ")}` : ""}`;
}

/**
 * The flag a trace row carries: only on the row whose value is the score checked (a post-mitigation
 * score is another measurement), and nothing for "within": a row never claims to be normal.
 */
export function traceAnomaly(
  e: Pick<LeafEvidence, "metric" | "value">,
  anomalies: ReadonlyMap<string, AnomalyInput> | undefined,
): TraceAnomaly | null {
  const a = anomalies?.get(e.metric);
  if (!a || e.value === null || a.value !== e.value || a.status === "within") return null;
  return { status: a.status, text: anomalyText(a), detail: anomalyDetail(a) };
}

export interface AnomalySummary {
  flagged: { metric: string; status: "below" | "above"; text: string; detail: string | null }[];
  within: string[];
  notChecked: { metric: string; reason: string }[];
  /** the model has no score on a metric the policy reads: nothing was checked */
  empty: boolean;
}

/** The model page's "Anomalies" panel: flags first, then what was within, then what was not checked. */
export function toAnomalySummary(checks: readonly AnomalyInput[]): AnomalySummary {
  const out: AnomalySummary = { flagged: [], within: [], notChecked: [], empty: checks.length === 0 };
  for (const c of checks) {
    if (c.status === "below" || c.status === "above")
      out.flagged.push({
        metric: c.metric,
        status: c.status,
        text: anomalyText(c),
        detail: anomalyDetail(c),
      });
    else if (c.status === "within") out.within.push(c.metric);
    else out.notChecked.push({ metric: c.metric, reason: c.reason ?? "no reason recorded" });
  }
  // Below first: a 'below' result resting on a low score is the one that can mislead a decision.
  out.flagged.sort((a, b) => (a.status === b.status ? 0 : a.status === "below" ? -1 : 1));
  return out;
}

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

function metricRow(
  e: LeafEvidence,
  scores: ScoreLookup,
  anomalies?: ReadonlyMap<string, AnomalyInput>,
): MetricTraceRow {
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
    anomaly: traceAnomaly(e, anomalies),
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

export function toTraceRows(
  state: StateResult,
  scores: ScoreLookup,
  anomalies?: ReadonlyMap<string, AnomalyInput>,
): TraceRow[] {
  return state.evidence.map((e) =>
    e.kind === "metric"
      ? metricRow(e, scores, anomalies)
      : e.kind === "threshold"
        ? refRow(e)
        : contextRow(e),
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
  anomalies?: ReadonlyMap<string, AnomalyInput>,
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
    trace: toTraceRows(s, scores, anomalies),
  };
}

export interface TraceContext {
  scores: ScoreLookup;
  determinations: ReadonlyMap<string, DeterminationMeta>;
  /** level id → its title in the policy */
  levelTitles: ReadonlyMap<string, string>;
  /** threshold id → its definition in the policy */
  definitions: ReadonlyMap<string, Threshold>;
  /** metric id → this model's anomaly check (db/anomalies.ts); absent: no flags shown */
  anomalies?: ReadonlyMap<string, AnomalyInput>;
}

export function toThresholdView(t: ThresholdResult, ctx: TraceContext): ThresholdView {
  const def = ctx.definitions.get(t.id);
  const pre = stateView(t, t.counted, ctx.scores, ctx.determinations, ctx.anomalies);
  const post = stateView(t.post, t.counted, ctx.scores, ctx.determinations, ctx.anomalies);
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
