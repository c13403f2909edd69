import { asc, eq } from "drizzle-orm";
import type { Policy } from "@/lib/policy";
import { metricLeaves, policyMetricIds } from "@/lib/view/chart";
import type { MetricLeafRef, ScatterModel, ScatterScore } from "@/lib/view/chart";
import { chooseMetric } from "@/lib/view/model-scores";
import { pickPolicy } from "@/lib/view/model-status";
import type { Db } from "../index";
import {
  getModel,
  listAliases,
  listAttestations,
  listDeterminations,
  listMetrics,
  listScores,
} from "../queries";
import type { AttestationRow, DeterminationRow, MetricRow, ModelRow, ScoreRow } from "../queries";
import { scores } from "../schema";
import { getSnapshot } from "../snapshot";
import type { SnapshotEvaluation } from "../snapshot";

/** Everything the model page renders, read in one place so the page itself only composes. */
export interface ModelPage {
  model: ModelRow;
  aliases: { alias: string; raw: string; source: string | null }[];
  asOf: string;
  policies: { id: string; title: string; version: string; publisher: string }[];
  /** null when no policy is published */
  policy: Policy | null;
  /** the `?policy=` asked for when it is not published */
  unknownPolicy: string | null;
  evaluation: SnapshotEvaluation | null;
  scores: (ScoreRow & { batchFile: string })[];
  determinations: DeterminationRow[];
  attestations: AttestationRow[];
  metrics: MetricRow[];
  chart: {
    metric: string | null;
    options: { id: string; title: string | null; inPolicy: boolean }[];
    models: ScatterModel[];
    scores: ScatterScore[];
    leaves: MetricLeafRef[];
    higherIsRiskier: boolean | null;
  };
}

/** Every model's scores on one metric: the chart's points. */
export function listMetricScores(db: Db, metricId: string): ScatterScore[] {
  return db
    .select({ model: scores.modelId, value: scores.value, mitigation: scores.mitigation })
    .from(scores)
    .where(eq(scores.metricId, metricId))
    .orderBy(asc(scores.modelId), asc(scores.id))
    .all();
}

export function getModelPage(
  db: Db,
  modelId: string,
  opts: { policy?: string | null; metric?: string | null } = {},
): ModelPage | null {
  const model = getModel(db, modelId);
  if (!model) return null;
  const snapshot = getSnapshot(db);
  const picked = pickPolicy(
    snapshot.policies.map((p) => p.policy.id),
    opts.policy,
  );
  const published = snapshot.policies.find((p) => p.policy.id === picked.id) ?? null;
  const policy = published?.policy ?? null;
  // The snapshot holds every model that existed when it was computed; a model created since is
  // evaluated on the next data version, which its creation (an audited import) already moved.
  const evaluation = (picked.id && snapshot.evaluations.get(picked.id)?.get(modelId)) || null;

  const modelScores = listScores(db, modelId);
  const metrics = listMetrics(db);
  const metricById = new Map(metrics.map((m) => [m.id, m]));
  const { metric, options } = chooseMetric(
    policy ? policyMetricIds(policy) : [],
    [...new Set(modelScores.map((s) => s.metricId))],
    opts.metric,
  );
  const policyMetrics = new Set(policy ? policyMetricIds(policy) : []);
  const policyMetric = policy?.metrics.find((m) => m.id === metric);

  return {
    model,
    aliases: listAliases(db, modelId).map((a) => ({ alias: a.alias, raw: a.raw, source: a.source })),
    asOf: snapshot.asOf,
    policies: snapshot.policies.map((p) => ({
      id: p.policy.id,
      title: p.policy.title,
      version: p.policy.version,
      publisher: p.policy.publisher,
    })),
    policy,
    unknownPolicy: picked.unknown,
    evaluation,
    scores: modelScores,
    determinations: listDeterminations(db, { modelId, ...(picked.id ? { policyId: picked.id } : {}) }),
    attestations: listAttestations(db, { modelId, ...(picked.id ? { policyId: picked.id } : {}) }),
    metrics,
    chart: {
      metric,
      options: options.map((id) => ({
        id,
        title: metricById.get(id)?.title ?? policy?.metrics.find((m) => m.id === id)?.title ?? null,
        inPolicy: policyMetrics.has(id),
      })),
      models: snapshot.models.map((m) => ({ id: m.id, name: m.name, trainingFlop: m.trainingFlop })),
      scores: metric ? listMetricScores(db, metric) : [],
      leaves: policy && metric ? metricLeaves(policy, metric) : [],
      // The policy's own direction for the metric wins over the catalogue's.
      higherIsRiskier:
        policyMetric?.higher_is_riskier ?? metricById.get(metric ?? "")?.higherIsRiskier ?? null,
    },
  };
}
