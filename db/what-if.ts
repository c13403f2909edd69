import { evaluate } from "@/lib/engine";
import { compareEvaluations } from "@/lib/engine/what-if";
import type { ModelChange } from "@/lib/engine/what-if";
import type { Policy } from "@/lib/policy";
import type { Db } from "./index";
import { allModelInputs } from "./snapshot";

/**
 * Every model in the database evaluated under two policies (a published version and a draft, or two
 * versions of a framework), and the models whose level, required safeguards or gate outcome differ.
 * Each side reads the determinations and attestations recorded for its own policy id.
 */
export function modelsThatChange(
  db: Db,
  from: Policy,
  to: Policy,
  asOf = new Date().toISOString().slice(0, 10),
): { evaluated: number; changes: ModelChange[] } {
  const a = allModelInputs(db, from.id).map((i) => evaluate(from, i, { asOf }));
  const b = allModelInputs(db, to.id).map((i) => evaluate(to, i, { asOf }));
  return { evaluated: b.length, changes: compareEvaluations(a, b) };
}
