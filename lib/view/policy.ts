import { describePredicate } from "@/lib/policy/describe";
import { isMetricLeaf, isThresholdRef, levelId, levelTitle } from "@/lib/policy/schema";
import type {
  Cadence,
  CapabilityThreshold,
  GateOutcome,
  GateRule,
  GateWhen,
  MetricLeaf,
  Policy,
  Predicate,
  Safeguard,
  Threshold,
} from "@/lib/policy/schema";

/**
 * A policy as people read it: counts for the list page, gate rules as sentences, safeguards grouped by
 * track, and the wording of thresholds. Pure: a parsed policy in, plain data out.
 */

// ---------------------------------------------------------------------------------------------
// Summary (the /policies list)

export interface LevelView {
  id: string;
  title: string;
  description?: string;
}

export interface CalibrationCounts {
  /** numeric leaves whose number the framework states */
  framework: number;
  /** numeric leaves whose number the policy author chose */
  illustrative: number;
  total: number;
  /** whole percent of the numbers that are illustrative; null when the policy has no number */
  illustrativePercent: number | null;
}

export interface PolicySummaryView {
  id: string;
  title: string;
  publisher: string;
  version: string;
  published: string;
  supersedes: string | null;
  levels: LevelView[];
  domainCount: number;
  thresholdCount: number;
  capabilityCount: number;
  checkpointCount: number;
  actionCount: number;
  numbers: CalibrationCounts;
}

/** "v2.2" for a numbered version, the word itself otherwise ("Beta"). */
export function versionLabel(version: string): string {
  return /^\d/.test(version) ? `v${version}` : version;
}

/** Title and version, without repeating a version the title already names ("… (Beta)"). */
export function policyName(title: string, version: string): string {
  return title.toLowerCase().includes(version.toLowerCase()) ? title : `${title} ${versionLabel(version)}`;
}

export function levelViews(policy: Policy): LevelView[] {
  return policy.levels.map((l) => ({
    id: levelId(l),
    title: levelTitle(l),
    ...(typeof l !== "string" && l.description ? { description: l.description } : {}),
  }));
}

/** Every numeric leaf of a predicate, depth first, in file order. */
export function numericLeaves(p: Predicate | undefined): MetricLeaf[] {
  if (p === undefined) return [];
  if (isMetricLeaf(p)) return [p];
  if (isThresholdRef(p) || "fact" in p || "rate" in p) return [];
  if ("not" in p) return numericLeaves(p.not);
  return ("all" in p ? p.all : p.any).flatMap(numericLeaves);
}

export function allThresholds(policy: Policy): Threshold[] {
  return policy.domains.flatMap((d) => d.thresholds);
}

export function calibrationCounts(policy: Policy): CalibrationCounts {
  const leaves = allThresholds(policy).flatMap((t) => numericLeaves(t.when));
  const illustrative = leaves.filter((l) => l.calibration === "illustrative").length;
  const total = leaves.length;
  return {
    framework: total - illustrative,
    illustrative,
    total,
    illustrativePercent: total === 0 ? null : Math.round((illustrative / total) * 100),
  };
}

/** "4 of 5 numbers illustrative (80%), 1 from the framework". */
export function calibrationText(c: CalibrationCounts): string {
  if (c.total === 0) return "no numeric indicators";
  const noun = c.total === 1 ? "number" : "numbers";
  return `${c.illustrative} of ${c.total} ${noun} illustrative (${c.illustrativePercent}%), ${c.framework} from the framework`;
}

export function summarisePolicy(policy: Policy): PolicySummaryView {
  const thresholds = allThresholds(policy);
  const checkpointCount = thresholds.filter((t) => t.kind === "checkpoint").length;
  return {
    id: policy.id,
    title: policy.title,
    publisher: policy.publisher,
    version: policy.version,
    published: policy.published,
    supersedes: policy.supersedes ?? null,
    levels: levelViews(policy),
    domainCount: policy.domains.length,
    thresholdCount: thresholds.length,
    capabilityCount: thresholds.length - checkpointCount,
    checkpointCount,
    actionCount: Object.keys(policy.gates).length,
    numbers: calibrationCounts(policy),
  };
}

// ---------------------------------------------------------------------------------------------
// Thresholds

export function isCapability(t: Threshold): t is CapabilityThreshold {
  return t.kind !== "checkpoint";
}

/** The mark shown beside a definition; null for the default (a verbatim quote). */
export function wordingLabel(wording: Threshold["wording"]): "paraphrase" | "secondary source" | null {
  if (wording === "paraphrase") return "paraphrase";
  if (wording === "secondary") return "secondary source";
  return null;
}

export function onMissingText(t: Threshold): string {
  // The default is the fail-safe reading; a policy has to opt out of it explicitly.
  return t.on_missing === "below"
    ? "Without evidence it is treated as below (the policy author's choice)."
    : "Without evidence it cannot be ruled out, so it counts (fail-safe default).";
}

export function earlyWarningText(t: Threshold): string | null {
  if (!t.early_warning) return null;
  return `Early warning when a score is within ${t.early_warning.margin} of a number above, on the safe side.`;
}

export interface PredicateLineView {
  depth: number;
  text: string;
  calibration?: "framework" | "illustrative";
}

/** describePredicate's lines with the indentation as a depth, so a list can nest them. */
export function predicateLines(p: Predicate): PredicateLineView[] {
  return describePredicate(p).map((line) => {
    const text = line.text.trimStart();
    const depth = Math.floor((line.text.length - text.length) / 2);
    return { depth, text, ...(line.calibration ? { calibration: line.calibration } : {}) };
  });
}

/** The authors' notes on their numbers (why 0.20, why 120 minutes). */
export function leafNotes(p: Predicate | undefined): { metric: string; note: string }[] {
  return numericLeaves(p).flatMap((l) => (l.note ? [{ metric: l.metric, note: l.note }] : []));
}

export interface Ref {
  id: string;
  title: string;
}

export function thresholdRef(policy: Policy, id: string): Ref {
  const t = allThresholds(policy).find((x) => x.id === id);
  return { id, title: t?.title ?? id };
}

export function safeguardRef(policy: Policy, id: string): Ref {
  const s = policy.safeguards.find((x) => x.id === id);
  return { id, title: s?.title ?? id };
}

export function levelRef(policy: Policy, id: string): Ref {
  const l = policy.levels.find((x) => levelId(x) === id);
  return { id, title: l ? levelTitle(l) : id };
}

// ---------------------------------------------------------------------------------------------
// Safeguards

export interface SafeguardView {
  safeguard: Safeguard;
  wording: ReturnType<typeof wordingLabel>;
  /** the capability thresholds that require it */
  requiredBy: Ref[];
}

export interface SafeguardTrackView {
  track: string;
  title: string;
  safeguards: SafeguardView[];
}

export function trackTitle(track: string): string {
  const words = track.replace(/[-.]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Safeguards grouped by track, tracks in order of first appearance. */
export function safeguardsByTrack(policy: Policy): SafeguardTrackView[] {
  const tracks = new Map<string, SafeguardView[]>();
  const capabilities = allThresholds(policy).filter(isCapability);
  for (const s of policy.safeguards) {
    const list = tracks.get(s.track) ?? [];
    list.push({
      safeguard: s,
      wording: s.definition ? wordingLabel(s.wording) : null,
      requiredBy: capabilities
        .filter((t) => t.safeguards?.includes(s.id))
        .map((t) => ({ id: t.id, title: t.title ?? t.id })),
    });
    tracks.set(s.track, list);
  }
  return [...tracks].map(([track, safeguards]) => ({ track, title: trackTitle(track), safeguards }));
}

// ---------------------------------------------------------------------------------------------
// Gates

export const OUTCOME_LABEL: Record<GateOutcome, string> = {
  allow: "allow",
  conditional: "allow with conditions",
  pause: "pause",
  block: "block",
  restrict: "restrict",
  de_deploy: "de-deploy",
  delete_weights: "delete weights",
  require_report: "report required first",
  require_external_review: "external review required first",
  require_approval: "approval required first",
  delay: "delay",
};

export interface GateRuleView {
  /** 1-based position in the policy; null for the fail-closed default the engine adds */
  rule: number | null;
  /** each condition as a clause; empty for a rule that always matches */
  conditions: string[];
  outcome: GateOutcome;
  /** "if pre-mitigation level is at most Medium", "otherwise" or "always" */
  lead: string;
  /** the outcome in words, "block (fail closed)" for the engine's default */
  outcomeText: string;
  /** lead → outcomeText */
  sentence: string;
  reason?: string;
  locator?: string;
}

export interface GateView {
  action: string;
  title: string;
  rules: GateRuleView[];
}

function levelBound(policy: Policy, state: "pre" | "post", b: NonNullable<GateWhen["pre"]>): string {
  const domain = b.domain ? policy.domains.find((d) => d.id === b.domain) : undefined;
  const subject = b.domain
    ? `${state}-mitigation level in ${domain?.title ?? b.domain}`
    : `${state}-mitigation level`;
  const most = b.at_most === undefined ? undefined : levelRef(policy, b.at_most).title;
  const least = b.at_least === undefined ? undefined : levelRef(policy, b.at_least).title;
  if (most !== undefined && least !== undefined)
    return most === least
      ? `${subject} is exactly ${most}`
      : `${subject} is at least ${least} and at most ${most}`;
  return most !== undefined ? `${subject} is at most ${most}` : `${subject} is at least ${least}`;
}

function safeguardClause(s: NonNullable<GateWhen["safeguards"]>): string {
  const [track, status] = typeof s === "string" ? [null, s] : [s.track.replace(/[-.]/g, " "), s.status];
  const what = track ? `required ${track} safeguard` : "required safeguard";
  return status === "attested" ? `every ${what} is attested` : `a ${what} is missing or expired`;
}

/** The clauses of a rule's `when`, in the order the language lists them. */
export function gateConditions(policy: Policy, when: GateWhen | undefined): string[] {
  if (!when) return [];
  const out: string[] = [];
  if (when.pre) out.push(levelBound(policy, "pre", when.pre));
  if (when.post) out.push(levelBound(policy, "post", when.post));
  if (when.safeguards) out.push(safeguardClause(when.safeguards));
  if (when.obligations)
    out.push(
      when.obligations === "open" ? "a checkpoint obligation is open" : "no checkpoint obligation is open",
    );
  if (when.reassessment)
    out.push(when.reassessment === "due" ? "a reassessment is due" : "no reassessment is due");
  return out;
}

/**
 * A gate's rules as sentences, first match wins. When the last rule has conditions the engine blocks
 * whatever matches none of them (gates fail closed), so that default is shown as a rule of its own.
 */
export function describeGate(policy: Policy, rules: GateRule[]): GateRuleView[] {
  const out: GateRuleView[] = rules.map((r, i) => {
    const conditions = gateConditions(policy, r.when);
    const lead = conditions.length > 0 ? `if ${conditions.join(" and ")}` : i === 0 ? "always" : "otherwise";
    return {
      rule: i + 1,
      conditions,
      outcome: r.outcome,
      lead,
      outcomeText: OUTCOME_LABEL[r.outcome],
      sentence: `${lead} → ${OUTCOME_LABEL[r.outcome]}`,
      ...(r.reason ? { reason: r.reason.trim() } : {}),
      ...(r.locator ? { locator: r.locator } : {}),
    };
  });
  const last = out[out.length - 1];
  if (!last || last.conditions.length > 0)
    out.push({
      rule: null,
      conditions: [],
      outcome: "block",
      lead: "otherwise",
      outcomeText: `${OUTCOME_LABEL.block} (fail closed)`,
      sentence: `otherwise → ${OUTCOME_LABEL.block} (fail closed)`,
      reason: "No rule matched: gates fail closed.",
    });
  return out;
}

export function actionTitle(action: string): string {
  return trackTitle(action);
}

export function gateViews(policy: Policy): GateView[] {
  return Object.entries(policy.gates).map(([action, rules]) => ({
    action,
    title: actionTitle(action),
    rules: describeGate(policy, rules),
  }));
}

// ---------------------------------------------------------------------------------------------
// How levels and scores combine

export function rollupText(policy: Policy): string {
  return policy.rollup === "max"
    ? "A model's overall level is the highest level of any domain."
    : "Levels are per domain only; there is no overall level, and every gate names a domain.";
}

export function aggregateText(policy: Policy): string {
  switch (policy.aggregate) {
    case "max":
      return "Several scores for one metric: the riskiest counts (worst-case elicitation).";
    case "latest":
      return "Several scores for one metric: the newest counts.";
    case "mean":
      return "Several scores for one metric: their mean counts.";
  }
}

// ---------------------------------------------------------------------------------------------
// Cadence

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function cadenceText(c: Cadence | undefined): string {
  if (!c || (c.effective_compute_multiple === undefined && c.months === undefined))
    return "No reassessment cadence: a reassessment is never due on a schedule.";
  const since = "since the last full assessment";
  const parts: string[] = [];
  if (c.effective_compute_multiple !== undefined)
    parts.push(`the model family's effective compute has grown ${c.effective_compute_multiple}× ${since}`);
  if (c.months !== undefined)
    parts.push(
      `${plural(c.months, "month has", "months have")} passed ${parts.length > 0 ? "since it" : since}`,
    );
  return `A reassessment is due when ${parts.join(", or when ")}.`;
}
