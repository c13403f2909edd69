/**
 * Linear-interpolation quantile (R type 7) of values that are already sorted ascending.
 * ±Infinity is allowed (a resample that never crosses a threshold is +Infinity), and an
 * interpolation that touches an infinite neighbour returns that infinity instead of NaN.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  const frac = h - lo;
  if (frac === 0 || a === b) return a;
  // −∞ below or +∞ above swallows the interpolation; NaN would poison the interval.
  if (!Number.isFinite(a)) return a;
  if (!Number.isFinite(b)) return b;
  return a + (b - a) * frac;
}

/** [low, high] of a central interval at `level` over unsorted values (NaN entries dropped). */
export function centralInterval(values: ArrayLike<number>, level: number): [number, number] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) kept.push(v);
  }
  const sorted = Float64Array.from(kept).sort();
  // (1 − 0.8) / 2 is 0.0999…98 in binary; rounding keeps the 10th percentile on its order statistic.
  const tail = Math.round(((1 - level) / 2) * 1e12) / 1e12;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
