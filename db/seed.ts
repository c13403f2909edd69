import path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { normaliseModelId } from "@/lib/ingest";
import type { Policy } from "@/lib/policy";
import { thresholdLevel } from "@/lib/policy";
import type { Db } from "./index";
import { importFile } from "./ingest";
import type { BatchReport } from "./ingest";
import { recordAudit } from "./audit";
import { determinations, models } from "./schema";
import { inForceFrom, lineages, versionInForce } from "@/lib/policy/lineage";
import { listPublishedPolicies, syncShippedPolicies } from "./policies";
import type { SkippedPolicyFile } from "./policies";

export const SEED_ACTOR = "scalegate-seed";

function seedDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "seed");
}

/** Real public files shipped in db/seed (provenance in db/seed/PROVENANCE.md), imported in this order. */
export const SEED_FILES = [
  "epoch/gpqa_diamond.csv",
  "epoch/cybench_external.csv",
  "epoch/swe_bench_verified.csv",
  "epoch/terminalbench_external.csv",
  "epoch/posttrainbench_external.csv",
  "metr/benchmark_results_1_1.yaml",
  "obsscaling/base_llm_benchmark_eval.csv",
  "obsscaling/base_llm_emergent_capability_eval.csv",
  "safetywashing/benchmarks_chat_models.csv",
  "safetywashing/benchmarks_base_models.csv",
] as const;

/**
 * Names that really are different models though they look alike (a dated re-release is a new model).
 * Everything else that looks alike must be mapped in model-aliases.csv or it is refused.
 */
const DISTINCT_MODELS = new Set(["DeepSeek-R1", "DeepSeek-V3"]);

interface AliasRow {
  raw: string;
  model_id: string;
}

function readAliases(): Record<string, string> {
  const rows = parseCsv(readFileSync(path.join(seedDir(), "model-aliases.csv")), {
    columns: true,
    skip_empty_lines: true,
  }) as AliasRow[];
  return Object.fromEntries(rows.map((r) => [r.raw, r.model_id]));
}

export interface DeterminationRow {
  model: string;
  developer: string;
  model_release_date: string;
  framework: string;
  framework_version: string;
  domain: string;
  threshold_or_category: string;
  outcome: "reached" | "not_reached" | "cannot_rule_out" | "alert_reached";
  level_assigned: string;
  mitigation: string;
  quote: string;
  source_title: string;
  source_url: string;
  source_kind: "primary" | "secondary";
}

/** The framework a published row names: the stem of its policy ids, and the version the row states. */
function statedVersion(r: Pick<DeterminationRow, "framework" | "framework_version">): {
  stem: string;
  id: string;
  date: string | null;
} {
  const v = r.framework_version.split(" ")[0]!.toLowerCase();
  const date = /\((\d{4}-\d{2}-\d{2})\)/.exec(r.framework_version)?.[1] ?? null;
  if (r.framework.startsWith("OpenAI"))
    return {
      stem: "openai-preparedness-",
      id: v === "beta" ? "openai-preparedness-beta" : `openai-preparedness-${v}`,
      date,
    };
  if (r.framework.startsWith("Anthropic"))
    return { stem: "anthropic-rsp-", id: `anthropic-rsp-${v.replace(/\./g, "-")}`, date };
  if (r.framework.startsWith("Google"))
    return { stem: "deepmind-fsf-", id: `deepmind-fsf-${v.replace(/\.0$/, "").replace(/\./g, "-")}`, date };
  const id = slug(`${r.framework}-${v}`);
  return { stem: `${id}\u0000`, id, date };
}

/** Which policy id a published row is filed under, and why. */
export interface PolicyChoice {
  policyId: string;
  /** the id of the version the row itself names (shipped or not) */
  stated: string;
  /** "date": the shipped version in force on the row's date; "stated": the row's own version */
  by: "date" | "stated";
  reason: string;
}

/**
 * The policy a published determination is filed under: the shipped version of its framework that was in
 * force on the determination's date (lib/policy/lineage.ts). The version the row states is kept (as an
 * id that no shipped file encodes) when the date cannot pick a shipped one:
 *  - the framework has no shipped version, or its shipped versions are not one `supersedes` lineage;
 *  - the date is before the first shipped version took effect (RSP v1.0 and v2.0, FSF v2.0);
 *  - the row names a version Scalegate does not ship that took effect after the shipped one the date
 *    picks (e.g. RSP v3.0 of 2026-02-24, between the shipped v2.2 and v3.4): the shipped lineage has a
 *    gap there, and filing the row under the older shipped version would apply it to thresholds it
 *    was not made against.
 */
export function policyIdFor(
  r: Pick<DeterminationRow, "framework" | "framework_version" | "model_release_date">,
  shipped: readonly Policy[],
): PolicyChoice {
  const stated = statedVersion(r);
  const keep = (reason: string): PolicyChoice => ({
    policyId: stated.id,
    stated: stated.id,
    by: "stated",
    reason,
  });
  const family = lineages(shipped).filter((l) => l.some((p) => p.id.startsWith(stated.stem)));
  if (family.length === 0) return keep("no shipped version of this framework");
  if (family.length > 1)
    return keep(
      `the shipped versions of this framework (${family
        .flat()
        .map((p) => p.id)
        .join(", ")}) are not linked by supersedes`,
    );
  const date = r.model_release_date;
  const period = versionInForce(family[0]!, date);
  if (!period)
    return keep(
      `${date} is before the first shipped version, ${family[0]![0]!.id} (${inForceFrom(family[0]![0]!)})`,
    );
  const statedShipped = shipped.some((p) => p.id === stated.id);
  if (!statedShipped && stated.date && stated.date > period.from && stated.date <= date)
    return keep(
      `the row names ${stated.id} (${stated.date}), which is not shipped and took effect after ${period.policy.id} (${period.from})`,
    );
  return {
    policyId: period.policy.id,
    stated: stated.id,
    by: "date",
    reason: `${period.policy.id} was in force on ${date} (from ${period.from}${period.until ? ` until ${period.until}` : ""})`,
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Named thresholds of RSP and FSF rows → threshold ids of the shipped policies. */
const NAMED: Record<string, string[]> = {
  "CBRN-3": ["cbrn-3"],
  "CBRN-3 (ASL-3 Standard)": ["cbrn-3"],
  "CBRN-3 (ASL-3 Standard required)": ["cbrn-3"],
  "ASL-3 Standard (deployment and security)": ["cbrn-3"],
  "CBRN-4": ["cbrn-4"],
  "AI R&D-4": ["ai-rd-4"],
  "ASL-4 thresholds (CBRN-4, AI R&D-4)": ["cbrn-4", "ai-rd-4"],
  "CBRN Uplift Level 1 CCL": ["cbrn-uplift-1"],
  "CBRN Uplift Level 1 (alert threshold)": ["cbrn-uplift-1-alert"],
  "Cyber Uplift Level 1 CCL": ["cyber-uplift-1"],
  "Cyber Uplift Level 1 (alert threshold)": ["cyber-uplift-1-alert"],
  "ML R&D Automation Level 1 CCL": ["ml-rd-automation-1"],
};

const DOMAIN_WORDS: [RegExp, RegExp][] = [
  [/cyber/i, /cyber/i],
  [/biolog|cbrn|chem/i, /bio|cbrn|chem/i],
  [/self-improvement|autonomy/i, /self-improvement|autonomy|self improvement/i],
  [/persuasion/i, /persuasion/i],
];

/**
 * Which thresholds of the encoding policy a published row speaks to. OpenAI rows name a category and a
 * level, so they are matched by the domain's title and the threshold's level; RSP and FSF rows name the
 * threshold itself. A row of a framework version that is not shipped keeps a slug of its own wording.
 */
function thresholdsFor(r: DeterminationRow, policy: Policy | undefined): string[] {
  if (policy && r.framework.startsWith("OpenAI")) {
    const level = r.threshold_or_category.toLowerCase();
    const words = DOMAIN_WORDS.find(([row]) => row.test(r.domain));
    const domain = words ? policy.domains.find((d) => words[1].test(`${d.id} ${d.title}`)) : undefined;
    const hit = domain?.thresholds.find((t) => thresholdLevel(t) === level);
    if (hit) return [hit.id];
  }
  const named = NAMED[r.threshold_or_category];
  if (
    policy &&
    named &&
    named.every((id) => policy.domains.some((d) => d.thresholds.some((t) => t.id === id)))
  )
    return named;
  return [slug(`${r.domain} ${r.threshold_or_category}`)];
}

/** The published determinations, labelled primary or secondary, each as the lab's statement under its own framework version. */
function seedDeterminations(db: Db, aliases: Record<string, string>): number {
  const rows = parseCsv(readFileSync(path.join(seedDir(), "determinations", "determinations.csv")), {
    columns: true,
    skip_empty_lines: true,
  }) as DeterminationRow[];
  const shipped = listPublishedPolicies(db).map((p) => p.policy);
  const policies = new Map(shipped.map((p) => [p.id, p]));
  let n = 0;
  db.$client
    .transaction(() => {
      rows.forEach((r, i) => {
        const modelId = aliases[r.model] ?? normaliseModelId(r.model);
        const existing = db.select().from(models).where(eq(models.id, modelId)).get();
        if (!existing) {
          db.insert(models)
            .values({
              id: modelId,
              name: r.model,
              developer: r.developer,
              releaseDate: r.model_release_date,
              metadataSources: {
                developer: "db/seed/determinations/determinations.csv",
                release_date: "db/seed/determinations/determinations.csv",
              },
            })
            .run();
        } else if (!existing.developer || !existing.releaseDate) {
          db.update(models)
            .set({
              developer: existing.developer ?? r.developer,
              releaseDate: existing.releaseDate ?? r.model_release_date,
              metadataSources: {
                ...existing.metadataSources,
                ...(existing.developer ? {} : { developer: "determinations.csv" }),
                ...(existing.releaseDate ? {} : { release_date: "determinations.csv" }),
              },
            })
            .where(eq(models.id, modelId))
            .run();
        }
        const choice = policyIdFor(r, shipped);
        const policyId = choice.policyId;
        for (const thresholdId of thresholdsFor(r, policies.get(policyId))) {
          // "alert_reached" is a statement about the alert threshold itself: it was reached.
          const outcome = r.outcome === "alert_reached" ? "reached" : r.outcome;
          const row = db
            .insert(determinations)
            .values({
              modelId,
              policyId,
              thresholdId,
              outcome,
              mitigation: r.mitigation === "pre" || r.mitigation === "post" ? r.mitigation : null,
              by: `${r.developer} (published)`,
              rationale:
                `${r.developer} assigned "${r.level_assigned}" for ${r.domain} under ${r.framework} ${r.framework_version}.` +
                (policyId === choice.stated ? "" : ` Filed under ${policyId}: ${choice.reason}.`),
              quote: r.quote,
              sourceTitle: r.source_title,
              sourceUrl: r.source_url,
              sourceKind: r.source_kind,
              evidence: [`db/seed/determinations/determinations.csv:${i + 1}`],
              at: r.model_release_date,
              createdBy: SEED_ACTOR,
            })
            .returning({ id: determinations.id })
            .get();
          recordAudit(db, {
            actor: SEED_ACTOR,
            action: "determination.create",
            subject: `model:${modelId}`,
            payload: {
              id: row.id,
              model: modelId,
              policy: policyId,
              threshold: thresholdId,
              outcome,
              source_kind: r.source_kind,
              row: i + 1,
            },
          });
          n++;
        }
      });
    })
    .immediate();
  return n;
}

export interface SeedReport {
  seeded: boolean;
  policies_published: string[];
  /** shipped files not published over a version an author published or retired (db/policies.ts) */
  policies_skipped: SkippedPolicyFile[];
  batches: Pick<BatchReport, "file" | "status" | "inserted" | "rejected" | "models_created">[];
  determinations: number;
}

/**
 * On first start: publishes the shipped policies and, when the database holds no model yet, imports
 * the real public demo data. Every import is an ordinary audited batch by the seed actor.
 */
export function seedDemo(db: Db): SeedReport {
  const { published, skipped } = syncShippedPolicies(db);
  const report: SeedReport = {
    seeded: false,
    policies_published: published,
    policies_skipped: skipped,
    batches: [],
    determinations: 0,
  };
  if (db.select({ id: models.id }).from(models).limit(1).get()) return report;
  const aliases = readAliases();
  const info = readFileSync(path.join(seedDir(), "safetywashing", "benchmarks_info.csv"));
  for (const f of SEED_FILES) {
    const bytes = readFileSync(path.join(/*turbopackIgnore: true*/ seedDir(), f));
    const r = importFile(
      db,
      { name: `db/seed/${f}`, bytes },
      {
        actor: SEED_ACTOR,
        aliases,
        benchmarksInfo: info,
        partial: true,
        acceptNewModels: false,
        newModels: DISTINCT_MODELS,
      },
    );
    report.batches.push({
      file: r.file,
      status: r.status,
      inserted: r.inserted,
      rejected: r.rejected,
      models_created: r.models_created,
    });
  }
  report.determinations = seedDeterminations(db, aliases);
  report.seeded = true;
  return report;
}
