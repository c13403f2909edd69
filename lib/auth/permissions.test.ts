import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, can, PERMISSIONS, renderPermissionTable, whoMay } from "./permissions";
import type { Action } from "./permissions";
import { ROLES } from "./roles";
import type { Role, TokenScope } from "./roles";

// The matrix as the issue states it, written out independently of PERMISSIONS.
const EXPECTED: Record<Role, Action[]> = {
  admin: [
    "read",
    "ingest",
    "batch.rollback",
    "determination.create",
    "attestation.create",
    "signoff",
    "gate",
    "policy.publish",
    "audit.read",
    "audit.export",
    "audit.verify",
    "user.manage",
    "token.manage",
  ],
  policy_author: ["read", "policy.draft", "policy.publish", "policy.retire"],
  reviewer: ["read", "determination.create", "attestation.create", "signoff", "gate", "audit.read"],
  auditor: ["read", "audit.read", "audit.export", "audit.verify"],
  viewer: ["read"],
};

describe("can(role, action)", () => {
  const rows = ROLES.flatMap((role) =>
    ACTIONS.map((action) => ({ role, action, allowed: EXPECTED[role].includes(action) })),
  );
  it.each(rows)("$role $action → $allowed", ({ role, action, allowed }) => {
    expect(can({ role }, action)).toBe(allowed);
  });

  it("every action names at least one role (nothing is unreachable)", () => {
    for (const a of ACTIONS) expect(PERMISSIONS[a].length, a).toBeGreaterThan(0);
  });

  it.each<[string, Role, TokenScope[], Action, boolean]>([
    ["a viewer token with ingest may ingest", "viewer", ["ingest"], "ingest", true],
    ["…but not roll back", "viewer", ["ingest"], "batch.rollback", false],
    ["…nor ask the gate", "viewer", ["ingest"], "gate", false],
    ["a viewer token with gate may ask the gate", "viewer", ["gate"], "gate", true],
    ["…but not sign off", "viewer", ["gate"], "signoff", false],
    ["scopes add to the role", "auditor", ["ingest"], "audit.export", true],
    ["no scope grants account management", "viewer", ["ingest", "gate"], "token.manage", false],
    ["empty scopes are the role alone", "viewer", [], "ingest", false],
  ])("scopes: %s", (_label, role, scopes, action, allowed) => {
    expect(can({ role, scopes }, action)).toBe(allowed);
  });
});

describe("whoMay", () => {
  it.each<[Action, string]>([
    ["signoff", "Governance reviewers and administrators"],
    ["policy.publish", "Policy authors and administrators"],
    ["audit.read", "Auditors, administrators and governance reviewers"],
    ["user.manage", "Administrators"],
  ])("%s → %s", (action, text) => {
    expect(whoMay(action)).toBe(text);
  });
});

describe("docs/roles.md", () => {
  it("carries the permission table exactly as the code enforces it", () => {
    const doc = readFileSync(path.join(import.meta.dirname, "..", "..", "docs", "roles.md"), "utf8");
    expect(doc).toContain(renderPermissionTable());
  });
});
