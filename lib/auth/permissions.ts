import type { Role, TokenScope } from "./roles";
import { ROLE_LABELS, ROLES } from "./roles";

/**
 * Everything a caller can be allowed to do. A route handler names exactly one of these; GET routes
 * name `read` unless what they show is restricted (the audit log).
 */
export const ACTIONS = [
  "read",
  "ingest",
  "batch.rollback",
  "determination.create",
  "attestation.create",
  "signoff",
  "gate",
  "policy.draft",
  "policy.publish",
  "policy.retire",
  "audit.read",
  "audit.export",
  "audit.verify",
  "user.manage",
  "token.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The one permission table: which roles may do which action. Admin is not a superuser: drafting and
 * retiring policies stay with policy authors (an admin may publish a reviewed draft), so one account
 * cannot both write and wave through a threshold change. docs/roles.md renders this table.
 */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  read: ROLES,
  ingest: ["admin"],
  "batch.rollback": ["admin"],
  "determination.create": ["reviewer", "admin"],
  "attestation.create": ["reviewer", "admin"],
  signoff: ["reviewer", "admin"],
  gate: ["reviewer", "admin"],
  "policy.draft": ["policy_author"],
  "policy.publish": ["policy_author", "admin"],
  "policy.retire": ["policy_author"],
  "audit.read": ["auditor", "admin", "reviewer"],
  "audit.export": ["auditor", "admin"],
  "audit.verify": ["auditor", "admin"],
  "user.manage": ["admin"],
  "token.manage": ["admin"],
};

/** What a token scope adds to the token's role. Scopes never grant account management. */
export const SCOPE_GRANTS: Record<TokenScope, readonly Action[]> = {
  ingest: ["ingest"],
  gate: ["gate"],
};

export interface Grantee {
  role: Role;
  /** token scopes; users have none */
  scopes?: readonly TokenScope[];
}

export function can(who: Grantee, action: Action): boolean {
  if (PERMISSIONS[action].includes(who.role)) return true;
  return (who.scopes ?? []).some((s) => SCOPE_GRANTS[s].includes(action));
}

/** The roles that may do an action, for "only reviewers and admins can…" explanations. */
export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action];
}

/** The token scopes that grant an action on their own (`ingest` for ingest). */
export function scopesFor(action: Action): TokenScope[] {
  return (Object.keys(SCOPE_GRANTS) as TokenScope[]).filter((s) => SCOPE_GRANTS[s].includes(action));
}

/** "Governance reviewers and administrators": who may do an action, for a disabled control's note. */
export function whoMay(action: Action): string {
  const names = PERMISSIONS[action].map((r) => `${ROLE_LABELS[r].toLowerCase()}s`);
  const list =
    names.length <= 1 ? (names[0] ?? "nobody") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return list.charAt(0).toUpperCase() + list.slice(1);
}

const ACTION_LABELS: Record<Action, string> = {
  read: "read the dashboard and the GET endpoints other than the audit log",
  ingest: "import eval results (`POST /api/v1/ingest`)",
  "batch.rollback": "roll back an import batch",
  "determination.create": "record a determination",
  "attestation.create": "record a safeguard attestation",
  signoff: "sign off a gate (`POST /api/v1/decisions`)",
  gate: "ask the gate and record the decision (`POST /api/v1/gate`)",
  "policy.draft": "draft a policy version",
  "policy.publish": "publish a policy version",
  "policy.retire": "retire a policy version",
  "audit.read": "read the decision log, its head",
  "audit.export": "export the log (JSONL, CSV)",
  "audit.verify": "verify the hash chain on the server",
  "user.manage": "create accounts, change roles",
  "token.manage": "issue and revoke API tokens",
};

/** The permission table as Markdown; docs/roles.md carries exactly this (a test keeps them equal). */
export function renderPermissionTable(): string {
  const head = `| action | what | ${ROLES.join(" | ")} | token scope |`;
  const rule = `|${" --- |".repeat(ROLES.length + 3)}`;
  const rows = ACTIONS.map((a) => {
    const cells = ROLES.map((r) => (PERMISSIONS[a].includes(r) ? "yes" : "—"));
    const scopes = scopesFor(a);
    return `| \`${a}\` | ${ACTION_LABELS[a]} | ${cells.join(" | ")} | ${scopes.map((s) => `\`${s}\``).join(", ") || "—"} |`;
  });
  return [head, rule, ...rows].join("\n");
}
