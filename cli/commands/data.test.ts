import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cli,
  cliDbFiles,
  count,
  fingerprint,
  fixtureBytes,
  inspectEval,
  tempDbs,
  REPO_ROOT,
  removeTemp,
  tempDir,
  truncated,
  writeFile,
  zipBomb,
} from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { ACCEPT_CASES, REJECT_CASES } from "@/test/fixtures/db/cases";
import { verifyAuditLog } from "@/db/audit";

interface Report {
  file: string;
  sha256: string;
  format: string;
  status: string;
  batch_id: number | null;
  inserted: number;
  duplicates: number;
  rejected: { row: number; field?: string; message: string }[];
  models_created: string[];
  possible_duplicates: { raw: string; similar_to: string; reason: string }[];
}

const temp = tempDbs();

/** `ingest --json` in the database's own directory, with the db given relative to it. */
async function ingest(t: TempDb, ...args: string[]) {
  const run = await cli(["--db", "scalegate.db", "ingest", "--json", ...args], t.dir);
  const batches = run.stdout ? (JSON.parse(run.stdout) as { batches: Report[] }).batches : [];
  return { ...run, batches };
}

afterAll(() => {
  // every run here names its database with --db: none opened ./data/scalegate.db or anything outside tmp
  expect(cliDbFiles.length).toBeGreaterThan(50);
  expect(cliDbFiles.filter((f) => !f.startsWith(os.tmpdir() + path.sep))).toEqual([]);
});

describe("ingest refuses a bad file whole: exit 1, the report names the rows, the database is unchanged", () => {
  it.each(REJECT_CASES)("$label", async ({ file, content, before, rejected }) => {
    const t = temp();
    for (const b of before ?? []) {
      writeFile(t.dir, b.file, b.content ?? fixtureBytes(b.file));
      expect((await ingest(t, b.file)).code).toBe(0);
    }
    writeFile(t.dir, file, content);
    const pre = fingerprint(t.db, t.file);

    const run = await ingest(t, file);

    expect(run.code).toBe(1);
    expect(run.batches).toHaveLength(1);
    expect(run.batches[0]).toMatchObject({
      file,
      format: "generic-csv",
      status: "rejected",
      batch_id: null,
      inserted: 0,
      duplicates: 0,
      models_created: [],
    });
    expect(run.batches[0]?.rejected).toEqual(rejected);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it.each([
    {
      label: "unknown format",
      file: "notes.txt",
      bytes: () => "hello, world\nthis is not a score table\n",
      format: "unknown",
      message:
        /^UNSUPPORTED_FORMAT: notes\.txt: format not recognised from its content; supported: generic-csv, /,
    },
    {
      label: "missing file",
      file: "absent.csv",
      bytes: null,
      format: "unknown",
      message: /^no such file$/,
    },
    {
      label: "truncated ZIP",
      file: "x.eval",
      bytes: () => truncated(inspectEval()),
      format: "inspect-eval",
      message:
        /^CORRUPT: x\.eval: is not a readable ZIP archive: end of central directory not found \(truncated\?\)$/,
    },
    {
      label: "ZIP bomb: 260 MiB of zeros in a 260 KiB archive",
      file: "x.eval",
      bytes: () => zipBomb(260, { level: 1 }),
      format: "inspect-eval",
      message:
        /^TOO_LARGE: x\.eval: declares 260\.0 MiB\+ of uncompressed data \(entry "header\.json" alone 260\.0 MiB\); the limit is 256\.0 MiB$/,
    },
  ])("$label", async ({ file, bytes, format, message }) => {
    const t = temp();
    writeFile(t.dir, "a.csv", "model,metric,value\nm-a,demo.a,0.5\n");
    expect((await ingest(t, "a.csv")).code).toBe(0);
    if (bytes) writeFile(t.dir, file, bytes());
    const pre = fingerprint(t.db, t.file);

    const run = await ingest(t, file);

    expect(run.code).toBe(1);
    expect(run.batches).toEqual([
      expect.objectContaining({ file, format, status: "rejected", batch_id: null, inserted: 0 }),
    ]);
    expect(run.batches[0]?.rejected).toEqual([{ row: 0, message: expect.stringMatching(message) }]);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it("without --json, prints one line per file and one per rejected row", async () => {
    const t = temp();
    writeFile(t.dir, "bad.csv", "model,metric,value\nm-a,demo.a,0.5\nm-a,demo.b,abc\n");
    const run = await cli(["--db", "scalegate.db", "ingest", "bad.csv"], t.dir);
    expect(run).toEqual({
      code: 1,
      stdout:
        "bad.csv: rejected (generic-csv) — 0 inserted, 0 duplicates, 1 rejected\n" +
        '  bad.csv: row 2 value: value is not a number: "abc"\n',
      stderr: "",
    });
  });

  it("one bad file among good ones fails the run but not the good files' batches", async () => {
    const t = temp();
    writeFile(t.dir, "good.csv", "model,metric,value\nm-a,demo.a,0.5\n");
    writeFile(t.dir, "bad.csv", "model,metric,value\nm-b,demo.b,nan\n");
    const run = await ingest(t, "good.csv", "bad.csv");
    expect(run.code).toBe(1);
    expect(run.batches.map((b) => [b.file, b.status, b.inserted])).toEqual([
      ["good.csv", "imported", 1],
      ["bad.csv", "rejected", 0],
    ]);
    expect(count(t.db, "SELECT count(*) AS n FROM import_batches")).toBe(1);
  });
});

describe("ingest accepts", () => {
  it.each(ACCEPT_CASES)("$label", async ({ file, content }) => {
    const t = temp();
    writeFile(t.dir, file, content);
    const run = await ingest(t, file);
    expect(run.code).toBe(0);
    expect(run.batches).toEqual([
      expect.objectContaining({ file, format: "generic-csv", status: "imported", inserted: 1, rejected: [] }),
    ]);
    expect(t.db.$client.prepare("SELECT model_id, metric_id, value FROM scores").all()).toEqual([
      { model_id: "m-ok", metric_id: "demo.a", value: 0.25 },
    ]);
  });
});

describe("--partial, batches list, re-import and rollback", () => {
  const PARTIAL =
    "model,metric,value\nm-p,demo.a,0.1\nm-p,demo.b,abc\nm-p,demo.c,inf\nm-p,demo.d,0.4\nm-p,demo.a,0.1\n";
  const REJECTED = [
    { row: 2, field: "value", message: 'value is not a number: "abc"' },
    { row: 3, field: "value", message: 'value must be a finite number, got "inf"' },
    {
      row: 5,
      message: "duplicate of row 1 (same model, metric, mitigation, elicitation, evaluated_at and value)",
    },
  ];

  it("walks the whole cycle", async () => {
    const t = temp();
    writeFile(t.dir, "p.csv", PARTIAL);
    const db = ["--db", "scalegate.db"];

    const first = await ingest(t, "--partial", "p.csv");
    expect(first.code).toBe(0);
    expect(first.batches[0]).toMatchObject({ status: "imported", batch_id: 1, inserted: 2, duplicates: 0 });
    expect(first.batches[0]?.rejected).toEqual(REJECTED);

    const listed = await cli([...db, "batches", "list", "--json"], t.dir);
    expect(listed.code).toBe(0);
    const batches = (JSON.parse(listed.stdout) as { batches: Record<string, unknown>[] }).batches;
    expect(batches).toEqual([
      expect.objectContaining({
        id: 1,
        file_name: "p.csv",
        inserted: 2,
        rejected_count: 3,
        rejected: REJECTED,
        status: "active",
      }),
    ]);
    const table = (await cli([...db, "batches", "list"], t.dir)).stdout.split("\n");
    expect(table[0]).toMatch(/^id\s+file\s+format\s+inserted\s+dups\s+rejected\s+status\s+by\s+at$/);
    expect(table[2]).toMatch(/^1\s+p\.csv\s+generic-csv\s+2\s+0\s+3\s+active\s+cli:\S+\s+\d{4}-/);

    const pre = fingerprint(t.db, t.file);
    const again = await ingest(t, "--partial", "p.csv");
    expect(again.code).toBe(0);
    expect(again.batches[0]).toMatchObject({
      status: "unchanged",
      batch_id: null,
      inserted: 0,
      duplicates: 2,
    });
    expect(fingerprint(t.db, t.file)).toEqual(pre);

    const rb = await cli([...db, "batches", "rollback", "1", "--as", "test:reviewer"], t.dir);
    expect(rb).toEqual({ code: 0, stdout: "batch 1 rolled back: 2 scores removed\n", stderr: "" });
    expect(count(t.db, "SELECT count(*) AS n FROM scores")).toBe(0);
    expect(t.db.$client.prepare("SELECT actor, action FROM audit_log ORDER BY seq").all()).toEqual([
      { actor: expect.stringMatching(/^cli:/), action: "import" },
      { actor: "test:reviewer", action: "rollback" },
    ]);

    const rolled = fingerprint(t.db, t.file);
    const twice = await cli([...db, "batches", "rollback", "1"], t.dir);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toBe("");
    expect(twice.stderr).toMatch(/^error: batch 1 was already rolled back on \d{4}-\d\d-\d\dT[\d:.]+Z\n$/);
    const missing = await cli([...db, "batches", "rollback", "99"], t.dir);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: no import batch 99\n" });
    expect(fingerprint(t.db, t.file)).toEqual(rolled);

    const reimport = await ingest(t, "--partial", "p.csv");
    expect(reimport.batches[0]).toMatchObject({ status: "imported", batch_id: 2, inserted: 2 });
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 3 });
  });
});

describe("a file over 8 MiB is streamed", () => {
  it("--partial keeps the good rows, the batch records the file's sha256, re-import is unchanged", async () => {
    const t = temp();
    const note = "x".repeat(200);
    const rows = ["model,metric,value,source"];
    for (let i = 1; i <= 45_000; i++) rows.push(`m-stream,demo.v,${i === 20_000 ? "nan" : i / 1e5},${note}`);
    rows.push("m-stream,demo.v,0.00001," + note); // row 45001 repeats row 1
    const text = rows.join("\n") + "\n";
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    writeFile(t.dir, "big.csv", text);
    const sha = createHash("sha256").update(text).digest("hex");

    const first = await ingest(t, "--partial", "big.csv");
    expect(first.code).toBe(0);
    expect(first.batches[0]).toMatchObject({
      status: "imported",
      batch_id: 1,
      inserted: 44_999,
      sha256: sha,
    });
    expect(first.batches[0]?.rejected.map((e) => [e.row, e.field ?? null])).toEqual([
      [20_000, "value"],
      [45_001, null],
    ]);
    expect(t.db.$client.prepare("SELECT sha256, rejected_count FROM import_batches").all()).toEqual([
      { sha256: sha, rejected_count: 2 },
    ]);

    const pre = fingerprint(t.db, t.file);
    const again = await ingest(t, "--partial", "big.csv");
    expect(again.batches[0]).toMatchObject({ status: "unchanged", batch_id: null, duplicates: 44_999 });
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});

describe("model registry from the CLI", () => {
  const REGISTRY = "model,metric,value\nclaude-3-5-sonnet,demo.a,0.5\n";
  const INCOMING = "model,metric,value\nclaude-3.5-sonnet,demo.b,0.7\n";

  it("a near-duplicate is refused naming the candidate and the fix; after `models alias` it imports", async () => {
    const t = temp();
    const db = ["--db", "scalegate.db"];
    writeFile(t.dir, "registry.csv", REGISTRY);
    writeFile(t.dir, "incoming.csv", INCOMING);
    await ingest(t, "registry.csv");

    const refused = await ingest(t, "incoming.csv");
    expect(refused.code).toBe(1);
    expect(refused.batches[0]?.possible_duplicates).toEqual([
      { raw: "claude-3.5-sonnet", similar_to: "claude-3-5-sonnet", reason: "same-tokens" },
    ]);
    expect(refused.batches[0]?.rejected[0]?.message).toContain(
      '`models alias "claude-3.5-sonnet" claude-3-5-sonnet`',
    );

    const alias = await cli([...db, "models", "alias", "claude-3.5-sonnet", "claude-3-5-sonnet"], t.dir);
    expect(alias).toEqual({
      code: 0,
      stdout: '"claude-3.5-sonnet" now maps to claude-3-5-sonnet\n',
      stderr: "",
    });

    const accepted = await ingest(t, "incoming.csv");
    expect(accepted.code).toBe(0);
    expect(accepted.batches[0]).toMatchObject({ status: "imported", inserted: 1, models_created: [] });
    const models = JSON.parse((await cli([...db, "models", "list", "--json"], t.dir)).stdout) as {
      models: { id: string }[];
    };
    expect(models.models.map((m) => m.id)).toEqual(["claude-3-5-sonnet"]);
  });

  it("--accept-new-models creates the model instead", async () => {
    const t = temp();
    writeFile(t.dir, "registry.csv", REGISTRY);
    writeFile(t.dir, "incoming.csv", INCOMING);
    await ingest(t, "registry.csv");
    const run = await ingest(t, "--accept-new-models", "incoming.csv");
    expect(run.code).toBe(0);
    expect(run.batches[0]).toMatchObject({ status: "imported", models_created: ["claude-3.5-sonnet"] });
  });

  it.each([
    { label: "unknown model", args: ["x", "nope"], stderr: "error: no model nope\n" },
    {
      label: "name mapped to another model",
      args: ["claude-3.5-sonnet", "gpt-4o"],
      stderr: 'error: "claude-3.5-sonnet" already maps to claude-3-5-sonnet\n',
    },
  ])("models alias refuses: $label (exit 1)", async ({ args, stderr }) => {
    const t = temp();
    writeFile(t.dir, "registry.csv", REGISTRY + "gpt-4o,demo.a,0.1\n");
    await ingest(t, "registry.csv");
    await cli(["--db", "scalegate.db", "models", "alias", "claude-3.5-sonnet", "claude-3-5-sonnet"], t.dir);
    const pre = fingerprint(t.db, t.file);
    const run = await cli(["--db", "scalegate.db", "models", "alias", ...args], t.dir);
    expect(run).toEqual({ code: 1, stdout: "", stderr });
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});

describe("reading a seeded database", () => {
  let dir: string;
  let db: string[];
  beforeAll(async () => {
    dir = tempDir();
    db = ["--db", path.join(dir, "seeded.db")];
    const seeded = await cli([...db, "db", "seed"]);
    expect(seeded).toEqual({
      code: 0,
      stdout: "seeded 11592 scores from 10 files and 60 determinations\n",
      stderr: "",
    });
  });
  afterAll(() => removeTemp(dir));

  it("db seed a second time imports nothing", async () => {
    expect(await cli([...db, "db", "seed"])).toEqual({
      code: 0,
      stdout: "database already holds models: demo data not imported\n",
      stderr: "",
    });
  });

  it("models list --json", async () => {
    const run = await cli([...db, "models", "list", "--json"]);
    expect(run.code).toBe(0);
    const models = (JSON.parse(run.stdout) as { models: Record<string, unknown>[] }).models;
    expect(models).toHaveLength(325);
    expect(models.find((m) => m.id === "claude-3-7-sonnet-20250219")).toMatchObject({
      id: "claude-3-7-sonnet-20250219",
      developer: "Anthropic",
      release_date: "2025-02-24",
    });
    const ids = models.map((m) => m.id as string);
    expect([...ids].sort()).toEqual(ids);
  });

  it("models list (table)", async () => {
    const run = await cli([...db, "models", "list"]);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^id\s+name\s+developer\s+release\s+training FLOP$/);
    expect(lines.find((l) => l.startsWith("claude-opus-4-20250514 "))).toMatch(/Anthropic\s+2025-05-2\d/);
  });

  it("scores list --model shows each score with its source file and row", async () => {
    const run = await cli([...db, "scores", "list", "--model", "claude-3-7-sonnet-20250219", "--json"]);
    expect(run.code).toBe(0);
    const scores = (JSON.parse(run.stdout) as { scores: { source: { file: string }; metric: string }[] })
      .scores;
    expect(new Set(scores.map((s) => s.source.file))).toEqual(
      new Set([
        "db/seed/epoch/cybench_external.csv",
        "db/seed/epoch/gpqa_diamond.csv",
        "db/seed/epoch/swe_bench_verified.csv",
        "db/seed/metr/benchmark_results_1_1.yaml",
      ]),
    );
    const text = await cli([...db, "scores", "list", "--model", "claude-3-7-sonnet-20250219"]);
    expect(text.stdout).toMatch(/^metric\s+value\s+stderr\s+mitigation\s+elicitation\s+evaluated\s+source\n/);
    expect(text.stdout).toMatch(
      /\ncybench\.unguided\s+0\.\d+\s+pre\s+.*db\/seed\/epoch\/cybench_external\.csv:\d+\n/,
    );
  });

  it("batches list --json: the ten seed batches, newest first", async () => {
    const run = await cli([...db, "batches", "list", "--json"]);
    const batches = (JSON.parse(run.stdout) as { batches: { id: number; created_by: string }[] }).batches;
    expect(batches.map((b) => b.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(batches.map((b) => b.created_by))).toEqual(new Set(["scalegate-seed"]));
  });

  it.each([
    {
      label: "scores list",
      args: ["scores", "list", "--model", "gpt-99"],
      stderr: 'error: no model "gpt-99"\n',
    },
    {
      label: "evaluate",
      args: ["evaluate", "--policy", "anthropic-rsp-v2-2", "--model", "gpt-99"],
      stderr: 'error: no model "gpt-99" in the database\n',
    },
    {
      label: "models alias",
      args: ["models", "alias", "gpt 99", "gpt-99"],
      stderr: "error: no model gpt-99\n",
    },
  ])("an unknown model exits 1 naming it: $label", async ({ args, stderr }) => {
    expect(await cli([...db, ...args])).toEqual({ code: 1, stdout: "", stderr });
  });
});

describe("usage errors exit 2 and touch no database", () => {
  it.each([
    { label: "no command", args: [], stderr: /^usage: npm run --silent cli -- <command>/ },
    { label: "unknown command", args: ["frobnicate"], stderr: /^unknown command "frobnicate"\n\nusage:/ },
    {
      label: "group without sub-command",
      args: ["models"],
      stderr: /^models: expected one of list, alias\n/,
    },
    {
      label: "unknown sub-command",
      args: ["batches", "purge"],
      stderr: /^batches: expected one of list, rollback\n/,
    },
    { label: "ingest without files", args: ["ingest"], stderr: /^usage: ingest <files\.\.\.> / },
    {
      label: "ingest --format bogus",
      args: ["ingest", "--format", "bogus", "a.csv"],
      stderr: /^usage: --format must be one of generic-csv, generic-json, /,
    },
    {
      label: "unknown option",
      args: ["ingest", "--frobnicate", "a.csv"],
      stderr: /^usage: Unknown option '--frobnicate'/,
    },
    {
      label: "scores list without --model",
      args: ["scores", "list"],
      stderr: /^usage: scores list --model <id>/,
    },
    {
      label: "models alias with one argument",
      args: ["models", "alias", "x"],
      stderr: /^usage: models alias /,
    },
    {
      label: "batches rollback abc",
      args: ["batches", "rollback", "abc"],
      stderr: /^usage: batches rollback <id>\n$/,
    },
    {
      label: "batches rollback without id",
      args: ["batches", "rollback"],
      stderr: /^usage: batches rollback <id>\n$/,
    },
  ])("$label", async ({ args, stderr }) => {
    const dir = tempDir();
    try {
      const run = await cli(["--db", "never.db", ...args], dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(stderr);
      expect(existsSync(path.join(dir, "never.db"))).toBe(false);
    } finally {
      removeTemp(dir);
    }
  });

  it("--db without a path", async () => {
    expect(await cli(["ingest", "a.csv", "--db"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "usage: --db <path>\n",
    });
  });

  it("help exits 0 on stdout", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: /);
    expect(run.stdout).toContain("batches rollback <id>");
  });
});

describe("--db", () => {
  it.each([
    {
      label: "--db <path> first, relative to the working directory",
      argv: (f: string) => ["--db", f, "db", "migrate"],
    },
    { label: "--db=<path>", argv: (f: string) => [`--db=${f}`, "db", "migrate"] },
    { label: "--db after the command", argv: (f: string) => ["db", "migrate", "--db", f] },
  ])("$label", async ({ argv }) => {
    const dir = tempDir();
    try {
      const run = await cli(argv("nested/dir/my.db"), dir);
      expect(run).toEqual({ code: 0, stdout: "database migrated\n", stderr: "" });
      expect(existsSync(path.join(dir, "nested", "dir", "my.db"))).toBe(true);
      expect(cliDbFiles.at(-1)).toBe(path.join(dir, "nested", "dir", "my.db"));
      expect(existsSync(path.join(REPO_ROOT, "nested"))).toBe(false);
    } finally {
      removeTemp(dir);
    }
  });

  it("writes an ingest into the --db file and nowhere else", async () => {
    const dir = tempDir();
    try {
      writeFile(dir, "a.csv", "model,metric,value\nm-a,demo.a,0.5\n");
      const run = await cli(["ingest", "a.csv", "--db", "here.db"], dir);
      expect(run.code).toBe(0);
      expect(existsSync(path.join(dir, "here.db"))).toBe(true);
      expect(await cli(["--db", path.join(dir, "here.db"), "batches", "list", "--json"])).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('"file_name": "a.csv"'),
      });
      expect(cliDbFiles.at(-1)).toBe(path.join(dir, "here.db"));
    } finally {
      removeTemp(dir);
    }
  });
});
