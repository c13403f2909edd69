import type { ThresholdOp } from "@/lib/projection/types";

/** How projections write numbers: compute as 3.3e27, scores to 3 significant digits, dates as ISO days. */

export const OP_SYMBOL: Record<ThresholdOp, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };

/** 3.29e27 → "3.3e27"; an exact power of ten stays "1e27". Non-finite and non-positive values read "—". */
export function formatFlop(v: number): string {
  if (!Number.isFinite(v) || v <= 0) return "—";
  let e = Math.floor(Math.log10(v));
  let m = Number((v / 10 ** e).toPrecision(2));
  // 9.96e26 rounds its mantissa up to 10: carry it into the exponent.
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  return `${m}e${e}`;
}

/** A tick of a log10-compute axis: the integer 24 reads "1e24". */
export function formatLogTick(x: number): string {
  return Number.isInteger(x) ? `1e${x}` : formatFlop(10 ** x);
}

export function formatScore(v: number): string {
  if (!Number.isFinite(v)) return "—";
  return String(Number(v.toPrecision(3)));
}

/** A probability as a percentage that never rounds a real chance to 0 % or 100 %. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return "—";
  if (p > 0 && p < 0.01) return "<1%";
  if (p < 1 && p > 0.99) return ">99%";
  return `${Math.round(p * 100)}%`;
}

/** METR horizons: minutes below an hour, hours above (120 → "2 h", 2400 → "40 h"). */
export function formatMinutes(min: number): string {
  if (!Number.isFinite(min)) return "—";
  if (min < 1) return `${Number(min.toPrecision(2))} min`;
  if (min < 60) return `${Number(min.toPrecision(min < 10 ? 2 : 3))} min`;
  const h = min / 60;
  return `${Number(h.toPrecision(h < 10 ? 2 : 3))} h`;
}

export function formatDays(d: number): string {
  return Number.isFinite(d) ? String(Math.round(d)) : "—";
}

/** "≥ 0.5" for a score, "≥ 120 min (2 h)" for a horizon in minutes. */
export function formatThreshold(op: ThresholdOp, value: number, unit: "minutes" | "score"): string {
  if (unit === "minutes") {
    const pretty = formatMinutes(value);
    return value >= 60 ? `${OP_SYMBOL[op]} ${value} min (${pretty})` : `${OP_SYMBOL[op]} ${pretty}`;
  }
  return `${OP_SYMBOL[op]} ${formatScore(value)}`;
}
