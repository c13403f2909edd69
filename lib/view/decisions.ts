import { governancePaths, SIGNOFF_OUTCOMES } from "@/lib/api/governance-schemas";
import type { Decision, DecisionListItem, SignoffOutcome } from "@/lib/api/governance-schemas";
import { GATE_TONE } from "./levels";
import type { Tone } from "./levels";
import { versionLabel } from "./model-format";
import { GATE_SYMBOL } from "./model-status";

/**
 * Decisions as the model page prints them: a sign-off or a bare recorded evaluation, the gate outcome
 * it was made on, the policy version, and whether it still stands. Every state has a text label and a
 * symbol, so none is told by colour alone. Pure.
 */

export const SIGNOFF_OUTCOME_MARK: Record<SignoffOutcome, { symbol: string; label: string; tone: Tone }> = {
  approve: { symbol: "✓", label: "approve", tone: "baseline" },
  approve_with_conditions: { symbol: "◐", label: "approve with conditions", tone: "elevated" },
  block: { symbol: "✗", label: "block", tone: "top" },
};

/** The sign-off form's outcome choices, in the API's order. */
export const SIGNOFF_OUTCOME_OPTIONS = SIGNOFF_OUTCOMES.map((value) => ({
  value,
  label: SIGNOFF_OUTCOME_MARK[value].label,
}));

export interface Mark {
  symbol: string;
  label: string;
  tone: Tone;
}

export interface DecisionStatusView extends Mark {
  state: "current" | "stale" | "unknown";
  /** why it is stale (or what changed without making it stale); never empty for a stale decision */
  reasons: string[];
}

export interface DecisionView {
  id: number;
  /** an element id, so a link can point at the row */
  anchor: string;
  kind: "sign-off" | "recorded evaluation";
  action: string;
  /** the gate outcome the evaluation gave for the action when the decision was made */
  gate: Mark;
  signoff: (Mark & { rationale: string; conditions: string | null }) | null;
  by: string;
  /** ISO, for <time dateTime> */
  createdAt: string;
  /** "2026-05-01 09:30 UTC": the same on the server and in every browser, so hydration matches */
  createdLabel: string;
  asOf: string;
  /** "v2 (version #5)" */
  policyVersion: string;
  /** made under the version the page evaluates */
  underShownVersion: boolean;
  status: DecisionStatusView;
  /** the decision with its status and its replay from the stored input (GET /api/v1/decisions/{id}) */
  replayHref: string;
}

export function gateMark(outcome: string): Mark {
  return {
    symbol: GATE_SYMBOL[outcome] ?? "?",
    label: outcome.replace(/_/g, " "),
    tone: GATE_TONE[outcome] ?? "unknown",
  };
}

/** A decision's status; a list read without status is "not checked", never "current". */
export function toDecisionStatusView(status: DecisionListItem["status"]): DecisionStatusView {
  if (!status)
    return { state: "unknown", symbol: "?", label: "status not checked", tone: "unknown", reasons: [] };
  if (status.status === "current")
    return { state: "current", symbol: "✓", label: "current", tone: "baseline", reasons: status.reasons };
  return {
    state: "stale",
    symbol: "⚠",
    label: "stale",
    tone: "high",
    reasons: status.reasons.length > 0 ? status.reasons : ["the same question asked now gets another answer"],
  };
}

function createdLabel(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function toDecisionView(d: DecisionListItem, shownVersionId: number | null): DecisionView {
  const pv = d.policy_version;
  const underShownVersion = shownVersionId !== null && pv.id === shownVersionId;
  return {
    id: d.id,
    anchor: `decision-${d.id}`,
    kind: d.kind === "signoff" ? "sign-off" : "recorded evaluation",
    action: d.action,
    gate: gateMark(d.outcome),
    signoff: d.signoff
      ? {
          ...SIGNOFF_OUTCOME_MARK[d.signoff.outcome],
          rationale: d.signoff.rationale,
          conditions: d.signoff.conditions,
        }
      : null,
    by: d.decided_by,
    createdAt: d.created_at,
    createdLabel: createdLabel(d.created_at),
    asOf: d.as_of,
    policyVersion: `${versionLabel(pv.version)} (version #${pv.id})`,
    underShownVersion,
    status: toDecisionStatusView(d.status),
    replayHref: governancePaths.decision(d.id),
  };
}

/** Newest first (by id: ids only grow), whatever order the answer came in. */
export function toDecisionViews(
  list: readonly DecisionListItem[],
  shownVersionId: number | null,
): DecisionView[] {
  return [...list].sort((a, b) => b.id - a.id).map((d) => toDecisionView(d, shownVersionId));
}

/** "3 decisions: 1 current, 2 stale" */
export function decisionsSummary(views: readonly DecisionView[]): string {
  const n = views.length;
  const by = (s: DecisionStatusView["state"]) => views.filter((v) => v.status.state === s).length;
  const counts: [number, string][] = [
    [by("current"), "current"],
    [by("stale"), "stale"],
    [by("unknown"), "not checked"],
  ];
  const parts = counts.filter(([k]) => k > 0).map(([k, label]) => `${k} ${label}`);
  return `${n} decision${n === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** The form's gate actions: each with the outcome the evaluation on the page gives it now. */
export function signoffActionOptions(
  gates: readonly { action: string; outcome: string }[],
): { value: string; label: string }[] {
  return gates.map((g) => ({ value: g.action, label: `${g.action} — now ${gateMark(g.outcome).label}` }));
}

/** The confirmation once the API recorded a sign-off: its id, the policy version and the outcome. */
export function signoffConfirmation(d: Decision): string {
  const pv = d.policy_version;
  const signed = d.signoff ? SIGNOFF_OUTCOME_MARK[d.signoff.outcome].label : "no sign-off";
  return (
    `Recorded decision #${d.id}: ${signed} on ${d.action} (gate outcome ${gateMark(d.outcome).label}) ` +
    `under ${pv.policy} ${versionLabel(pv.version)} (version #${pv.id}), as of ${d.as_of}.`
  );
}
