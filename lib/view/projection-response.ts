import { levelId, levelTitle } from "@/lib/policy/schema";
import type { Policy } from "@/lib/policy/schema";
import type { LeafProjection } from "@/lib/projection/policy-projections";
import type { Interval } from "@/lib/projection/types";
import { ProjectionsResponse } from "./projection-schema";

/** What db/projections.ts returns, as far as the response needs it (lib/ does not import db/). */
export interface PolicyProjectionsInput {
  policy: { id: string; version: string };
  version: string;
  frontier: { n: number; slopePerYear: number; slopeInterval: Interval } | null;
  leaves: readonly LeafProjection[];
}

/** NaN and ±Infinity become null, as JSON would make them, so the server prefetch and the API agree. */
export function finiteOrNullDeep(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(finiteOrNullDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = finiteOrNullDeep(v);
    return out;
  }
  return value;
}

/** The projections of one policy with the labels a reader needs: policy, domain, threshold and metric titles. */
export function toProjectionsResponse(
  policy: Policy,
  projections: PolicyProjectionsInput,
  query: { planned?: number | undefined; family?: string | undefined },
): ProjectionsResponse {
  const numeric = new Set(projections.leaves.map((l) => l.threshold));
  const body = {
    policy: {
      id: projections.policy.id,
      version: projections.policy.version,
      title: policy.title,
      levels: policy.levels.map((l) => ({ id: levelId(l), title: levelTitle(l) })),
    },
    version: projections.version,
    planned_flop: query.planned ?? null,
    family: query.family ?? null,
    frontier: projections.frontier,
    domains: policy.domains.map((d) => ({ id: d.id, title: d.title })),
    thresholds: policy.domains.flatMap((d) =>
      d.thresholds.map((t) => ({
        id: t.id,
        title: t.title ?? t.id,
        domain: d.id,
        kind: t.kind === "checkpoint" ? ("checkpoint" as const) : ("capability" as const),
        numeric: numeric.has(t.id),
      })),
    ),
    metrics: policy.metrics.map((m) => ({ id: m.id, title: m.title ?? m.id, unit: m.unit })),
    leaves: projections.leaves,
  };
  return ProjectionsResponse.parse(finiteOrNullDeep(body));
}
