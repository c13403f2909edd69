export * from "./roles";
export * from "./permissions";
export * from "./tokens";
export * from "./same-origin";
export * from "./accounts";
export * from "./limits";
