import type { Cadence } from "@/lib/policy/schema";
import type { ModelInput, ScoreInput } from "./input";
import type { CadenceResult } from "./types";

/** Adds whole calendar months to a YYYY-MM-DD date (clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const whole = Math.floor(months);
  const target = new Date(Date.UTC(y, m - 1 + whole, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  // Fractional months count as 30.44 days each.
  const extraDays = Math.round((months - whole) * 30.44);
  target.setUTCDate(target.getUTCDate() + extraDays);
  return target.toISOString().slice(0, 10);
}

/**
 * Reassessment is due when the family has grown by the policy's effective-compute multiple since the
 * last full assessment, or when the months have passed (DESIGN step 6). Without a recorded full
 * assessment, the newest dated score stands in for it, and without any dated evidence it is due.
 */
export function evaluateCadence(
  cadence: Cadence | undefined,
  input: ModelInput,
  byMetric: Map<string, { pre: ScoreInput[]; post: ScoreInput[] }>,
  asOf: string,
): CadenceResult {
  if (!cadence || (cadence.months === undefined && cadence.effective_compute_multiple === undefined)) {
    return { due: false, reasons: ["the policy sets no reassessment cadence"], next_due_at: null };
  }
  const reasons: string[] = [];
  let due = false;
  const a = input.assessment ?? {};
  let last = a.last_full_at?.slice(0, 10) ?? null;
  if (!last) {
    let newest = "";
    for (const slot of byMetric.values())
      for (const list of [slot.pre, slot.post])
        for (const s of list) if ((s.evaluated_at ?? "") > newest) newest = s.evaluated_at!;
    if (newest) {
      last = newest.slice(0, 10);
      reasons.push(`no full assessment on record; newest evaluation ${last} used as its date`);
    }
  }
  let nextDue: string | null = null;
  if (cadence.months !== undefined) {
    if (!last) {
      due = true;
      reasons.push("no dated assessment or evaluation on record");
    } else {
      nextDue = addMonths(last, cadence.months);
      if (nextDue <= asOf) {
        due = true;
        reasons.push(`${cadence.months} months since ${last} passed on ${nextDue}`);
      } else {
        reasons.push(`next periodic reassessment by ${nextDue}`);
      }
    }
  }
  const multiple = cadence.effective_compute_multiple;
  if (multiple !== undefined) {
    const base = a.last_full_effective_compute ?? null;
    const own = input.model.effective_compute ?? input.model.training_flop ?? null;
    const newest = Math.max(a.family_max_effective_compute ?? 0, own ?? 0);
    if (base === null || base <= 0) {
      reasons.push("effective compute of the last full assessment unknown; compute trigger not checked");
    } else if (newest >= base * multiple) {
      due = true;
      reasons.push(
        `effective compute grew ${(newest / base).toFixed(1)}x since the last full assessment (trigger ${multiple}x)`,
      );
    } else {
      reasons.push(
        `effective compute ${(newest / base).toFixed(2)}x of the last full assessment (trigger ${multiple}x)`,
      );
    }
  }
  return {
    due,
    reasons,
    next_due_at: nextDue,
    ...(cadence.months !== undefined ? { months: cadence.months } : {}),
    ...(multiple !== undefined ? { effective_compute_multiple: multiple } : {}),
  };
}
