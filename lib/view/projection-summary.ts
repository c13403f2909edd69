import { dayNumber } from "@/lib/projection/dates";
import type { WarningCode } from "@/lib/projection/warnings";
import { formatDays, formatFlop, formatPercent, formatScore, formatThreshold } from "./projection-format";
import type { BacktestView, LeafView, ProjectionsResponse, ProjectionWarningView } from "./projection-schema";

/** Every sentence the projections page says about a leaf: the figcaption, the forecast, warnings, backtest. */

export interface LeafLabels {
  threshold: string;
  metric: string;
  unit: string;
}

export function leafLabels(
  leaf: LeafView,
  data: Pick<ProjectionsResponse, "thresholds" | "metrics">,
): LeafLabels {
  const t = data.thresholds.find((x) => x.id === leaf.threshold);
  const m = data.metrics.find((x) => x.id === leaf.metric);
  return { threshold: t?.title ?? leaf.threshold, metric: m?.title ?? leaf.metric, unit: m?.unit ?? "score" };
}

/** A stable, URL-safe id for a leaf: a threshold can test several metrics. */
export function leafId(leaf: Pick<LeafView, "threshold" | "metric">): string {
  return `leaf-${leaf.threshold}-${leaf.metric}`.replace(/[^A-Za-z0-9_-]+/g, "-");
}

const thresholdText = (leaf: LeafView) =>
  formatThreshold(leaf.op, leaf.value, leaf.method === "time-trend" ? "minutes" : "score");

const pct = (level: number) => `${Math.round(level * 100)}%`;

/** "3.3e27 FLOP (80% interval 7.9e26 – 1.6e30 FLOP)"; an open end is said in words. */
export function crossingText(leaf: LeafView): string {
  const c = leaf.crossing;
  if (!c) return "no crossing computed";
  if (c.status === "never")
    return `the fitted curve never reaches the threshold at any compute (${formatPercent(c.never_fraction ?? 1)} of bootstrap curves never do)`;
  if (c.status === "already") return "the fitted curve is past the threshold at every compute";
  const low = c.low !== null ? `${formatFlop(c.low)}` : "any compute";
  const high =
    c.high !== null
      ? `${formatFlop(c.high)} FLOP`
      : `never (${formatPercent(c.never_fraction ?? 0)} of bootstrap curves never cross)`;
  return `${formatFlop(c.flop ?? NaN)} FLOP (${pct(c.level)} interval ${low} – ${high})`;
}

/** The calendar reading of a crossing: the compute mapped through the frontier trend, or the date trend. */
export function crossingDateText(leaf: LeafView): string {
  const cd = leaf.crossing_date;
  const level =
    leaf.method === "time-trend" ? (leaf.trend?.interval.level ?? 0.95) : (leaf.crossing?.level ?? 0.8);
  if (!cd) return "no date: the frontier compute trend could not be fitted";
  if (!cd.date) return "no date: the frontier compute trend never reaches the crossing";
  const low = cd.low ?? "the earliest";
  const high = cd.high ?? "never";
  return `around ${cd.date} (${pct(level)} interval ${low} – ${high})`;
}

export function doublingText(leaf: LeafView): string | null {
  const t = leaf.trend;
  if (!t) return null;
  const hi = t.interval.high !== null ? formatDays(t.interval.high) : "no doubling at all";
  return `Doubling time: ${formatDays(t.doublingDays)} days (${pct(t.interval.level)} interval ${formatDays(t.interval.low)} – ${hi} days), from ${t.n} state-of-the-art models`;
}

/** The figcaption: n, what is plotted, the crossing and its interval, in one paragraph. */
export function leafCaption(leaf: LeafView, labels: LeafLabels): string {
  const ill = leaf.calibration === "illustrative" ? " (illustrative)" : "";
  const th = `Threshold ${thresholdText(leaf)}${ill}`;
  if (leaf.method === "none")
    return `${labels.metric}: no projection (${leaf.skipped ?? "not enough data"}). ${th}.`;
  if (leaf.method === "time-trend") {
    return [
      `${labels.metric} against release date on a log2 scale, n = ${leaf.n} state-of-the-art models of ${leaf.points.length} with a score.`,
      `${doublingText(leaf)}.`,
      `${th}: the trend reaches it ${crossingDateText(leaf)}.`,
    ].join(" ");
  }
  const date =
    leaf.crossing?.status === "crosses"
      ? ` On the frontier compute trend that is ${crossingDateText(leaf)}.`
      : "";
  return [
    `${labels.metric} against effective training compute (log scale), n = ${leaf.n} models, with the fitted sigmoid and its 80% band.`,
    leaf.crossing?.status === "crosses"
      ? `${th}: crossing at ${crossingText(leaf)}.${date}`
      : `${th}: ${crossingText(leaf)}.`,
  ].join(" ");
}

export function plannedText(leaf: LeafView, planned: number | null): string | null {
  if (planned === null) return null;
  if (leaf.method === "time-trend")
    return `P(crossing) at ${formatFlop(planned)} FLOP: not defined for a release-date trend`;
  if (leaf.method === "none") return null;
  if (leaf.p_planned == null) return `P(crossing) at ${formatFlop(planned)} FLOP: not computed`;
  return `P(crossing) for a planned run of ${formatFlop(planned)} FLOP: ${formatPercent(leaf.p_planned)}`;
}

export const WARNING_VIEW: Record<WarningCode, { symbol: string; label: string }> = {
  TOO_FEW_POINTS: { symbol: "#", label: "Too few points" },
  STUCK_AT_FLOOR: { symbol: "⊥", label: "Stuck at the floor" },
  DISCONTINUOUS_METRIC: { symbol: "⌇", label: "Discontinuous metric (possible mirage)" },
  EXTRAPOLATION: { symbol: "↦", label: "Extrapolation" },
  NON_MONOTONE: { symbol: "∿", label: "Non-monotone scaling" },
};

export interface WarningLine {
  code: WarningCode;
  symbol: string;
  label: string;
  message: string;
  suggestion: string | null;
}

export function warningLines(warnings: readonly ProjectionWarningView[]): WarningLine[] {
  return warnings.map((w) => {
    const v = WARNING_VIEW[w.code];
    let label = v.label;
    if (w.code === "EXTRAPOLATION" && w.oom != null)
      label = `${label}: ${w.oom.toFixed(1)} orders of magnitude`;
    if (w.code === "NON_MONOTONE" && w.shape) label = `${label} (${w.shape})`;
    return {
      code: w.code,
      symbol: v.symbol,
      label,
      message: w.message,
      suggestion:
        w.code === "DISCONTINUOUS_METRIC"
          ? w.suggestion
            ? `Use the continuous variant instead: ${w.suggestion}`
            : "No continuous variant of this metric is in the data; a per-token or partial-credit score would show whether the jump is real."
          : null,
    };
  });
}

export type BacktestLines =
  { kind: "done"; rows: { label: string; value: string }[] } | { kind: "skipped"; reason: string };

/** The backtest beside every forecast; the reference is Owen (2024): MAE ≈ 6 points one decade ahead on BBH. */
export function backtestLines(leaf: LeafView): BacktestLines {
  const bt: BacktestView | undefined = leaf.backtest;
  if (leaf.method === "time-trend")
    return {
      kind: "skipped",
      reason: "no backtest for a release-date trend: its interval is the slope's t-interval",
    };
  if (leaf.method === "none") return { kind: "skipped", reason: "no projection to backtest" };
  if (!bt) return { kind: "skipped", reason: "no backtest was run" };
  if ("skipped" in bt) return { kind: "skipped", reason: bt.skipped };
  return {
    kind: "done",
    rows: [
      { label: "Cutoff", value: `fit on models ${bt.cutoff}` },
      { label: "Models fitted / tested", value: `${bt.n_fit} / ${bt.n_test}` },
      { label: "MAE", value: bt.mae === null ? "—" : formatScore(bt.mae) },
      {
        label: "80% interval coverage",
        value: bt.coverage80 === null ? "—" : `${formatPercent(bt.coverage80)} (target 80%)`,
      },
    ],
  };
}

export interface Timeline {
  from: string;
  to: string;
  /** positions in percent of the bar */
  range: { left: number; width: number; openHigh: boolean } | null;
  point: { left: number; label: string } | null;
  today: { left: number; label: string } | null;
}

/**
 * A small bar for a crossing date: the interval as a span, the point as a mark, today for orientation.
 * Runs from a little before the earliest of them to a little after the latest (or 2 years past the
 * point when the interval is open-ended).
 */
export function toTimeline(
  cd: { date: string | null; low: string | null; high: string | null } | undefined,
  asOf: string,
): Timeline | null {
  if (!cd?.date) return null;
  const point = dayNumber(cd.date);
  const low = cd.low ? dayNumber(cd.low) : point;
  const today = dayNumber(asOf);
  const high = cd.high ? dayNumber(cd.high) : point + 730;
  const lo = Math.min(low, point, today);
  const hi = Math.max(high, point, today);
  const pad = Math.max(30, (hi - lo) * 0.05);
  const a = lo - pad;
  const b = hi + pad;
  const at = (d: number) => Number((((d - a) / (b - a)) * 100).toFixed(2));
  return {
    from: new Date(a * 86_400_000).toISOString().slice(0, 7),
    to: new Date(b * 86_400_000).toISOString().slice(0, 7),
    range: { left: at(low), width: Number((at(high) - at(low)).toFixed(2)), openHigh: !cd.high },
    point: { left: at(point), label: cd.date },
    today: { left: at(today), label: `today ${asOf}` },
  };
}

export function frontierText(f: ProjectionsResponse["frontier"]): string {
  if (!f)
    return "The frontier compute trend could not be fitted (fewer than 3 dated frontier models): compute crossings have no date.";
  const i = f.slopeInterval;
  return `Frontier training compute grows ${f.slopePerYear.toFixed(2)} orders of magnitude a year (${pct(i.level)} interval ${i.low.toFixed(2)} – ${i.high.toFixed(2)}), fitted on ${f.n} frontier models; compute crossings are dated with it.`;
}

export interface PointTable {
  columns: string[];
  rows: { id: string; href: string; cells: string[] }[];
}

/**
 * The table alternative of a chart: every model with its numbers. Minutes-valued metrics are dated
 * trends (x is a day number); every other leaf is plotted against log10 compute.
 */
export function pointTable(
  leaf: LeafView,
  opts: { policyId: string; unit: string; sotaIds?: ReadonlySet<string> },
): PointTable {
  const href = (id: string) =>
    `/models/${encodeURIComponent(id)}?policy=${encodeURIComponent(opts.policyId)}`;
  if (opts.unit === "minutes") {
    const rows = [...leaf.points]
      .sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1))
      .map((p) => ({
        id: p.id,
        href: href(p.id),
        cells: [
          p.date ?? "—",
          String(Number(p.y.toPrecision(4))),
          opts.sotaIds ? (opts.sotaIds.has(p.id) ? "yes" : "no") : "—",
        ],
      }));
    return { columns: ["Model", "Released", "Horizon (minutes)", "State of the art when released"], rows };
  }
  const rows = [...leaf.points]
    .sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1))
    .map((p) => ({
      id: p.id,
      href: href(p.id),
      cells: [formatFlop(10 ** p.x), formatScore(p.y), p.date ?? "—"],
    }));
  return { columns: ["Model", "Effective compute (FLOP)", "Score", "Released"], rows };
}
