import path from "node:path";
import type { Role } from "@/lib/auth/roles";

/**
 * The accounts the e2e server starts with (playwright.config.ts creates them with the CLI before
 * `next start`) and where auth.setup.ts keeps each one's signed-in browser state.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The second server: an empty database, for the first-start /setup tests. */
export const SETUP_PORT = E2E_PORT + 1;
export const SETUP_BASE_URL = `http://127.0.0.1:${SETUP_PORT}`;

export interface E2eAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
  state: string;
}

const STATE_DIR = path.join(import.meta.dirname, "..", "test-results", "e2e-auth");

function account(role: Role, name: string): E2eAccount {
  return {
    email: `${role.replace("_", "-")}@e2e.scalegate.test`,
    name,
    role,
    password: `e2e-${role}-password`,
    state: path.join(STATE_DIR, `${role}.json`),
  };
}

export const ACCOUNTS = {
  admin: account("admin", "Ada Admin"),
  reviewer: account("reviewer", "Rey Reviewer"),
  viewer: account("viewer", "Vic Viewer"),
  policy_author: account("policy_author", "Paula Author"),
  auditor: account("auditor", "Audrey Auditor"),
} as const;
