import type { PolicyVersionRow } from "@/db/policies";
import type { DraftView } from "@/db/policy-drafts";
import { DraftIdParam } from "@/lib/api/policy-draft-schemas";
import type { PolicyDraft, PolicyVersionItem } from "@/lib/api/policy-draft-schemas";
import { DomainError } from "@/lib/errors";

/** Rows of policy_versions as the drafts API answers them (lib/api/policy-draft-schemas.ts). */

export function toVersionItem(row: PolicyVersionRow): PolicyVersionItem {
  return {
    policy_version_id: row.id,
    policy_id: row.policyId,
    version: row.version,
    status: row.status,
    author: row.author,
    created_at: row.createdAt,
    published_at: row.publishedAt,
    sha256: row.sha256,
  };
}

export function toDraft({ row, supersededBy }: DraftView): PolicyDraft {
  return { ...toVersionItem(row), yaml: row.yaml, superseded_by: supersededBy };
}

export interface DraftParams {
  id: string;
  draftId: string;
}

/** The draft id of the path; anything but a positive integer names no draft (404). */
export function draftIdOf(params: { id: string; draftId?: string }): number {
  const r = DraftIdParam.safeParse(params.draftId);
  const id = r.success ? Number(r.data) : NaN;
  if (!Number.isSafeInteger(id))
    throw new DomainError("NOT_FOUND", `policy ${params.id} has no draft ${params.draftId ?? "(none)"}`);
  return id;
}
