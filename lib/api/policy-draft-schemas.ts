import { z } from "zod";
import { CalendarDate } from "./schemas";

/**
 * The contract of policy authoring under /api/v1/policies/{id}: versions, drafts, review, publish,
 * discard, retire. Shared by the route handlers, the editor's hooks and the OpenAPI document. Pure zod
 * and client-safe. A draft's review answers `PolicyComparison` (lib/api/policy-compare.ts).
 *
 * Policy problems in a 400 come as issues `{ path: "line L, column C", message }` (1-based; the
 * message starts with the YAML path where the schema names one): see `LOCATED_ISSUE_PATH`.
 */

export const VERSION_STATUSES = ["draft", "published", "retired"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The `path` of an issue that points into the YAML text. */
export const LOCATED_ISSUE_PATH = /^line (\d+), column (\d+)$/;

/** `{ line, col }` of an issue path written `line L, column C`; null for any other path. */
export function issueLocation(path: string): { line: number; col: number } | null {
  const m = LOCATED_ISSUE_PATH.exec(path);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
}

export const PolicyVersionItem = z.object({
  policy_version_id: z.number().int(),
  policy_id: z.string(),
  version: z.string().describe("the `version:` label of the YAML"),
  status: z.enum(VERSION_STATUSES),
  author: z.string().describe("who wrote the text; `scalegate (shipped policy)` for a shipped file"),
  created_at: z.string().describe("ISO 8601, UTC"),
  published_at: z
    .string()
    .nullable()
    .describe("null: never published (a draft, or a discarded draft when status is retired)"),
  sha256: z.string().describe("of the YAML text"),
});
export type PolicyVersionItem = z.infer<typeof PolicyVersionItem>;

export const PolicyVersionsResponse = z.object({
  versions: z.array(PolicyVersionItem).describe("every stored version, newest first"),
});
export type PolicyVersionsResponse = z.infer<typeof PolicyVersionsResponse>;

export const SupersedingVersion = z.object({
  policy_version_id: z.number().int(),
  version: z.string(),
  published_at: z.string(),
});
export type SupersedingVersion = z.infer<typeof SupersedingVersion>;

export const PolicyDraft = PolicyVersionItem.extend({
  yaml: z.string(),
  superseded_by: SupersedingVersion.nullable().describe(
    "a version published after this draft was made: publishing the draft answers 409 until it is saved again as a new draft",
  ),
});
export type PolicyDraft = z.infer<typeof PolicyDraft>;

export const PolicyDraftResponse = z.object({ draft: PolicyDraft });
export type PolicyDraftResponse = z.infer<typeof PolicyDraftResponse>;

/** POST …/drafts and PUT …/drafts/{draftId}. */
export const DraftBody = z
  .object({ yaml: z.string().describe("the whole policy file; its `id:` must be the {id} of the path") })
  .strict();
export type DraftBody = z.infer<typeof DraftBody>;

export const DraftReviewQuery = z
  .object({
    as_of: CalendarDate.optional().describe(
      "evaluate the models as of this date, YYYY-MM-DD; default today (UTC)",
    ),
  })
  .strict();
export type DraftReviewQuery = z.infer<typeof DraftReviewQuery>;

export const PublishedVersion = z.object({
  policy_id: z.string(),
  policy_version_id: z.number().int(),
  version: z.string(),
  title: z.string(),
  sha256: z.string(),
  published_at: z.string(),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

export const PublishResponse = z.object({
  policy: PublishedVersion,
  replaced: z
    .number()
    .int()
    .nullable()
    .describe("the policy_version_id retired by this publish; null for a policy's first version"),
});
export type PublishResponse = z.infer<typeof PublishResponse>;

export const RetireResponse = z.object({
  policy_version_id: z.number().int().describe("the version that was published and is now retired"),
});
export type RetireResponse = z.infer<typeof RetireResponse>;

/** A draft id in a path: digits. */
export const DraftIdParam = z.string().regex(/^[1-9][0-9]*$/, "must be a policy version id");

const enc = encodeURIComponent;

export const policyDraftPaths = {
  versions: (policyId: string) => `/api/v1/policies/${enc(policyId)}/versions`,
  drafts: (policyId: string) => `/api/v1/policies/${enc(policyId)}/drafts`,
  draft: (policyId: string, draftId: number) => `/api/v1/policies/${enc(policyId)}/drafts/${draftId}`,
  review: (policyId: string, draftId: number, asOf?: string) =>
    `/api/v1/policies/${enc(policyId)}/drafts/${draftId}/review${asOf ? `?as_of=${enc(asOf)}` : ""}`,
  publish: (policyId: string, draftId: number) =>
    `/api/v1/policies/${enc(policyId)}/drafts/${draftId}/publish`,
  discard: (policyId: string, draftId: number) =>
    `/api/v1/policies/${enc(policyId)}/drafts/${draftId}/discard`,
  retire: (policyId: string) => `/api/v1/policies/${enc(policyId)}/retire`,
};

/** react-query keys: invalidate `policyDraftKeys.policy(id)` after any change to that policy. */
export const policyDraftKeys = {
  all: ["api", "v1", "policies"] as const,
  policy: (policyId: string) => ["api", "v1", "policies", policyId] as const,
  versions: (policyId: string) => ["api", "v1", "policies", policyId, "versions"] as const,
  draft: (policyId: string, draftId: number) =>
    ["api", "v1", "policies", policyId, "drafts", draftId] as const,
  review: (policyId: string, draftId: number, asOf?: string) =>
    ["api", "v1", "policies", policyId, "drafts", draftId, "review", asOf ?? null] as const,
};
