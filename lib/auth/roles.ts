import { z } from "zod";

/**
 * Who a person is to Scalegate. A user holds exactly one role; an API token carries one too, plus
 * optional scopes (see permissions.ts). Ordered from most to least powerful for display only:
 * permissions are a table, not a hierarchy.
 */
export const ROLES = ["admin", "policy_author", "reviewer", "auditor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const Role = z.enum(ROLES);

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  policy_author: "Policy author",
  reviewer: "Governance reviewer",
  auditor: "Auditor",
  viewer: "Viewer",
};

/**
 * Extra grants a token may carry on top of its role, for pipelines: an eval pipeline's token is a
 * `viewer` with the `ingest` scope, a CI gate check's token a `viewer` with the `gate` scope.
 */
export const TOKEN_SCOPES = ["ingest", "gate"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TokenScope = z.enum(TOKEN_SCOPES);
