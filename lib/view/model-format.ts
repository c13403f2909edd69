import type { Comparator } from "@/lib/policy/schema";

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };
export const COMPARATOR_WORDS: Record<Comparator, string> = {
  gte: "at least",
  gt: "more than",
  lte: "at most",
  lt: "less than",
};

/** What a blank cell says: an em dash reads as "none" without looking like a zero. */
export const NONE = "—";

/**
 * A score as people read it: two decimals from 1 up, three significant digits below, plain
 * exponent for the very large or small. Null, undefined and non-finite values are "—".
 */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NONE;
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(2).replace("e+", "e");
  if (a >= 1) return trimZeros(v.toFixed(2));
  return trimZeros(v.toPrecision(3));
}

/** A signed difference, so a margin's side is visible in text, not only in colour. */
export function formatSigned(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return NONE;
  const s = formatNumber(Math.abs(v));
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : "0";
}

function trimZeros(s: string): string {
  return s.includes(".") && !s.includes("e") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Training compute in FLOP: "3.35 × 10²⁵ FLOP". */
export function formatFlop(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v) || v <= 0) return NONE;
  let exp = Math.floor(Math.log10(v));
  let mant = Number((v / 10 ** exp).toFixed(2));
  // 9.999e24 rounds to a mantissa of 10: carry it into the exponent.
  if (mant >= 10) {
    mant /= 10;
    exp += 1;
  }
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const e = String(Math.abs(exp))
    .split("")
    .map((d) => sup[Number(d)])
    .join("");
  return `${trimZeros(mant.toFixed(2))} × 10${exp < 0 ? "⁻" : ""}${e} FLOP`;
}

/** "file:row" for a score's source, or the file alone when the row is unknown. */
export function fileRow(file: string, row: number | null | undefined): string {
  return row === null || row === undefined ? file : `${file}:${row}`;
}

/** "v2.2" for a numbered version, the word itself for a named one ("Beta"). */
export function versionLabel(version: string): string {
  return /^\d/.test(version) ? `v${version}` : version;
}

/** A policy's name with its version, unless the title already names it ("… (Beta)"). */
export function policyLabel(title: string, version: string): string {
  return title.toLowerCase().includes(version.toLowerCase()) ? title : `${title} ${versionLabel(version)}`;
}
