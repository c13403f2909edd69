import { z } from "zod";
import { IsoDate } from "@/lib/policy/schema";
import type { Policy } from "@/lib/policy/schema";
import { ModelInput } from "./input";
import { evaluate } from "./evaluate";
import { GATE_OUTCOMES } from "@/lib/policy/schema";
import { SAFEGUARD_STATUSES, THRESHOLD_STATUSES } from "./types";

const LevelPair = z.object({ pre: z.string(), post: z.string() }).partial().strict();

/** A policy fixture: one model input and the parts of the evaluation it must produce. */
export const PolicyFixture = z
  .object({
    description: z.string().min(1),
    as_of: IsoDate,
    input: ModelInput,
    expect: z
      .object({
        level: LevelPair.optional(),
        domains: z.record(z.string(), LevelPair).optional(),
        thresholds: z.record(z.string(), z.enum(THRESHOLD_STATUSES)).optional(),
        post_thresholds: z.record(z.string(), z.enum(THRESHOLD_STATUSES)).optional(),
        safeguards: z.record(z.string(), z.enum(SAFEGUARD_STATUSES)).optional(),
        obligations: z.array(z.string()).optional(),
        gates: z.record(z.string(), z.enum(GATE_OUTCOMES)).optional(),
        reassessment_due: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();
export type PolicyFixture = z.infer<typeof PolicyFixture>;

const PASSING = new Set(["allow", "conditional"]);

/**
 * Compares an evaluation with a fixture's expectations. Returns one line per mismatch; empty means it
 * passed. The file name's prefix is part of the contract: a `pass-` fixture must clear every gate it
 * lists, a `fail-` fixture must be stopped by at least one.
 */
export function checkFixture(policy: Policy, name: string, fixture: PolicyFixture): string[] {
  const out: string[] = [];
  const ev = evaluate(policy, fixture.input, { asOf: fixture.as_of });
  const x = fixture.expect;
  const eq = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) out.push(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  };
  if (x.level?.pre !== undefined) eq("level.pre", ev.level.pre, x.level.pre);
  if (x.level?.post !== undefined) eq("level.post", ev.level.post, x.level.post);
  for (const [id, want] of Object.entries(x.domains ?? {})) {
    const d = ev.domains.find((dd) => dd.id === id);
    if (!d) {
      out.push(`domain ${id}: not in the policy`);
      continue;
    }
    if (want.pre !== undefined) eq(`domain ${id} pre`, d.level.pre, want.pre);
    if (want.post !== undefined) eq(`domain ${id} post`, d.level.post, want.post);
  }
  const thresholds = new Map(ev.domains.flatMap((d) => d.thresholds.map((t) => [t.id, t] as const)));
  for (const [id, want] of Object.entries(x.thresholds ?? {})) {
    const t = thresholds.get(id);
    if (!t) out.push(`threshold ${id}: not in the policy`);
    else eq(`threshold ${id}`, t.status, want);
  }
  for (const [id, want] of Object.entries(x.post_thresholds ?? {})) {
    const t = thresholds.get(id);
    if (!t) out.push(`threshold ${id}: not in the policy`);
    else eq(`threshold ${id} post`, t.post.status, want);
  }
  for (const [id, want] of Object.entries(x.safeguards ?? {})) {
    const s = ev.safeguards.find((ss) => ss.id === id);
    eq(`safeguard ${id}`, s?.status ?? "not required", want);
  }
  if (x.obligations !== undefined) {
    const open = [...new Set(ev.obligations.map((o) => o.threshold))].sort().join(", ");
    eq("open obligations", open, [...x.obligations].sort().join(", "));
  }
  for (const [action, want] of Object.entries(x.gates ?? {})) {
    const g = ev.gates.find((gg) => gg.action === action);
    eq(`gate ${action}`, g?.outcome ?? "not in the policy", want);
  }
  if (x.reassessment_due !== undefined) eq("reassessment due", ev.cadence.due, x.reassessment_due);

  const gates = Object.values(x.gates ?? {});
  if (name.startsWith("pass-") && (gates.length === 0 || !gates.every((g) => PASSING.has(g)))) {
    out.push("a pass- fixture must expect at least one gate, each allow or conditional");
  }
  if (name.startsWith("fail-") && !gates.some((g) => !PASSING.has(g))) {
    out.push(
      "a fail- fixture must expect at least one gate that stops the model (pause, block, restrict, ...)",
    );
  }
  return out;
}
