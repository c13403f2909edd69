import type { Db } from "@/db";
import { listPublishedPolicies } from "@/db/policies";
import { policyProjections } from "@/db/projections";
import { getSnapshot } from "@/db/snapshot";
import { DomainError } from "@/lib/errors";
import { toProjectionsResponse } from "@/lib/view/projection-response";
import type { ProjectionsQuery, ProjectionsResponse } from "@/lib/view/projection-schema";

/**
 * One policy's projections as the API sends them. Shared by GET /api/v1/projections and the page's
 * server prefetch, so the first paint and every later fetch show the same document.
 */
export function loadProjections(db: Db, q: ProjectionsQuery): ProjectionsResponse {
  const published = listPublishedPolicies(db).find((p) => p.policy.id === q.policy);
  if (!published) throw new DomainError("NOT_FOUND", `no published policy "${q.policy}"`);
  const projections = policyProjections(db, q.policy, {
    ...(q.planned !== undefined ? { plannedFlop: q.planned } : {}),
    ...(q.family !== undefined ? { family: q.family } : {}),
  });
  return toProjectionsResponse(published.policy, projections, q);
}

/** The switcher's choices: published policies and the model families in the data. */
export function projectionChoices(db: Db): {
  policies: { id: string; title: string; version: string }[];
  families: string[];
} {
  const policies = listPublishedPolicies(db).map((p) => ({
    id: p.policy.id,
    title: p.policy.title,
    version: p.policy.version,
  }));
  const families = [...new Set(getSnapshot(db).models.flatMap((m) => (m.family ? [m.family] : [])))].sort();
  return { policies, families };
}
