import type {
  CadenceResult,
  GateResult,
  ObligationResult,
  SafeguardResult,
  SafeguardStatus,
} from "@/lib/engine/types";
import { GATE_TONE, STATUS_LABEL } from "./levels";
import type { Tone } from "./levels";
import { NONE } from "./model-format";
import { thresholdAnchor } from "./model-trace";

/** Safeguards, obligations, gates and cadence of one evaluation, as the model page prints them. */

/** The policy shown: the one asked for when it is published, else the first. */
export function pickPolicy(
  published: string[],
  requested: string | null | undefined,
): { id: string | null; unknown: string | null } {
  if (requested && published.includes(requested)) return { id: requested, unknown: null };
  return { id: published[0] ?? null, unknown: requested ? requested : null };
}

export const SAFEGUARD_MARK: Record<SafeguardStatus, { symbol: string; label: string; tone: Tone }> = {
  attested: { symbol: "✓", label: "attested", tone: "baseline" },
  missing: { symbol: "✗", label: "missing", tone: "top" },
  expired: { symbol: "⌛", label: "expired", tone: "top" },
  insufficient: { symbol: "▽", label: "below the required level", tone: "top" },
  inactive: { symbol: "○", label: "does not apply (condition known false)", tone: "baseline" },
};

export interface SafeguardView {
  id: string;
  title: string;
  track: string;
  status: SafeguardStatus;
  symbol: string;
  label: string;
  tone: Tone;
  required: boolean;
  requiredBy: { id: string; href: string }[];
  attestation: {
    status: string;
    by: string;
    at: string;
    expiresAt: string | null;
    /** "expires 2026-12-01 (in 8 days)", "expired 2025-01-01", "no expiry" */
    expiry: string;
  } | null;
}

/** Whole days from `from` to `to` (YYYY-MM-DD…), in UTC. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function expiryText(expiresAt: string | null | undefined, asOf: string): string {
  if (!expiresAt) return "no expiry";
  const d = daysBetween(asOf, expiresAt);
  const date = expiresAt.slice(0, 10);
  // The engine treats an attestation as expired on its expiry day (expires_at <= as of).
  if (d <= 0)
    return d === 0 ? `expired ${date} (today)` : `expired ${date} (${-d} day${d === -1 ? "" : "s"} ago)`;
  return `expires ${date} (in ${d} day${d === 1 ? "" : "s"})`;
}

/** Required safeguards first (policy order kept within each group). */
export function toSafeguardViews(safeguards: SafeguardResult[], asOf: string): SafeguardView[] {
  const views = safeguards.map((s): SafeguardView => {
    const mark = SAFEGUARD_MARK[s.status];
    return {
      id: s.id,
      title: s.title,
      track: s.track,
      status: s.status,
      symbol: mark.symbol,
      label: mark.label,
      tone: mark.tone,
      required: s.required_by.length > 0,
      requiredBy: s.required_by.map((id) => ({ id, href: `#${thresholdAnchor(id)}` })),
      attestation: s.attestation
        ? {
            status: s.attestation.status,
            by: s.attestation.by,
            at: s.attestation.at.slice(0, 10),
            expiresAt: s.attestation.expires_at?.slice(0, 10) ?? null,
            expiry: expiryText(s.attestation.expires_at, asOf),
          }
        : null,
    };
  });
  return [...views.filter((v) => v.required), ...views.filter((v) => !v.required)];
}

export interface ObligationView {
  threshold: string;
  href: string;
  text: string;
  basis: string;
}

export function toObligationViews(obligations: ObligationResult[]): ObligationView[] {
  return obligations.map((o) => ({
    threshold: o.threshold,
    href: `#${thresholdAnchor(o.threshold)}`,
    text: o.text,
    basis: STATUS_LABEL[o.basis],
  }));
}

/** A symbol per gate outcome, beside its text. */
export const GATE_SYMBOL: Record<string, string> = {
  allow: "✓",
  conditional: "◐",
  pause: "‖",
  restrict: "◑",
  block: "✗",
  de_deploy: "✗",
  delete_weights: "✗",
};

export interface GateView {
  action: string;
  outcome: string;
  outcomeLabel: string;
  symbol: string;
  tone: Tone;
  rule: string;
  reasons: string[];
}

export function toGateViews(gates: GateResult[]): GateView[] {
  return gates.map((g) => ({
    action: g.action,
    outcome: g.outcome,
    outcomeLabel: g.outcome.replace(/_/g, " "),
    symbol: GATE_SYMBOL[g.outcome] ?? "?",
    tone: GATE_TONE[g.outcome] ?? "unknown",
    rule: g.rule === null ? "no rule matched (fail closed)" : `rule ${g.rule}`,
    reasons: g.reasons,
  }));
}

export interface CadenceView {
  due: boolean;
  label: string;
  symbol: string;
  tone: Tone;
  nextDue: string;
  basis: string;
  reasons: string[];
}

export function toCadenceView(c: CadenceResult): CadenceView {
  const basis = [
    c.months !== undefined ? `every ${c.months} months` : null,
    c.effective_compute_multiple !== undefined
      ? `at ${c.effective_compute_multiple}× effective compute`
      : null,
  ].filter((x): x is string => x !== null);
  return {
    due: c.due,
    label: c.due ? "reassessment due" : "reassessment current",
    symbol: c.due ? "!" : "✓",
    tone: c.due ? "high" : "baseline",
    nextDue: c.next_due_at?.slice(0, 10) ?? NONE,
    basis: basis.length ? basis.join(" or ") : "no cadence set by the policy",
    reasons: c.reasons,
  };
}
