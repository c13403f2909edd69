import { dayNumber, isoDate } from "@/lib/projection/dates";
import { fitDoublingTime } from "@/lib/projection/trend";
import { formatMinutes, formatThreshold } from "./projection-format";
import { modelHref } from "./projection-series";
import type { LeafView } from "./projection-schema";

/**
 * The chart of a time-trend leaf (METR horizons): log2 minutes against release date with the
 * state-of-the-art trend line. x is the day number (days since 1970-01-01).
 */
export interface TrendSeries {
  xDomain: [number, number];
  xTicks: { value: number; label: string }[];
  yDomain: [number, number];
  yTicks: { value: number; label: string }[];
  points: {
    x: number;
    y: number;
    id: string;
    date: string;
    minutes: number;
    sota: boolean;
    href: string;
    label: string;
  }[];
  /** the SOTA trend from the first SOTA model to the end of the chart: two points of a straight line */
  trend: { x: number; y: number }[];
  doublingDays: number;
  interval: { low: number; high: number | null; level: number };
  threshold: { y: number; label: string };
  crossing: {
    x: number | null;
    area: { x1: number; x2: number; openHigh: boolean } | null;
    label: string;
  } | null;
}

const DAYS_PER_YEAR = 365.2425;

/** 1 January of each year in range; 1 July too when the range spans two years or less. */
export function dateTicks(lo: number, hi: number): { value: number; label: string }[] {
  const y0 = Number(isoDate(lo).slice(0, 4));
  const y1 = Number(isoDate(hi).slice(0, 4));
  const half = hi - lo <= 2 * DAYS_PER_YEAR;
  const out: { value: number; label: string }[] = [];
  for (let y = y0; y <= y1; y++) {
    for (const [md, label] of half
      ? [
          ["01-01", String(y)],
          ["07-01", `${y}-07`],
        ]
      : [["01-01", String(y)]]) {
      const d = dayNumber(`${y}-${md}`);
      if (d >= lo && d <= hi) out.push({ value: d, label: label! });
    }
  }
  return out;
}

/** Whole powers of two of minutes, thinned to at most 8 ticks. */
export function log2Ticks(lo: number, hi: number): { value: number; label: string }[] {
  const a = Math.ceil(lo);
  const b = Math.floor(hi);
  if (!(b >= a)) return [];
  const step = Math.max(1, Math.ceil((b - a + 1) / 8));
  const out: { value: number; label: string }[] = [];
  for (let v = a; v <= b; v += step) out.push({ value: v, label: formatMinutes(2 ** v) });
  return out;
}

export function toTrendSeries(
  leaf: LeafView,
  opts: { policyId: string; maxAheadYears?: number },
): TrendSeries | null {
  if (leaf.method !== "time-trend" || !leaf.trend) return null;
  const dated = leaf.points.filter((p) => p.date && p.y > 0);
  if (dated.length < 3) return null;
  // The leaf carries the doubling time but not the line itself: refit it (the same OLS on the same
  // SOTA models, so the slope is the leaf's to the last digit).
  const fit = fitDoublingTime(
    dated.map((p) => ({ id: p.id, date: p.date!, value: p.y })),
    { sotaOnly: true },
  );
  const sota = new Set(fit.ids);
  const ref = dayNumber(fit.refDate);
  const lineAt = (day: number) => fit.interceptAtRef + fit.slopePerDay * (day - ref);

  const days = dated.map((p) => dayNumber(p.date!));
  const latest = Math.max(...days);
  const earliest = Math.min(...days);
  const cap = latest + (opts.maxAheadYears ?? 3) * DAYS_PER_YEAR;
  const cd = leaf.crossing_date;
  const crossDay = cd?.date ? dayNumber(cd.date) : null;
  const lowDay = cd?.low ? dayNumber(cd.low) : null;
  const highDay = cd?.high ? dayNumber(cd.high) : null;
  const wanted = [latest, crossDay, lowDay, highDay].filter((v): v is number => v !== null);
  const xLo = Math.floor(earliest - 30);
  const xHi = Math.ceil(Math.min(Math.max(...wanted), cap) + 30);

  const firstSota = Math.min(...dated.filter((p) => sota.has(p.id)).map((p) => dayNumber(p.date!)));
  const trend = [
    { x: firstSota, y: lineAt(firstSota) },
    { x: xHi, y: lineAt(xHi) },
  ];
  const thresholdY = Math.log2(leaf.value);
  const ys = [...dated.map((p) => Math.log2(p.y)), thresholdY, ...trend.map((t) => t.y)];
  const yLo = Math.floor(Math.min(...ys));
  const yHi = Math.ceil(Math.max(...ys));

  let crossing: TrendSeries["crossing"] = null;
  if (crossDay !== null) {
    const inside = (v: number) => Math.min(xHi, Math.max(xLo, v));
    const x1 = lowDay === null ? xLo : inside(lowDay);
    const x2 = highDay === null ? xHi : inside(highDay);
    crossing = {
      x: crossDay >= xLo && crossDay <= xHi ? crossDay : null,
      area: x2 > x1 ? { x1, x2, openHigh: highDay === null || highDay > xHi } : null,
      label: `trend reaches it ${cd!.date}`,
    };
  }

  return {
    xDomain: [xLo, xHi],
    xTicks: dateTicks(xLo, xHi),
    yDomain: [yLo, yHi],
    yTicks: log2Ticks(yLo, yHi),
    points: dated.map((p) => ({
      x: dayNumber(p.date!),
      y: Math.log2(p.y),
      id: p.id,
      date: p.date!,
      minutes: p.y,
      sota: sota.has(p.id),
      href: modelHref(p.id, opts.policyId),
      label: `${p.id}: ${formatMinutes(p.y)} on ${p.date}${sota.has(p.id) ? " (state of the art)" : ""}`,
    })),
    trend,
    doublingDays: fit.doublingDays,
    interval: leaf.trend.interval,
    threshold: { y: thresholdY, label: `threshold ${formatThreshold(leaf.op, leaf.value, "minutes")}` },
    crossing,
  };
}
