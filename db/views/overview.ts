import { levelId, levelTitle } from "@/lib/policy";
import { buildOverview, prepareOverview } from "@/lib/view/overview";
import type { OverviewContext, OverviewSource } from "@/lib/view/overview";
import type { OverviewParams, OverviewResponse } from "@/lib/view/overview-schema";
import type { Db } from "../index";
import { getSnapshot } from "../snapshot";
import type { EvaluationSnapshot } from "../snapshot";

/** Prepared once per snapshot (per data version); the snapshot object is the cache key. */
const prepared = new WeakMap<EvaluationSnapshot, OverviewContext>();

export function toOverviewSource(s: EvaluationSnapshot): OverviewSource {
  return {
    asOf: s.asOf,
    models: s.models.map((m) => ({
      id: m.id,
      name: m.name,
      developer: m.developer,
      family: m.family,
      release_date: m.releaseDate,
      training_flop: m.trainingFlop,
    })),
    policies: s.policies.map(({ policy }) => ({
      id: policy.id,
      title: policy.title,
      version: policy.version,
      levels: policy.levels.map((l) => ({ id: levelId(l), title: levelTitle(l) })),
      domains: policy.domains.map((d) => ({ id: d.id, title: d.title })),
    })),
    evaluations: s.evaluations,
  };
}

/** The overview's view of the current snapshot: models, policies, filter options, evidence sets. */
export function getOverviewContext(db: Db): OverviewContext {
  const snapshot = getSnapshot(db);
  const hit = prepared.get(snapshot);
  if (hit) return hit;
  const ctx = prepareOverview(toOverviewSource(snapshot));
  prepared.set(snapshot, ctx);
  return ctx;
}

export function getOverview(db: Db, params: OverviewParams): OverviewResponse {
  return buildOverview(getOverviewContext(db), params);
}
