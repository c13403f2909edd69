import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { getDb } from "@/db";
import { listDecisionsWithStatus } from "@/db/decisions";
import { modelAnomalies } from "@/db/anomalies";
import { getModel } from "@/db/queries";
import { getModelPage } from "@/db/views/model";
import { MarkerLegend } from "@/app/_components/level-badge";
import { LevelChip } from "@/app/_components/model/level-chip";
import { RoleGate } from "@/app/_components/role-gate";
import { currentViewer } from "@/app/_lib/auth/viewer";
import { makeQueryClient } from "@/app/_lib/query-client";
import { ScrollToHash } from "@/app/_components/model/scroll-to-hash";
import { AnomaliesPanel } from "@/app/_components/model/anomalies";
import { AttestationForm } from "@/app/_components/model/attestation-form";
import { ChartPanel } from "@/app/_components/model/chart-panel";
import { DecisionsList } from "@/app/_components/model/decisions-list";
import { DeterminationForm } from "@/app/_components/model/determination-form";
import { DomainSection } from "@/app/_components/model/domain-section";
import { CadenceSummary, GatesTable, ObligationsList } from "@/app/_components/model/gates";
import { ModelHeader } from "@/app/_components/model/model-header";
import { PolicyTabs } from "@/app/_components/model/policy-tabs";
import { MODEL_DECISIONS_LIMIT, modelDecisionsQuery } from "@/app/_components/model/queries";
import { SafeguardsTable } from "@/app/_components/model/safeguards-table";
import { SignoffForm } from "@/app/_components/model/signoff-form";
import { ScoresTable } from "@/app/_components/model/scores-table";
import { VersionNote } from "@/app/_components/model/version-note";
import styles from "@/app/_components/model/model.module.css";
import { levelId, levelTitle } from "@/lib/policy";
import type { Threshold } from "@/lib/policy";
import { domainCell } from "@/lib/view/cell";
import { toComputeScatter } from "@/lib/view/chart";
import { signoffActionOptions } from "@/lib/view/decisions";
import { policyLabel } from "@/lib/view/model-format";
import { scoreLookup, scoreUsage, toScoreRows } from "@/lib/view/model-scores";
import { toCadenceView, toGateViews, toObligationViews, toSafeguardViews } from "@/lib/view/model-status";
import { toAnomalySummary, toDomainView } from "@/lib/view/model-trace";
import type { DeterminationMeta } from "@/lib/view/model-trace";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const model = getModel(getDb(), id);
  return { title: model ? model.name : "Model not found" };
}

export default async function ModelPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const data = getModelPage(getDb(), id, { policy: one(sp.policy), metric: one(sp.metric) });
  if (!data) notFound();
  const { model, policy, evaluation } = data;

  const header = (
    <>
      <ModelHeader model={model} aliases={data.aliases} />
      {data.unknownPolicy && (
        <p className="error">
          No published policy “{data.unknownPolicy}”. Showing {policy ? policy.title : "no policy"} instead.
        </p>
      )}
      <PolicyTabs modelId={model.id} policies={data.policies} current={policy?.id ?? null} />
    </>
  );
  if (!policy || !evaluation)
    return (
      <>
        {header}
        <p className="state">
          No published policy to evaluate this model against. Publish one under Policies.
        </p>
      </>
    );

  const levels = policy.levels.map(levelId);
  const titles = Object.fromEntries(policy.levels.map((l) => [levelId(l), levelTitle(l)]));
  const ladder = { levels, titles };
  const detMeta = new Map<string, DeterminationMeta>(
    data.determinations.map((d) => [
      String(d.id),
      {
        id: d.id,
        quote: d.quote,
        sourceTitle: d.sourceTitle,
        sourceUrl: d.sourceUrl,
        sourceKind: d.sourceKind,
        createdBy: d.createdBy,
        evidence: d.evidence,
      },
    ]),
  );
  // Anomaly flags: each score against the other models at its compute (cached per data version).
  const anomalies = modelAnomalies(getDb(), policy.id, model.id);
  const ctx = {
    anomalies: new Map(anomalies.map((a) => [a.metric, a])),
    scores: scoreLookup(data.scores),
    determinations: detMeta,
    levelTitles: new Map(Object.entries(titles)),
    definitions: new Map<string, Threshold>(
      policy.domains.flatMap((d) => d.thresholds.map((t) => [t.id, t])),
    ),
  };
  const domains = evaluation.domains.map((d) => toDomainView(d, ctx));
  // The same markers as the overview's cells, so a reader arriving from there sees the same signals.
  const cells = new Map(evaluation.domains.map((d) => [d.id, domainCell(d)]));
  const safeguards = toSafeguardViews(evaluation.safeguards, evaluation.as_of);
  const obligations = toObligationViews(evaluation.obligations);
  const gates = toGateViews(evaluation.gates);
  const cadence = toCadenceView(evaluation.cadence);
  const metricTitles = new Map(data.metrics.map((m) => [m.id, m.title]));
  const scoreRows = toScoreRows(data.scores, scoreUsage(evaluation), metricTitles);
  const scatter = data.chart.metric
    ? toComputeScatter({
        models: data.chart.models,
        scores: data.chart.scores,
        metric: data.chart.metric,
        modelId: model.id,
        leaves: data.chart.leaves,
        higherIsRiskier: data.chart.higherIsRiskier,
      })
    : null;
  const thresholdOptions = domains.map((d) => ({
    domain: d.title,
    thresholds: d.thresholds.map((t) => ({ id: t.id, title: t.title, status: t.pre.label })),
  }));
  const safeguardOptions = safeguards.map((s) => ({
    id: s.id,
    title: s.title,
    status: s.label,
    required: s.required,
  }));
  // The person recorded defaults to whoever is signed in; a token has no person to offer.
  const viewer = await currentViewer();
  const you = viewer?.kind === "user" ? viewer.name : "";
  const signoffActions = signoffActionOptions(evaluation.gates);
  const name = policyLabel(policy.title, policy.version);

  // The decisions list under the browser's own key, filled from the database with the API's shapes,
  // so the first HTML already holds it. A failure is not dehydrated: the browser then asks the API
  // and shows the error state.
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery({
    ...modelDecisionsQuery(model.id, policy.id),
    queryFn: () =>
      listDecisionsWithStatus(getDb(), {
        modelId: model.id,
        policyId: policy.id,
        limit: MODEL_DECISIONS_LIMIT,
      }),
  });

  const anyEvidencedDiffers =
    evaluation.evidenced_level.pre !== evaluation.level.pre ||
    evaluation.evidenced_level.post !== evaluation.level.post;

  return (
    <>
      <ScrollToHash />
      {header}
      <VersionNote modelId={model.id} policy={policy} asOf={evaluation.as_of} />

      <section className="panel" aria-labelledby="levels-heading">
        <h2 id="levels-heading">Levels under {policyLabel(policy.title, policy.version)}</h2>
        <p className="meta">
          {policy.publisher} · evaluated as of {evaluation.as_of} · policy version #
          {evaluation.policy_version_id}
        </p>
        <p className={styles.levels}>
          <span>
            <span className="muted">Pre-mitigation:</span>{" "}
            <LevelChip
              level={evaluation.level.pre}
              levels={levels}
              title={titles[evaluation.level.pre ?? ""] ?? evaluation.level.pre ?? "none"}
            />
          </span>
          <span>
            <span className="muted">Post-mitigation:</span>{" "}
            <LevelChip
              level={evaluation.level.post}
              levels={levels}
              title={titles[evaluation.level.post ?? ""] ?? evaluation.level.post ?? "none"}
            />
          </span>
          {anyEvidencedDiffers && (
            <span>
              <span className="muted">Evidenced:</span>{" "}
              <LevelChip
                level={evaluation.evidenced_level.pre}
                levels={levels}
                title={`${titles[evaluation.evidenced_level.pre ?? ""] ?? "none"} (pre), ${titles[evaluation.evidenced_level.post ?? ""] ?? "none"} (post)`}
              />
            </span>
          )}
        </p>
        <div className={styles.tableWrap}>
          <table>
            <caption className={styles.srOnly}>Level per domain</caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Pre-mitigation</th>
                <th scope="col">Post-mitigation</th>
                <th scope="col">Evidenced level (where it differs)</th>
              </tr>
            </thead>
            <tbody>
              {domains.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <a href={`#${d.anchor}`}>{d.title}</a>
                  </th>
                  <td>
                    <LevelChip
                      level={d.level.pre}
                      levels={levels}
                      title={titles[d.level.pre] ?? d.level.pre}
                      markers={cells.get(d.id)?.markers ?? []}
                    />
                  </td>
                  <td>
                    <LevelChip
                      level={d.level.post}
                      levels={levels}
                      title={titles[d.level.post] ?? d.level.post}
                    />
                  </td>
                  <td>
                    {d.evidencedDiffers.pre || d.evidencedDiffers.post ? (
                      <>
                        {titles[d.evidenced.pre] ?? d.evidenced.pre} (pre)
                        {d.evidencedDiffers.post
                          ? `, ${titles[d.evidenced.post] ?? d.evidenced.post} (post)`
                          : ""}
                      </>
                    ) : (
                      <span className="muted">same</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MarkerLegend />
      </section>

      {data.scores.length === 0 && (
        <p className="state" role="note">
          No scores are recorded for this model. Every threshold with an indicator therefore reads “cannot
          rule out”: missing evidence never reads as safe, unless a human determination settles the threshold
          or the policy says otherwise for it.
        </p>
      )}

      <AnomaliesPanel
        summary={toAnomalySummary(anomalies)}
        projectionsHref={`/projections?policy=${encodeURIComponent(policy.id)}`}
      />

      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">Domains and evidence trace</h2>
        {domains.map((d) => (
          <DomainSection key={d.id} domain={d} ladder={ladder} />
        ))}
      </section>

      <section id="safeguards" className="panel" aria-labelledby="safeguards-heading">
        <h2 id="safeguards-heading">Safeguards</h2>
        <SafeguardsTable safeguards={safeguards} />
      </section>

      <div className="grid-2">
        <section id="obligations" className="panel" aria-labelledby="obligations-heading">
          <h2 id="obligations-heading">Open obligations</h2>
          <ObligationsList obligations={obligations} />
        </section>
        <section id="cadence" className="panel" aria-labelledby="cadence-heading">
          <h2 id="cadence-heading">Reassessment</h2>
          <CadenceSummary cadence={cadence} />
        </section>
      </div>

      <section id="gates" className="panel" aria-labelledby="gates-heading">
        <h2 id="gates-heading">Gates</h2>
        <GatesTable gates={gates} />
      </section>

      <section id="sign-off" className="panel" aria-labelledby="signoff-heading">
        <h2 id="signoff-heading">Record a decision</h2>
        <p className="meta">
          Recorded under {name}; every record is written to the audit log. A sign-off stores the policy
          version and the sha256 of the exact input and result it was made on, and is never changed: when new
          scores, records or a new policy version change that result, it is shown as stale.
        </p>
        <h3 id="model-decisions-heading">Decisions under {name}</h3>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DecisionsList
            modelId={model.id}
            policyId={policy.id}
            policyName={name}
            shownVersionId={evaluation.policy_version_id}
          />
        </HydrationBoundary>
        <div className={styles.forms}>
          <div>
            <RoleGate action="signoff" what="sign off on a gate">
              <SignoffForm modelId={model.id} policyId={policy.id} actions={signoffActions} />
            </RoleGate>
          </div>
          <div>
            <RoleGate action="determination.create" what="record a determination">
              <DeterminationForm
                modelId={model.id}
                policyId={policy.id}
                options={thresholdOptions}
                today={evaluation.as_of}
                defaultBy={you}
              />
            </RoleGate>
          </div>
          <div>
            <RoleGate action="attestation.create" what="record a safeguard attestation">
              <AttestationForm
                modelId={model.id}
                policyId={policy.id}
                safeguards={safeguardOptions}
                today={evaluation.as_of}
                defaultBy={you}
              />
            </RoleGate>
          </div>
        </div>
      </section>

      <section id="chart" className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Score against training compute</h2>
        <ChartPanel data={scatter} modelName={model.name} policyId={policy.id} options={data.chart.options} />
      </section>

      <section id="scores" className="panel" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores ({data.scores.length})</h2>
        {data.scores.length === 0 ? (
          <p className="state">No scores recorded for this model.</p>
        ) : (
          <ScoresTable rows={scoreRows} />
        )}
        {evaluation.ignored.length > 0 && (
          <details>
            <summary>{evaluation.ignored.length} scores this policy does not read</summary>
            <ul>
              {evaluation.ignored.map((i, k) => (
                <li key={k}>
                  <code>{i.metric}</code>: {i.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}
