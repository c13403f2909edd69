import { z } from "zod";
import { decimalYear } from "./dates";

/**
 * Algorithmic progress as a compute multiplier: a model released in `baseYear + t` counts as
 * `factorPerYear^t` times its physical FLOP (the "elastic threshold": the same capability gets
 * cheaper every year). E.g. { factorPerYear: 3, baseYear: 2020 }.
 */
export const EfficiencyConfig = z
  .object({ factorPerYear: z.number().positive().finite(), baseYear: z.number().finite() })
  .strict();
export type EfficiencyConfig = z.infer<typeof EfficiencyConfig>;

export interface ComputeInput {
  /** training FLOP, when reported */
  trainingFlop?: number | null;
  /** parameter count (not billions) */
  params?: number | null;
  /** active parameters per token for a mixture-of-experts; preferred over params for 6·N·D */
  activeParams?: number | null;
  /** training tokens (not trillions) */
  tokens?: number | null;
  /** YYYY-MM-DD, needed only with an efficiency factor */
  releaseDate?: string | null;
}

export interface EffectiveCompute {
  /** log10 effective compute: the x of every projection */
  log10: number;
  /** log10 physical training FLOP */
  log10Flop: number;
  source: "flop" | "6ND";
  /** log10 of the efficiency multiplier applied (0 without one) */
  log10Efficiency: number;
}

const positive = (v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v) && v > 0;

/**
 * log10 effective compute of one model. Reported FLOP wins; otherwise 6·N·D with N the active
 * parameters of a mixture-of-experts. Null when compute is unknown, or when an efficiency factor is
 * configured but the release date is missing: mixing adjusted and unadjusted compute on one axis
 * would silently misplace the model.
 */
export function effectiveCompute(
  input: ComputeInput,
  efficiency?: EfficiencyConfig,
): EffectiveCompute | null {
  let log10Flop: number;
  let source: EffectiveCompute["source"];
  if (positive(input.trainingFlop)) {
    log10Flop = Math.log10(input.trainingFlop);
    source = "flop";
  } else {
    const n = positive(input.activeParams) ? input.activeParams : input.params;
    if (!positive(n) || !positive(input.tokens)) return null;
    log10Flop = Math.log10(6) + Math.log10(n) + Math.log10(input.tokens);
    source = "6ND";
  }
  let log10Efficiency = 0;
  if (efficiency) {
    if (!input.releaseDate) return null;
    log10Efficiency =
      (decimalYear(input.releaseDate) - efficiency.baseYear) * Math.log10(efficiency.factorPerYear);
  }
  return { log10: log10Flop + log10Efficiency, log10Flop, source, log10Efficiency };
}
