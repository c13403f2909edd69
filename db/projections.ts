import { projectPolicy } from "@/lib/projection/policy-projections";
import type {
  LeafProjection,
  PolicyProjectionOptions,
  ProjectionModel,
} from "@/lib/projection/policy-projections";
import type { FrontierTrend } from "@/lib/projection";
import { effectiveCompute, stableHash } from "@/lib/projection";
import { DomainError } from "@/lib/errors";
import { toOverviewForecast } from "@/lib/view/overview-attention";
import { nextPlannedRun } from "@/lib/view/projection-attention";
import type { OverviewForecast } from "@/lib/view/overview-schema";
import type { Db } from "./index";
import { getSnapshot } from "./snapshot";
import type { EvaluationSnapshot } from "./snapshot";

export interface PolicyProjections {
  policy: { id: string; version: string };
  version: string;
  frontier: Pick<FrontierTrend, "n" | "slopePerYear" | "slopeInterval"> | null;
  leaves: LeafProjection[];
  computedMs: number;
}

const cache = globalThis as unknown as { __scalegateProjections?: Map<string, PolicyProjections> };

/**
 * Every model as projections see it under one policy: its compute and, per metric, the value the
 * engine used (aggregate over elicitations, pre-mitigation). Shared with the anomaly check.
 */
export function projectionModels(snap: EvaluationSnapshot, policyId: string): ProjectionModel[] {
  const byModel = snap.evaluations.get(policyId);
  return snap.models.map((m) => {
    const scores = new Map<string, number>();
    const ev = byModel?.get(m.id);
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
}

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
  const models = projectionModels(snap, policyId);
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

/** Effective compute (FLOP) of every model, as projections place them; per snapshot. */
const computes = new WeakMap<EvaluationSnapshot, { id: string; effective_flop: number | null }[]>();

export function modelComputes(snap: EvaluationSnapshot): { id: string; effective_flop: number | null }[] {
  const hit = computes.get(snap);
  if (hit) return hit;
  const out = snap.models.map((m) => {
    const reported = m.effectiveCompute ?? m.trainingFlop;
    const ec = effectiveCompute({
      trainingFlop: reported,
      params: m.paramsB != null ? m.paramsB * 1e9 : null,
      activeParams: m.activeParamsB != null ? m.activeParamsB * 1e9 : null,
      tokens: m.trainingTokens,
    });
    // The stored number itself when reported (5e26 stays 5e26, not 10^log10 of it), else 6·N·D.
    return { id: m.id, effective_flop: ec ? (ec.source === "flop" ? reported! : 10 ** ec.log10) : null };
  });
  computes.set(snap, out);
  return out;
}

/**
 * The overview's forecast rows: what the next planned run (the policy's default, or `planned` FLOP)
 * is forecast to cross. The projections behind it are cached by input hash, so only the first
 * request for a policy and run pays for the fits.
 */
export function overviewForecast(db: Db, policyId: string, planned?: number): OverviewForecast {
  const snap = getSnapshot(db);
  const published = snap.policies.find((p) => p.policy.id === policyId);
  if (!published) throw new DomainError("NOT_FOUND", `no published policy "${policyId}"`);
  const policy = { id: published.policy.id, title: published.policy.title };
  const run = nextPlannedRun(
    modelComputes(snap),
    published.policy.cadence?.effective_compute_multiple,
    planned,
  );
  const leaves = run ? policyProjections(db, policyId, { plannedFlop: run.flop }).leaves : [];
  return toOverviewForecast({ policy, run, leaves });
}
