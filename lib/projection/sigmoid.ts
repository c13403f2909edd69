import type { SigmoidParams } from "./types";

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Value of the fitted curve at log10 effective compute x. */
export function sigmoidAt(p: SigmoidParams, x: number): number {
  return p.floor + (p.ceiling - p.floor) * logistic(p.k * (x - p.x0));
}
