import { projectPolicy } from "@/lib/projection/policy-projections";
import type {
  LeafProjection,
  PolicyProjectionOptions,
  ProjectionModel,
} from "@/lib/projection/policy-projections";
import type { FrontierTrend } from "@/lib/projection";
import { stableHash } from "@/lib/projection";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
import { getSnapshot } from "./snapshot";

export interface PolicyProjections {
  policy: { id: string; version: string };
  version: string;
  frontier: Pick<FrontierTrend, "n" | "slopePerYear" | "slopeInterval"> | null;
  leaves: LeafProjection[];
  computedMs: number;
}

const cache = globalThis as unknown as { __scalegateProjections?: Map<string, PolicyProjections> };

/**
 * Every numeric threshold leaf of a published policy, projected from the database's models. Results
 * are cached by the data version and the options (the input hash), so repeated page loads are free.
 */
export function policyProjections(
  db: Db,
  policyId: string,
  opts: PolicyProjectionOptions = {},
): PolicyProjections {
  const snap = getSnapshot(db);
  const published = snap.policies.find((p) => p.policy.id === policyId);
  if (!published) throw new DomainError("NOT_FOUND", `no published policy "${policyId}"`);
  const key = `${snap.version}|${policyId}|${stableHash(opts)}`;
  cache.__scalegateProjections ??= new Map();
  const hit = cache.__scalegateProjections.get(key);
  if (hit) return hit;
  const started = performance.now();
  const byModel = snap.evaluations.get(policyId)!;
  const models: ProjectionModel[] = snap.models.map((m) => {
    // The value the engine used for each metric (aggregate over elicitations, pre-mitigation).
    const scores = new Map<string, number>();
    const ev = byModel.get(m.id);
    for (const d of ev?.domains ?? []) {
      for (const t of d.thresholds) {
        for (const e of t.evidence) {
          if (e.kind === "metric" && e.value !== null && e.mitigation === "pre")
            scores.set(e.metric, e.value);
        }
      }
    }
    return {
      id: m.id,
      family: m.family,
      release_date: m.releaseDate,
      training_flop: m.effectiveCompute ?? m.trainingFlop,
      params_b: m.paramsB,
      active_params_b: m.activeParamsB,
      training_tokens: m.trainingTokens,
      scores,
    };
  });
  const r = projectPolicy(published.policy, models, opts);
  const out: PolicyProjections = {
    policy: { id: published.policy.id, version: published.policy.version },
    version: snap.version,
    frontier: r.frontier
      ? { n: r.frontier.n, slopePerYear: r.frontier.slopePerYear, slopeInterval: r.frontier.slopeInterval }
      : null,
    leaves: r.leaves,
    computedMs: performance.now() - started,
  };
  if (cache.__scalegateProjections.size > 64) cache.__scalegateProjections.clear();
  cache.__scalegateProjections.set(key, out);
  return out;
}
