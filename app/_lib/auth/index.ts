export { createAuth, getAuth } from "./instance";
export type { Auth } from "./instance";
export { resolveCredentials } from "./principal";
export type { Credentials, Principal } from "./principal";
