import path from "node:path";
import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseCsvExport, parseJsonlExport, SignedHead, verifyHead } from "@/lib/audit";
import { GateResponse, ReplayResult } from "@/lib/api/governance-schemas";
import { recordAudit, verifyAuditLog } from "@/db/audit";
import { recordDecision } from "@/db/decisions";
import { ACTION, MODELS, POLICY, seedGateFixtures, sqlite3 } from "@/db/decisions.test-fixtures";
import { cli, openTempDb, REPO_ROOT } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";

let open: TempDb[] = [];
afterEach(() => {
  for (const t of open) t.dispose();
  open = [];
  delete process.env.SCALEGATE_SIGNING_KEY;
});

function fixtureDb(): TempDb {
  const t = openTempDb();
  open.push(t);
  seedGateFixtures(t.db);
  return t;
}

function run(t: TempDb, ...argv: string[]) {
  return cli(["--db", t.file, ...argv]);
}

function count(t: TempDb, table: string): number {
  return (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe("gate: records the evaluation and exits 0 allow, 3 conditional, 4 stop", () => {
  const rows = [
    { label: "allow → 0", model: MODELS.allow, action: ACTION, outcome: "allow", code: 0 },
    { label: "conditional → 3", model: MODELS.conditional, action: ACTION, outcome: "conditional", code: 3 },
    { label: "block → 4", model: MODELS.block, action: ACTION, outcome: "block", code: 4 },
    { label: "pause → 4", model: MODELS.block, action: "continue-development", outcome: "pause", code: 4 },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const t = fixtureDb();
      const json = await run(
        t,
        "gate",
        "--model",
        row.model,
        "--policy",
        POLICY,
        "--action",
        row.action,
        "--json",
      );
      expect(json.code, json.stderr).toBe(row.code);
      const answer = GateResponse.parse(JSON.parse(json.stdout));
      expect(answer.outcome).toBe(row.outcome);
      expect(answer.reasons.length).toBeGreaterThan(0);
      expect(answer.policy_version).toMatchObject({ policy: POLICY, version: "2" });
      expect(count(t, "decisions")).toBe(1);

      const text = await run(
        t,
        "gate",
        "--model",
        row.model,
        "--policy",
        POLICY,
        "--action",
        row.action,
        "--as",
        "ci:pipeline",
      );
      expect(text.code).toBe(row.code);
      expect(text.stdout).toMatch(new RegExp(`^${row.action}: ${row.outcome}\\n`));
      expect(text.stdout).toMatch(/decision 2\n/);
      expect(text.stdout).toMatch(/reasons:\n {2}- /);
      const actors = t.db.$client.prepare("SELECT decided_by AS a FROM decisions ORDER BY id").all() as {
        a: string;
      }[];
      expect(actors[0]!.a).toMatch(/^cli:/);
      expect(actors[1]!.a).toBe("ci:pipeline");
      const last = t.db.$client.prepare("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").get() as {
        action: string;
      };
      expect(last.action).toBe("evaluation.record");
    });
  }

  const bad = [
    {
      label: "missing --action is usage (2)",
      argv: ["--model", MODELS.allow, "--policy", POLICY],
      code: 2,
      err: /missing: --action/,
    },
    {
      label: "unknown action is invalid input (1) and names the actions",
      argv: ["--model", MODELS.allow, "--policy", POLICY, "--action", "ship-it"],
      code: 1,
      err: /has no action "ship-it"[\s\S]*one of: deploy-external, deploy-internal-large-scale, continue-development/,
    },
    {
      label: "unknown model (1)",
      argv: ["--model", "nope", "--policy", POLICY, "--action", ACTION],
      code: 1,
      err: /no model "nope"/,
    },
  ];
  for (const row of bad) {
    it(row.label, async () => {
      const t = fixtureDb();
      const r = await run(t, "gate", ...row.argv);
      expect(r.code).toBe(row.code);
      expect(r.stderr).toMatch(row.err);
      expect(count(t, "decisions")).toBe(0);
    });
  }
});

describe("signoff", () => {
  const signoff = (over: Partial<Record<string, string | null>> = {}) => {
    const args: Record<string, string | null> = {
      model: MODELS.conditional,
      policy: POLICY,
      action: ACTION,
      outcome: "approve_with_conditions",
      rationale: "Safeguards report found sufficient",
      conditions: "publish the system card",
      as: "alice@example.org",
      ...over,
    };
    return Object.entries(args).flatMap(([k, v]) => (v === null || v === undefined ? [] : [`--${k}`, v]));
  };
  const rows = [
    {
      label: "approve with conditions is recorded (0)",
      over: {},
      code: 0,
      out: /decision 1 recorded: approve_with_conditions of deploy-external/,
    },
    { label: "--as is required (2)", over: { as: null }, code: 2, err: /missing: --as/ },
    { label: "--rationale is required (2)", over: { rationale: null }, code: 2, err: /missing: --rationale/ },
    {
      label: "an unknown outcome is usage (2)",
      over: { outcome: "yes" },
      code: 2,
      err: /--outcome must be one of/,
    },
    {
      label: "conditions are required for approve_with_conditions (1)",
      over: { conditions: null },
      code: 1,
      err: /needs the conditions/,
    },
    {
      label: "approving a blocked gate is recorded with a warning (0)",
      over: { model: MODELS.block, outcome: "approve", conditions: null },
      code: 0,
      err: /warning: approve overrules the policy's gate outcome "block"/,
    },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const t = fixtureDb();
      const r = await run(t, "signoff", ...signoff(row.over));
      expect(r.code, r.stderr).toBe(row.code);
      if (row.out) expect(r.stdout).toMatch(row.out);
      if (row.err) expect(r.stderr).toMatch(row.err);
      expect(count(t, "decisions")).toBe(row.code === 0 ? 1 : 0);
    });
  }

  it("--json answers the decision and its audit entry", async () => {
    const t = fixtureDb();
    const r = await run(t, "signoff", ...signoff(), "--json");
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.decision).toMatchObject({
      kind: "signoff",
      outcome: "conditional",
      decided_by: "alice@example.org",
      signoff: { outcome: "approve_with_conditions", conditions: "publish the system card" },
    });
    expect(body.audit.seq).toBe(count(t, "audit_log"));
  });
});

describe("decision list | replay", () => {
  it("lists newest first, filters by model, shows status", async () => {
    const t = fixtureDb();
    for (const m of [MODELS.allow, MODELS.block])
      recordDecision(t.db, { modelId: m, policyId: POLICY, action: ACTION, actor: "t" });
    const all = await run(t, "decision", "list", "--json");
    expect(JSON.parse(all.stdout).decisions.map((d: { model: string }) => d.model)).toEqual([
      MODELS.block,
      MODELS.allow,
    ]);
    const one = await run(t, "decision", "list", "--model", MODELS.allow, "--status");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/status/);
    expect(one.stdout).toMatch(/fixture-allow .* current/);
    expect(one.stdout).not.toMatch(/fixture-block/);
  });

  const rows = [
    { label: "untouched → 0", sql: null, code: 0, mismatch: null },
    {
      label: "stored result changed → 1, result_hash",
      code: 1,
      mismatch: "result_hash",
      sql: (id: number) =>
        `UPDATE decisions SET result = replace(result, '"block"', '"allow"') WHERE id = ${id}`,
    },
    {
      label: "stored input changed → 1, input_hash",
      code: 1,
      mismatch: "input_hash",
      sql: (id: number) =>
        `UPDATE decisions SET input = replace(input, '"value":0.62', '"value":0.1') WHERE id = ${id}`,
    },
  ];
  for (const row of rows) {
    it(`replay: ${row.label}`, async () => {
      const t = fixtureDb();
      const { decision } = recordDecision(t.db, {
        modelId: MODELS.block,
        policyId: POLICY,
        action: ACTION,
        actor: "t",
      });
      if (row.sql) sqlite3(t.file, row.sql(decision.id));
      const text = await run(t, "decision", "replay", String(decision.id));
      expect(text.code).toBe(row.code);
      if (row.mismatch)
        expect(text.stderr).toMatch(new RegExp(`does NOT replay: .*${row.mismatch} mismatch`));
      else
        expect(text.stdout).toMatch(/replays: policy hash ok, input hash ok, result hash ok, outcome block/);
      const json = await run(t, "decision", "replay", String(decision.id), "--json");
      const r = ReplayResult.parse(JSON.parse(json.stdout));
      expect(r.ok).toBe(row.code === 0);
      if (row.mismatch) expect(r.mismatches).toContain(row.mismatch);
    });
  }

  it("replay of a decision that does not exist is 1, of a non-number 2", async () => {
    const t = fixtureDb();
    expect((await run(t, "decision", "replay", "99")).code).toBe(1);
    expect((await run(t, "decision", "replay", "abc")).code).toBe(2);
  });
});

describe("audit verify finds the first broken entry", () => {
  function logWithDecisions(): TempDb {
    const t = fixtureDb();
    for (const m of Object.values(MODELS))
      recordDecision(t.db, { modelId: m, policyId: POLICY, action: ACTION, actor: "t" });
    return t;
  }
  const rows = [
    {
      // seq 1-6: the shipped policies' policy.publish entries; seq 9 is a fixture record
      label: "one byte of a payload changed at seq 9",
      seq: 9,
      reason: "hash_mismatch",
      sql: "UPDATE audit_log SET payload = replace(payload, 'test', 'tesT') WHERE seq = 9",
    },
    {
      label: "a payload replaced by text that is not JSON at seq 2",
      seq: 2,
      reason: "payload_not_json",
      sql: "UPDATE audit_log SET payload = substr(payload, 2) WHERE seq = 2",
    },
    {
      label: "the actor rewritten at seq 5",
      seq: 5,
      reason: "hash_mismatch",
      sql: "UPDATE audit_log SET actor = 'someone else' WHERE seq = 5",
    },
    {
      label: "entry 4 deleted: fails at the next one",
      seq: 5,
      reason: "seq_gap",
      sql: "DELETE FROM audit_log WHERE seq = 4",
    },
    {
      label: "entry 4 deleted and the rest renumbered",
      seq: 4,
      reason: "prev_hash_mismatch",
      sql: "DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4",
    },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const t = logWithDecisions();
      expect((await run(t, "audit", "verify")).code).toBe(0);
      sqlite3(t.file, row.sql);
      const text = await run(t, "audit", "verify");
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(new RegExp(`BROKEN \\(database\\) at seq ${row.seq}: ${row.reason}`));
      const json = await run(t, "audit", "verify", "--json");
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        first_broken: { seq: row.seq, reason: row.reason },
      });
    });
  }

  it("an intact log: 0, with the count and head", async () => {
    const t = logWithDecisions();
    const r = await run(t, "audit", "verify");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `audit chain ok \\(database\\): ${count(t, "audit_log")} entries; head seq ${count(t, "audit_log")}`,
      ),
    );
  });
});

describe("audit export", () => {
  it("jsonl and csv stream the filtered entries; a CSV with formula-like cells is neutralised and verifies", async () => {
    const t = fixtureDb();
    // Cells a spreadsheet would execute: an actor, and a bare negative number as a payload.
    recordDecision(t.db, {
      modelId: MODELS.allow,
      policyId: POLICY,
      action: ACTION,
      actor: '=HYPERLINK("http://evil","x")',
      signoff: { outcome: "approve", rationale: "=1+1" },
    });
    t.db.$client.transaction(() =>
      recordAudit(t.db, { actor: "@admin", action: "signoff", subject: "+subject", payload: -1 }),
    )();
    const total = count(t, "audit_log");

    const jsonl = await run(t, "audit", "export", "--format", "jsonl");
    expect(jsonl.code).toBe(0);
    expect(parseJsonlExport(jsonl.stdout)).toHaveLength(total);

    const imports = await run(t, "audit", "export", "--format", "jsonl", "--action", "import");
    expect(parseJsonlExport(imports.stdout).map((e) => e.action)).toEqual(["import"]);

    const csvFile = path.join(t.dir, "audit.csv");
    const csv = await run(t, "audit", "export", "--format", "csv", "--out", csvFile);
    expect(csv.code).toBe(0);
    const text = readFileSync(csvFile, "utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(text).toContain(`"'@admin","signoff","'+subject","'-1"`);
    expect(text).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(parseCsvExport(text)).toHaveLength(total);
    const verified = await run(t, "audit", "verify", "--file", csvFile);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      new RegExp(`ok \\(${csvFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\): ${total} entries`),
    );

    // A tampered CSV export fails at the row changed.
    writeFileSync(csvFile, text.replace("=1+1", "=1+2"));
    const broken = await run(t, "audit", "verify", "--file", csvFile, "--json");
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).first_broken).toMatchObject({ seq: total - 1, reason: "hash_mismatch" });
  });

  const filters = [
    { label: "by actor", argv: ["--actor", "test:sag"], expect: 3 },
    {
      label: "by day (to is inclusive)",
      argv: ["--from", "2000-01-01", "--to", new Date().toISOString().slice(0, 10)],
      expect: "all",
    },
    { label: "a day before everything", argv: ["--to", "2000-01-01"], expect: 0 },
  ] as const;
  for (const row of filters) {
    it(`filter ${row.label}`, async () => {
      const t = fixtureDb();
      const r = await run(t, "audit", "export", "--format", "jsonl", ...row.argv);
      expect(r.code, r.stderr).toBe(0);
      expect(parseJsonlExport(r.stdout)).toHaveLength(
        row.expect === "all" ? count(t, "audit_log") : row.expect,
      );
    });
  }

  const bad = [
    { label: "no --format is usage (2)", argv: [], code: 2 },
    {
      label: "an unknown action is invalid input (1)",
      argv: ["--format", "csv", "--action", "nope"],
      code: 1,
    },
    {
      label: "to before from is invalid input (1)",
      argv: ["--format", "csv", "--from", "2025-02-01", "--to", "2025-01-01"],
      code: 1,
    },
  ];
  for (const row of bad) {
    it(row.label, async () => {
      const t = fixtureDb();
      expect((await run(t, "audit", "export", ...row.argv)).code).toBe(row.code);
    });
  }
});

describe("audit head and keygen: a signed head round-trips and catches a cut-off tail", () => {
  it("keygen, head signed with SCALEGATE_SIGNING_KEY, verify the export against it", async () => {
    const t = fixtureDb();
    recordDecision(t.db, { modelId: MODELS.allow, policyId: POLICY, action: ACTION, actor: "t" });
    const unsigned = await run(t, "audit", "head", "--json");
    expect(unsigned.code).toBe(0);
    expect(JSON.parse(unsigned.stdout)).toMatchObject({ head: { seq: count(t, "audit_log") }, signed: null });

    const keys = path.join(t.dir, "keys");
    const gen = await run(t, "audit", "keygen", "--out", keys);
    expect(gen.code).toBe(0);
    const priv = path.join(keys, "audit-signing-key.pem");
    const pub = path.join(keys, "audit-signing-key.pub.pem");
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect((await run(t, "audit", "keygen", "--out", keys)).code).toBe(1);

    process.env.SCALEGATE_SIGNING_KEY = priv;
    const signedRun = await run(t, "audit", "head", "--json");
    expect(signedRun.code).toBe(0);
    const { head, signed } = JSON.parse(signedRun.stdout);
    expect(signed).toMatchObject({ seq: head.seq, hash: head.hash, at: head.at, alg: "Ed25519" });
    expect(verifyHead(SignedHead.parse(signed), readFileSync(pub, "utf8"))).toMatchObject({ ok: true });
    const headFile = path.join(t.dir, "head.json");
    writeFileSync(headFile, JSON.stringify(signed));

    const exportFile = path.join(t.dir, "audit.jsonl");
    await run(t, "audit", "export", "--format", "jsonl", "--out", exportFile);
    const full = await run(
      t,
      "audit",
      "verify",
      "--file",
      exportFile,
      "--head",
      headFile,
      "--public-key",
      pub,
    );
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toMatch(/signed head seq \d+ \(key [0-9a-f]{16}\) matches/);

    // Drop the last entry: the shorter chain is valid on its own, but not against the signed head.
    const lines = readFileSync(exportFile, "utf8").trimEnd().split("\n");
    writeFileSync(exportFile, `${lines.slice(0, -1).join("\n")}\n`);
    const cut = await run(
      t,
      "audit",
      "verify",
      "--file",
      exportFile,
      "--head",
      headFile,
      "--public-key",
      pub,
    );
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/ends at seq \d+, before the signed head .*entries were removed/);

    // A head whose signature does not match.
    writeFileSync(headFile, JSON.stringify({ ...signed, seq: signed.seq - 1 }));
    const forged = await run(t, "audit", "verify", "--head", headFile, "--public-key", pub);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/bad_signature/);
  });

  it("refuses to sign the head of a broken chain", async () => {
    const t = fixtureDb();
    sqlite3(t.file, "UPDATE audit_log SET actor = 'x' WHERE seq = 1");
    const r = await run(t, "audit", "head");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BROKEN .* at seq 1/);
  });
});

/** Real concurrency: separate processes, one SQLite file, BEGIN IMMEDIATE and busy_timeout between them. */
describe("concurrent CLI processes", () => {
  function spawnCli(args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: "" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (c) => (stderr += c));
      child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
    });
  }

  it("8 sign-offs and 4 imports at once: all recorded, one valid chain", async () => {
    const t = fixtureDb();
    const before = count(t, "audit_log");
    const csvs = [0, 1, 2, 3].map((i) => {
      const f = path.join(t.dir, `extra-${i}.csv`);
      writeFileSync(
        f,
        `model,metric,value,evaluated_at\nfixture-allow,demo.concurrent_${i},0.${i + 1},2026-06-01\n`,
      );
      return f;
    });
    const jobs = [
      ...Array.from({ length: 8 }, (_, i) =>
        spawnCli([
          "--db",
          t.file,
          "signoff",
          "--model",
          Object.values(MODELS)[i % 3]!,
          "--policy",
          POLICY,
          "--action",
          ACTION,
          "--outcome",
          "block",
          "--rationale",
          `concurrent ${i}`,
          "--as",
          `reviewer-${i}`,
        ]),
      ),
      ...csvs.map((f) => spawnCli(["--db", t.file, "ingest", f, "--as", "importer"])),
    ];
    const results = await Promise.all(jobs);
    expect(
      results.map((r) => r.code),
      results.map((r) => r.stderr).join("\n"),
    ).toEqual(Array(12).fill(0));
    expect(count(t, "decisions")).toBe(8);
    expect(count(t, "audit_log")).toBe(before + 12);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: before + 12 });
  }, 120_000);
});
