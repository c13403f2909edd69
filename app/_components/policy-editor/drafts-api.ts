import { queryOptions } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiKeys } from "@/lib/api/keys";
import { governanceKeys } from "@/lib/api/governance-schemas";
import { PolicyComparison } from "@/lib/api/policy-compare";
import {
  PolicyDraftResponse,
  PolicyVersionsResponse,
  PublishResponse,
  policyDraftKeys,
  policyDraftPaths,
} from "@/lib/api/policy-draft-schemas";
import { ErrorResponse } from "@/lib/api/schemas";
import { projectionKeys } from "@/app/_components/projections/queries";

/**
 * The editor's side of the drafts API (lib/api/policy-draft-schemas.ts): fetchers that parse with the
 * shared schemas, query options for the versions, a draft and its review, and what each change
 * invalidates.
 */

/** A refused call: the API's message, status, code and its issues (a located issue names a line). */
export class DraftApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
  }
}

async function call<S extends z.ZodType>(
  method: "GET" | "POST" | "PUT",
  url: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      signal,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new DraftApiError(
      "The server could not be reached. Check the connection and try again.",
      0,
      "NETWORK",
      [],
    );
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorResponse.safeParse(json);
    throw err.success
      ? new DraftApiError(
          err.data.error.message,
          res.status,
          err.data.error.code,
          err.data.error.issues ?? [],
        )
      : new DraftApiError(`${method} ${url} answered ${res.status}`, res.status, "INTERNAL", []);
  }
  return schema.parse(json);
}

/** Don't retry what the server refused on purpose (4xx): it will refuse again. */
function retry(count: number, e: Error): boolean {
  return !(e instanceof DraftApiError && e.status >= 400 && e.status < 500) && count < 2;
}

export function versionsQuery(policyId: string) {
  return queryOptions({
    queryKey: policyDraftKeys.versions(policyId),
    queryFn: ({ signal }) =>
      call("GET", policyDraftPaths.versions(policyId), PolicyVersionsResponse, undefined, signal),
    retry,
  });
}

export function draftQuery(policyId: string, draftId: number) {
  return queryOptions({
    queryKey: policyDraftKeys.draft(policyId, draftId),
    queryFn: ({ signal }) =>
      call("GET", policyDraftPaths.draft(policyId, draftId), PolicyDraftResponse, undefined, signal),
    retry,
    // The text in the editor must not be swapped under the author by a background refetch.
    staleTime: Infinity,
  });
}

export function reviewQuery(policyId: string, draftId: number) {
  return queryOptions({
    queryKey: policyDraftKeys.review(policyId, draftId),
    queryFn: ({ signal }) =>
      call("GET", policyDraftPaths.review(policyId, draftId), PolicyComparison, undefined, signal),
    retry,
  });
}

export const saveDraft = (policyId: string, draftId: number | null, yaml: string) =>
  draftId === null
    ? call("POST", policyDraftPaths.drafts(policyId), PolicyDraftResponse, { yaml })
    : call("PUT", policyDraftPaths.draft(policyId, draftId), PolicyDraftResponse, { yaml });

export const publishDraft = (policyId: string, draftId: number) =>
  call("POST", policyDraftPaths.publish(policyId, draftId), PublishResponse, {});

export const discardDraft = (policyId: string, draftId: number) =>
  call("POST", policyDraftPaths.discard(policyId, draftId), PolicyDraftResponse, {});

function reviewPrefix(policyId: string, draftId: number) {
  return [...policyDraftKeys.draft(policyId, draftId), "review"] as const;
}

function startsWith(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((p, i) => key[i] === p);
}

/**
 * A draft that was published or discarded has no review any more (the API answers 409: not a draft).
 * Its cached review is dropped rather than refetched.
 */
function dropReview(qc: QueryClient, policyId: string, draftId: number): readonly unknown[] {
  const prefix = reviewPrefix(policyId, draftId);
  qc.removeQueries({ queryKey: prefix });
  return prefix;
}

/** After a draft is saved: the policy's versions, and that draft with its review (the text changed). */
export async function afterDraftSaved(qc: QueryClient, policyId: string, draftId: number): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: policyDraftKeys.versions(policyId) }),
    qc.invalidateQueries({ queryKey: policyDraftKeys.draft(policyId, draftId) }),
  ]);
}

/** After a draft is discarded: the versions and the draft row; its review is gone. */
export async function afterDraftDiscarded(qc: QueryClient, policyId: string, draftId: number): Promise<void> {
  const gone = dropReview(qc, policyId, draftId);
  await qc.invalidateQueries({
    queryKey: policyDraftKeys.policy(policyId),
    predicate: (q) => !startsWith(q.queryKey, gone),
  });
}

/**
 * After a publish, everything read under the published version: the policies (list, detail, versions,
 * drafts and their reviews, which now compare against the new version), the evaluations and the
 * overview built on them, the models' pages, the projections' threshold lines, and the decisions, whose
 * "current" or "stale" depends on the version in force.
 */
export const AFTER_PUBLISH = [
  apiKeys.policies.all,
  apiKeys.evaluations.all,
  apiKeys.models.all,
  projectionKeys.all,
  governanceKeys.decisions.all,
] as const;

export async function afterPublish(qc: QueryClient, policyId: string, draftId: number): Promise<void> {
  const gone = dropReview(qc, policyId, draftId);
  await Promise.all(
    AFTER_PUBLISH.map((queryKey) =>
      qc.invalidateQueries({ queryKey, predicate: (q) => !startsWith(q.queryKey, gone) }),
    ),
  );
}
