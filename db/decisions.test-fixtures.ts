import { execFileSync } from "node:child_process";
import type { Db } from "./index";
import { importFile } from "./ingest";
import type { BatchReport } from "./ingest";
import { syncShippedPolicies } from "./policies";
import { createAttestation, createDetermination } from "./records";

/**
 * Test-only: three synthetic models under openai-preparedness-v2 whose `deploy-external` gate gives
 * each kind of outcome (after the policy's own pass-/fail- fixtures, with dates that do not expire):
 *  - allow: below every indicative threshold;
 *  - conditional: bio High as a precaution (determination), all High safeguards attested;
 *  - block: cybench 0.62 (cyber High) and no safeguard attested.
 */
export const POLICY = "openai-preparedness-v2";
export const ACTION = "deploy-external";
export const MODELS = { allow: "fixture-allow", conditional: "fixture-conditional", block: "fixture-block" };

export const FIXTURE_CSV = `model,metric,value,stderr,evaluated_at
fixture-allow,safetywashing.wmdp_bio,0.4,,2026-05-20
fixture-allow,cybench.unguided,0.2,0.06,2026-05-20
fixture-allow,posttrainbench.average,0.12,0.02,2026-05-20
fixture-conditional,safetywashing.wmdp_bio,0.23,0.01,2026-05-20
fixture-conditional,cybench.unguided,0.3,0.07,2026-05-20
fixture-conditional,posttrainbench.average,0.15,0.02,2026-05-20
fixture-block,safetywashing.wmdp_bio,0.4,,2026-05-20
fixture-block,cybench.unguided,0.62,0.03,2026-05-20
fixture-block,posttrainbench.average,0.12,0.02,2026-05-20
`;

/** Makes fixture-allow cyber High (cybench 0.62): its deploy-external gate then blocks. */
export const RAISE_ALLOW_CSV = `model,metric,value,stderr,evaluated_at
fixture-allow,cybench.unguided,0.62,0.03,2026-06-20
`;

/** A metric openai-preparedness-v2 does not read: the input changes, the result does not. */
export const UNRELATED_CSV = `model,metric,value,evaluated_at
fixture-allow,demo.unrelated,0.5,2026-06-20
`;

export function importCsv(db: Db, name: string, csv: string, actor = "test:importer"): BatchReport {
  return importFile(db, { name, bytes: new TextEncoder().encode(csv) }, { actor });
}

export function seedGateFixtures(db: Db): void {
  syncShippedPolicies(db);
  const r = importCsv(db, "gate-fixtures.csv", FIXTURE_CSV);
  if (r.status !== "imported") throw new Error(`fixture import: ${JSON.stringify(r.rejected)}`);
  const m = MODELS.conditional;
  for (const [threshold, outcome] of [
    ["bio-chem-high", "cannot_rule_out"],
    ["bio-chem-critical", "not_reached"],
  ] as const)
    createDetermination(
      db,
      {
        model: m,
        policy: POLICY,
        threshold,
        outcome,
        rationale: "precautionary (synthetic)",
        at: "2026-06-01",
      },
      "test:sag",
    );
  for (const safeguard of ["security-controls-high", "misuse-safeguards-high", "safeguards-report-high"])
    createAttestation(
      db,
      { model: m, policy: POLICY, safeguard, status: "verified", at: "2026-06-01", expires_at: "2099-01-01" },
      "test:security",
    );
  createDetermination(
    db,
    {
      model: MODELS.block,
      policy: POLICY,
      threshold: "cyber-critical",
      outcome: "not_reached",
      rationale: "no zero-days (synthetic)",
      at: "2026-06-01",
    },
    "test:sag",
  );
}

/** Runs SQL through the sqlite3 command-line shell, as someone with file access would tamper. */
export function sqlite3(file: string, sql: string): string {
  return execFileSync("sqlite3", [file, sql], { encoding: "utf8" });
}
