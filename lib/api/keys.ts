import type { EvaluationsQuery, ModelsQuery, RecordsQuery } from "./schemas";

/**
 * react-query keys, one factory per resource. Keys nest (`all` ⊂ `list` ⊂ …) so invalidating a
 * prefix refreshes everything below it: after an import, `apiKeys.models.all` and
 * `apiKeys.evaluations.all`; after a rollback, also `apiKeys.batches.all`.
 * Filters are normalised (empty and undefined values dropped) so equal queries share one cache entry.
 */

type Filters = Record<string, string | undefined>;

function clean<F extends Filters>(f: F | undefined): Partial<F> {
  const out: Partial<F> = {};
  if (!f) return out;
  for (const k of Object.keys(f).sort() as (keyof F)[]) {
    const v = f[k];
    if (v !== undefined && v !== "") out[k] = v;
  }
  return out;
}

const ROOT = ["api", "v1"] as const;
const MODELS = [...ROOT, "models"] as const;
const EVALUATIONS = [...ROOT, "evaluations"] as const;
const DETERMINATIONS = [...ROOT, "determinations"] as const;
const ATTESTATIONS = [...ROOT, "attestations"] as const;
const BATCHES = [...ROOT, "batches"] as const;
const POLICIES = [...ROOT, "policies"] as const;

export const apiKeys = {
  all: ROOT,
  models: {
    all: MODELS,
    list: (q?: ModelsQuery) => [...MODELS, "list", clean(q)] as const,
    detail: (id: string) => [...MODELS, "detail", id] as const,
    scores: (id: string) => [...MODELS, "detail", id, "scores"] as const,
  },
  evaluations: {
    all: EVALUATIONS,
    list: (q?: EvaluationsQuery) => [...EVALUATIONS, "list", clean(q)] as const,
  },
  determinations: {
    all: DETERMINATIONS,
    list: (q?: RecordsQuery) => [...DETERMINATIONS, "list", clean(q)] as const,
  },
  attestations: {
    all: ATTESTATIONS,
    list: (q?: RecordsQuery) => [...ATTESTATIONS, "list", clean(q)] as const,
  },
  batches: {
    all: BATCHES,
    list: () => [...BATCHES, "list"] as const,
  },
  policies: {
    all: POLICIES,
    list: () => [...POLICIES, "list"] as const,
    detail: (id: string) => [...POLICIES, "detail", id] as const,
  },
  openapi: [...ROOT, "openapi"] as const,
};

/** The URL of each resource, with the same normalised filters as its key. */
export const apiPaths = {
  models: (q?: ModelsQuery) => withQuery("/api/v1/models", q),
  model: (id: string) => `/api/v1/models/${encodeURIComponent(id)}`,
  scores: (id: string) => `/api/v1/models/${encodeURIComponent(id)}/scores`,
  evaluations: (q?: EvaluationsQuery) => withQuery("/api/v1/evaluations", q),
  determinations: (q?: RecordsQuery) => withQuery("/api/v1/determinations", q),
  attestations: (q?: RecordsQuery) => withQuery("/api/v1/attestations", q),
  ingest: "/api/v1/ingest",
  batches: "/api/v1/batches",
  rollback: (id: number) => `/api/v1/batches/${id}/rollback`,
  policies: "/api/v1/policies",
  policy: (id: string) => `/api/v1/policies/${encodeURIComponent(id)}`,
  openapi: "/api/v1/openapi.json",
};

function withQuery(path: string, q: Filters | undefined): string {
  const qs = new URLSearchParams(clean(q) as Record<string, string>).toString();
  return qs ? `${path}?${qs}` : path;
}
