import { gateExitCode } from "@/lib/api/governance-schemas";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { GATE_OUTCOMES } from "@/lib/policy/schema";

/**
 * What a draft's review says at a glance, before the full comparison: how many models would read
 * differently and, first of all, every gate whose outcome would flip, in words. Pure.
 */

type Outcome = (typeof GATE_OUTCOMES)[number];

export interface GateFlip {
  model: string;
  action: string;
  from: string | null;
  to: string | null;
  /** "would now stop deploy (block)", "would now let deploy proceed" */
  text: string;
  /** the action may go ahead under the draft where it could not before (or the reverse) */
  direction: "opens" | "closes" | "changes";
}

function isOutcome(s: string | null): s is Outcome {
  return s !== null && (GATE_OUTCOMES as readonly string[]).includes(s);
}

/** 0 proceeds, 3 proceeds on conditions, 4 stops: the CLI's exit codes, the one ranking of outcomes. */
function rank(s: string | null): number | null {
  return isOutcome(s) ? gateExitCode(s) : null;
}

function effect(action: string, to: string | null): string {
  if (to === null) return `would no longer have a ${action} gate`;
  const r = rank(to);
  if (r === 0) return `would now let ${action} proceed (${to})`;
  if (r === 3) return `would now let ${action} proceed on conditions (${to})`;
  return `would now stop ${action} (${to.replaceAll("_", " ")})`;
}

export function gateFlips(c: PolicyComparison): GateFlip[] {
  const out: GateFlip[] = [];
  for (const m of c.models.changes) {
    for (const g of m.gates) {
      const a = rank(g.from);
      const b = rank(g.to);
      const direction =
        a !== null && b !== null ? (b < a ? "opens" : b > a ? "closes" : "changes") : "changes";
      out.push({
        model: m.model,
        action: g.action,
        from: g.from,
        to: g.to,
        text: `${g.action}: ${g.from ?? "no gate"} → ${g.to ?? "no gate"}; ${effect(g.action, g.to)}`,
        direction,
      });
    }
  }
  return out.sort((x, y) => x.model.localeCompare(y.model) || x.action.localeCompare(y.action));
}

/** The flips grouped per model, models in the order of `gateFlips`. */
export function flipsByModel(flips: readonly GateFlip[]): { model: string; flips: GateFlip[] }[] {
  const out = new Map<string, GateFlip[]>();
  for (const f of flips) out.set(f.model, [...(out.get(f.model) ?? []), f]);
  return [...out].map(([model, list]) => ({ model, flips: list }));
}

export interface ReviewCounts {
  evaluated: number;
  /** models whose level, required safeguards or gate outcomes differ */
  changed: number;
  /** models with at least one gate flip */
  flipped: number;
  flips: number;
}

export function reviewCounts(c: PolicyComparison): ReviewCounts {
  const flipped = c.models.changes.filter((m) => m.gates.length > 0).length;
  return {
    evaluated: c.models.evaluated,
    changed: c.models.changes.length,
    flipped,
    flips: c.models.changes.reduce((n, m) => n + m.gates.length, 0),
  };
}

/** "3 models would read differently, 1 of them with a different gate outcome". */
export function countsText(k: ReviewCounts): string {
  const models = `${k.changed} of ${k.evaluated} model${k.evaluated === 1 ? "" : "s"} would read differently`;
  if (k.changed === 0) return `${models}.`;
  if (k.flipped === 0) return `${models}; no gate outcome would change.`;
  return `${models}; ${k.flipped} of them with a different gate outcome (${k.flips} gate${k.flips === 1 ? "" : "s"}).`;
}
