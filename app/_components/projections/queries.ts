import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { apiKeys } from "@/lib/api/keys";
import { projectionsApiPath } from "@/lib/view/projection-params";
import { ProjectionsResponse } from "@/lib/view/projection-schema";

export interface ProjectionsKey {
  policy: string;
  planned: number | null;
  family: string | null;
}

/** Under apiKeys.all, so invalidating the API root after an import refreshes projections too. */
export const projectionKeys = {
  all: [...apiKeys.all, "projections"] as const,
  detail: (q: ProjectionsKey) =>
    [...apiKeys.all, "projections", { policy: q.policy, planned: q.planned, family: q.family }] as const,
};

const ErrorEnvelope = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export class ProjectionsFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function fetchProjections(q: ProjectionsKey, signal: AbortSignal): Promise<ProjectionsResponse> {
  const res = await fetch(projectionsApiPath(q), { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = ErrorEnvelope.safeParse(body);
    throw new ProjectionsFetchError(
      res.status,
      e.success ? e.data.error.code : "INTERNAL",
      e.success ? e.data.error.message : `the server answered ${res.status}`,
    );
  }
  return ProjectionsResponse.parse(body);
}

/** One definition for the server prefetch (which swaps in a direct loader) and the client's useQuery. */
export function projectionsQuery(q: ProjectionsKey) {
  return queryOptions({
    queryKey: projectionKeys.detail(q),
    queryFn: ({ signal }) => fetchProjections(q, signal),
    retry: (count, e) => !(e instanceof ProjectionsFetchError && e.status < 500) && count < 2,
  });
}
