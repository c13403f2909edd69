import type { IndicatedStatus, ThresholdStatus } from "@/lib/engine/types";

/**
 * How the dashboard speaks about levels and statuses. Colour is never the only signal: every tone
 * comes with a text label and a symbol, and the overview prints a legend.
 */
export type Tone = "baseline" | "elevated" | "high" | "top" | "unknown";

/** A level's tone by its place on the policy's ladder (the first level is the baseline). */
export function levelTone(levels: string[], level: string | null): Tone {
  if (level === null) return "unknown";
  const i = levels.indexOf(level);
  if (i <= 0) return i === 0 ? "baseline" : "unknown";
  if (i === levels.length - 1) return "top";
  return i === 1 && levels.length > 3 ? "elevated" : "high";
}

export const STATUS_LABEL: Record<ThresholdStatus | IndicatedStatus, string> = {
  determined_reached: "reached (determined)",
  determined_cannot_rule_out: "cannot rule out (determined)",
  determined_not_reached: "not reached (determined)",
  reached: "reached",
  cannot_rule_out: "cannot rule out",
  early_warning: "early warning",
  below: "below",
  missing: "missing evidence",
};

/** A symbol for each marker, so a cell reads the same in greyscale and to a screen reader (with its label). */
export const MARKERS = {
  missing: { symbol: "∅", label: "missing evidence" },
  cannot_rule_out: { symbol: "?", label: "cannot be ruled out" },
  early_warning: { symbol: "△", label: "early warning" },
  determined: { symbol: "✎", label: "human determination" },
  disagreement: { symbol: "≠", label: "determination disagrees with the indicators" },
} as const;
export type Marker = keyof typeof MARKERS;

export function statusTone(status: ThresholdStatus | IndicatedStatus): Tone {
  switch (status) {
    case "reached":
    case "determined_reached":
      return "top";
    case "cannot_rule_out":
    case "determined_cannot_rule_out":
    case "missing":
      return "unknown";
    case "early_warning":
      return "elevated";
    default:
      return "baseline";
  }
}

export const GATE_TONE: Record<string, Tone> = {
  allow: "baseline",
  conditional: "elevated",
  pause: "high",
  restrict: "high",
  block: "top",
  de_deploy: "top",
  delete_weights: "top",
};
