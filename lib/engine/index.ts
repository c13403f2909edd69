export { evaluate } from "./evaluate";
export type { EvaluateOptions } from "./evaluate";
export { compilePolicy } from "./compile";
export * from "./types";
export * from "./input";
