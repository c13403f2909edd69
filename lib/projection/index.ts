export type { Interval, SigmoidFit, SigmoidParams, ThresholdOp } from "./types";
export { ProjectionPoint, SigmoidBounds, Threshold, THRESHOLD_OPS } from "./types";
export { mulberry32, seedFrom } from "./random";
export { centralInterval, quantileSorted } from "./quantile";
export { logistic, sigmoidAt } from "./sigmoid";
export { fitSigmoid } from "./fit-sigmoid";
export type { FitSigmoidOptions, LmOptions } from "./fit-sigmoid";
export { bootstrapSigmoid, DEFAULT_RESAMPLES, DEFAULT_SEED } from "./bootstrap";
export type { BootstrapOptions, SigmoidBootstrap } from "./bootstrap";
export { DEFAULT_LEVEL, predictAt, predictBand } from "./predict";
export type { PredictOptions, Prediction } from "./predict";
export { crossingSamples, crossingX, invertThreshold, isPast, probabilityPast } from "./invert";
export type { Crossing, CrossingStatus } from "./invert";
export { ols } from "./ols";
export type { OlsFit } from "./ols";
export { studentTCdf, studentTQuantile } from "./student-t";
export { dayNumber, decimalYear, isoDate } from "./dates";
export { crossingDate, fitDoublingTime, fitFrontierTrend, frontierComputeAt, sotaOnly } from "./trend";
export type {
  ComputePoint,
  CrossingDate,
  DatedValue,
  DoublingFit,
  DoublingOptions,
  FrontierTrend,
  FrontierTrendOptions,
} from "./trend";
export { EfficiencyConfig, effectiveCompute } from "./effective-compute";
export type { ComputeInput, EffectiveCompute } from "./effective-compute";
export { DEFAULT_WARNING_THRESHOLDS, projectionWarnings, WARNING_CODES } from "./warnings";
export type { ProjectionWarning, WarningCode, WarningInput, WarningThresholds } from "./warnings";
export { ANOMALY_NOTES, findAnomalies } from "./anomalies";
export type { Anomaly } from "./anomalies";
export { backtest } from "./backtest";
export type { BacktestCutoff, BacktestOptions, BacktestPrediction, BacktestResult } from "./backtest";
export { memoize, stableHash } from "./memo";
export type { Memoized } from "./memo";
export { project, projectCached } from "./project";
export type { Projection, ProjectInput } from "./project";
