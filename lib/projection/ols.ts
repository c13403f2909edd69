export interface OlsFit {
  n: number;
  slope: number;
  intercept: number;
  /** standard errors from the residual variance sse / (n − 2); NaN when n ≤ 2 */
  slopeSe: number;
  interceptSe: number;
  /** residual standard deviation */
  sigma: number;
  xMean: number;
  /** Σ (x − x̄)² */
  sxx: number;
  residuals: Float64Array;
}

/** Ordinary least squares y = intercept + slope · x. Needs two distinct x. */
export function ols(xs: ArrayLike<number>, ys: ArrayLike<number>): OlsFit {
  const n = xs.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] as number;
    sy += ys[i] as number;
  }
  const xMean = sx / n;
  const yMean = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - xMean;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - yMean);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  const intercept = yMean - slope * xMean;
  const residuals = new Float64Array(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] as number) - intercept - slope * (xs[i] as number);
    residuals[i] = r;
    sse += r * r;
  }
  const sigma = n > 2 ? Math.sqrt(sse / (n - 2)) : NaN;
  return {
    n,
    slope,
    intercept,
    slopeSe: sigma / Math.sqrt(sxx),
    interceptSe: sigma * Math.sqrt(1 / n + (xMean * xMean) / sxx),
    sigma,
    xMean,
    sxx,
    residuals,
  };
}
