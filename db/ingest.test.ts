import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { IngestError } from "@/lib/ingest";
import type { ZipLimits } from "@/lib/ingest";
import {
  bytesOf,
  count,
  fingerprint,
  fixtureBytes,
  inspectEval,
  tempDbs,
  truncated,
  zipBomb,
} from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { ACCEPT_CASES, REJECT_CASES } from "@/test/fixtures/db/cases";
import { verifyAuditLog } from "./audit";
import { addAlias, importFile, importGenericCsvStream, rollbackBatch } from "./ingest";
import { getBatch, getModel, listAliases, listBatches, listModels, listScores } from "./queries";

const ACTOR = "test:ingest";

const temp = tempDbs();

function imp(
  t: TempDb,
  name: string,
  content: string | Uint8Array,
  opts: Partial<Parameters<typeof importFile>[2]> = {},
) {
  return importFile(
    t.db,
    { name, bytes: typeof content === "string" ? bytesOf(content) : content },
    { actor: ACTOR, ...opts },
  );
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("fingerprint", () => {
  it("changes when a transaction commits, and only then", () => {
    const t = temp();
    const empty = fingerprint(t.db, t.file);
    expect(fingerprint(t.db, t.file)).toEqual(empty);
    imp(t, "a.csv", "model,metric,value\nm-a,demo.a,0.5\n");
    const one = fingerprint(t.db, t.file);
    expect(one.sha256).not.toBe(empty.sha256);
    expect(one.counts).toMatchObject({ scores: 1, import_batches: 1, audit_log: 1 });
    expect(one.sequence).toEqual([
      { name: "import_batches", seq: 1 },
      { name: "scores", seq: 1 },
    ]);
  });
});

describe("importFile refuses a bad file whole and leaves the database byte-for-byte unchanged", () => {
  it.each(REJECT_CASES)("$label", ({ file, content, before, rejected }) => {
    const t = temp();
    for (const b of before ?? []) {
      const r = imp(t, b.file, b.content ?? fixtureBytes(b.file));
      expect(r.status).toBe("imported");
    }
    const pre = fingerprint(t.db, t.file);

    const r = imp(t, file, content);

    expect(r).toMatchObject({ status: "rejected", batch_id: null, inserted: 0, duplicates: 0 });
    expect(r.models_created).toEqual([]);
    expect(r.metrics_created).toEqual([]);
    expect(r.rejected).toEqual(rejected);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  const limits: ZipLimits = { maxUncompressedBytes: 1024 * 1024 };
  it.each([
    {
      label: "unknown format",
      file: "notes.txt",
      bytes: () => bytesOf("hello, world\nthis is not a score table\n"),
      code: "UNSUPPORTED_FORMAT",
      message: /^notes\.txt: format not recognised from its content; supported: generic-csv, /,
    },
    {
      label: "truncated ZIP",
      file: "x.eval",
      bytes: () => truncated(inspectEval()),
      code: "CORRUPT",
      message: /^x\.eval: is not a readable ZIP archive: end of central directory not found \(truncated\?\)$/,
    },
    {
      label: "ZIP bomb declaring its size (8 MiB of zeros, 1 MiB limit)",
      file: "x.eval",
      bytes: () => zipBomb(8),
      code: "TOO_LARGE",
      message: /^x\.eval: declares 8\.0 MiB\+ of uncompressed data .*; the limit is 1\.0 MiB$/,
    },
    {
      label: "ZIP bomb lying about its size (declares 1 KiB, inflates to 8 MiB)",
      file: "x.eval",
      bytes: () => zipBomb(8, { declare: 1024 }),
      code: "TOO_LARGE",
      message: /^x\.eval: inflates past 1\.0 MiB \(stopped at .*\) although its directory declares less/,
    },
  ])("$label: $code, nothing written", ({ file, bytes, code, message }) => {
    const t = temp();
    imp(t, "registry.csv", "model,metric,value\nm-a,demo.a,0.5\n");
    const pre = fingerprint(t.db, t.file);

    const e = thrown(() => imp(t, file, bytes(), { limits }));

    expect(e).toBeInstanceOf(IngestError);
    expect(e).toMatchObject({ code, file });
    expect((e as IngestError).message).toMatch(message);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it("a streamed import of a bad file rolls back the same way", async () => {
    const t = temp();
    imp(t, "registry.csv", "model,metric,value\nm-a,demo.a,0.5\n");
    const pre = fingerprint(t.db, t.file);
    const text = "model,metric,value\nm-b,demo.b,0.1\nm-b,demo.c,nan\n";

    async function* chunks() {
      // split mid-row: the stream must not care where chunks end
      yield text.slice(0, 25);
      yield text.slice(25);
    }

    const r = await importGenericCsvStream(
      t.db,
      { name: "big.csv", chunks: chunks(), sha256: () => "x" },
      { actor: ACTOR },
    );

    expect(r).toMatchObject({ status: "rejected", inserted: 0, batch_id: null });
    expect(r.rejected).toEqual([
      { row: 2, field: "value", message: 'value must be a finite number, got "nan"' },
    ]);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});

describe("importFile accepts", () => {
  it.each(ACCEPT_CASES)("$label", ({ file, content }) => {
    const t = temp();
    const r = imp(t, file, content);
    expect(r).toMatchObject({ status: "imported", inserted: 1, duplicates: 0, rejected: [] });
    expect(r.models_created).toEqual(["m-ok"]);
    expect(r.metrics_created).toEqual(["demo.a"]);
    expect(listScores(t.db, "m-ok").map((s) => [s.metricId, s.value, s.sourceRow])).toEqual([
      ["demo.a", 0.25, 1],
    ]);
  });

  it.each([
    { label: "fraction at 0", metric: "cybench.unguided", value: "0", ok: true },
    { label: "fraction exactly 1", metric: "cybench.unguided", value: "1", ok: true },
    { label: "fraction 1 + 1e-9", metric: "cybench.unguided", value: "1.000000001", ok: false },
    { label: "fraction -1e-9", metric: "cybench.unguided", value: "-0.000000001", ok: false },
    { label: "minutes 0", metric: "cybench.unguided.hardest_solved_minutes", value: "0", ok: true },
    { label: "minutes 1e6", metric: "cybench.unguided.hardest_solved_minutes", value: "1e6", ok: true },
    { label: "unknown metric gets unit score: any value", metric: "demo.new", value: "-1234.5", ok: true },
  ])("unit range boundary: $label", ({ metric, value, ok }) => {
    const t = temp();
    imp(t, "cybench_external.csv", fixtureBytes("cybench_external.csv"));
    const r = imp(t, "edge.csv", `model,metric,value\ngrok-4-0709,${metric},${value}\n`);
    expect(r.status).toBe(ok ? "imported" : "rejected");
    expect(r.inserted).toBe(ok ? 1 : 0);
    expect(r.rejected.map((e) => e.field)).toEqual(ok ? [] : ["value"]);
  });
});

const PARTIAL_CSV =
  "model,metric,value\n" +
  "m-partial,demo.a,0.1\n" +
  "m-partial,demo.b,abc\n" +
  "m-partial,demo.c,inf\n" +
  "m-partial,demo.d,0.4\n";
const PARTIAL_REJECTED = [
  { row: 2, field: "value", message: 'value is not a number: "abc"' },
  { row: 3, field: "value", message: 'value must be a finite number, got "inf"' },
];

describe("--partial, re-import and rollback", () => {
  it("imports the good rows and records the rejected ones in the batch", () => {
    const t = temp();
    const r = imp(t, "partial.csv", PARTIAL_CSV, { partial: true });

    expect(r).toMatchObject({ status: "imported", batch_id: 1, inserted: 2, duplicates: 0 });
    expect(r.rejected).toEqual(PARTIAL_REJECTED);
    expect(listScores(t.db, "m-partial").map((s) => [s.metricId, s.value])).toEqual([
      ["demo.a", 0.1],
      ["demo.d", 0.4],
    ]);
    expect(getBatch(t.db, 1)).toMatchObject({
      fileName: "partial.csv",
      format: "generic-csv",
      inserted: 2,
      duplicates: 0,
      rejectedCount: 2,
      rejected: PARTIAL_REJECTED,
      status: "active",
      createdBy: ACTOR,
    });
    const raw = t.db.$client.prepare("SELECT rejected_count, rejected FROM import_batches").get() as {
      rejected_count: number;
      rejected: string;
    };
    expect(raw.rejected_count).toBe(2);
    expect(JSON.parse(raw.rejected)).toEqual(PARTIAL_REJECTED);
    const audit = verifyAuditLog(t.db);
    expect(audit).toMatchObject({ ok: true, count: 1 });
  });

  it("re-importing the same file inserts nothing and leaves no trace: no batch, no audit entry", () => {
    const t = temp();
    imp(t, "partial.csv", PARTIAL_CSV, { partial: true });
    const pre = fingerprint(t.db, t.file);

    const again = imp(t, "partial.csv", PARTIAL_CSV, { partial: true });

    expect(again).toMatchObject({ status: "unchanged", batch_id: null, inserted: 0, duplicates: 2 });
    expect(again.rejected).toEqual(PARTIAL_REJECTED);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it.each([
    { label: "whole file", content: "model,metric,value\nm-a,demo.a,0.1\nm-a,demo.b,0.2\n", partial: false },
    { label: "all-good file with --partial", content: "model,metric,value\nm-a,demo.a,0.1\n", partial: true },
  ])("re-import of a $label is unchanged", ({ content, partial }) => {
    const t = temp();
    const first = imp(t, "a.csv", content, { partial });
    expect(first.status).toBe("imported");
    const pre = fingerprint(t.db, t.file);
    const again = imp(t, "a.csv", content, { partial });
    expect(again).toMatchObject({ status: "unchanged", inserted: 0, duplicates: first.inserted });
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it("a --partial file whose every row is bad is recorded once", () => {
    const t = temp();
    const bad = "model,metric,value\nm-a,demo.a,nan\n";
    const r = imp(t, "bad.csv", bad, { partial: true });
    expect(r).toMatchObject({ status: "imported", inserted: 0, batch_id: 1 });
    expect(getBatch(t.db, 1)?.rejectedCount).toBe(1);
    const pre = fingerprint(t.db, t.file);
    expect(imp(t, "bad.csv", bad, { partial: true }).status).toBe("unchanged");
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it("rollback removes the batch's scores with an audit entry; twice is a CONFLICT; then re-import inserts again", () => {
    const t = temp();
    imp(t, "other.csv", "model,metric,value\nm-other,demo.a,0.9\n");
    const first = imp(t, "partial.csv", PARTIAL_CSV, { partial: true });
    expect(first.batch_id).toBe(2);

    expect(rollbackBatch(t.db, 2, "test:reviewer")).toEqual({ batch_id: 2, removed: 2 });

    expect(listScores(t.db, "m-partial")).toEqual([]);
    expect(listScores(t.db, "m-other")).toHaveLength(1);
    expect(getBatch(t.db, 2)).toMatchObject({ status: "rolled_back", rolledBackBy: "test:reviewer" });
    expect(getBatch(t.db, 2)?.rolledBackAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const last = t.db.$client.prepare("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1").get() as {
      action: string;
      actor: string;
      subject: string;
      payload: string;
    };
    expect(last).toMatchObject({ action: "rollback", actor: "test:reviewer", subject: "batch:2" });
    expect(JSON.parse(last.payload)).toEqual({ batch_id: 2, file: "partial.csv", removed: 2 });

    const pre = fingerprint(t.db, t.file);
    const again = thrown(() => rollbackBatch(t.db, 2, "test:reviewer"));
    expect(again).toBeInstanceOf(DomainError);
    expect(again).toMatchObject({ code: "CONFLICT" });
    expect((again as Error).message).toMatch(/^batch 2 was already rolled back on \d{4}-\d\d-\d\dT/);
    const missing = thrown(() => rollbackBatch(t.db, 99, "test:reviewer"));
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "no import batch 99" });
    expect(fingerprint(t.db, t.file)).toEqual(pre);

    const reimport = imp(t, "partial.csv", PARTIAL_CSV, { partial: true });
    expect(reimport).toMatchObject({ status: "imported", batch_id: 3, inserted: 2, duplicates: 0 });
    expect(listScores(t.db, "m-partial").map((s) => s.batchId)).toEqual([3, 3]);
    expect(listBatches(t.db).map((b) => [b.id, b.status])).toEqual([
      [3, "active"],
      [2, "rolled_back"],
      [1, "active"],
    ]);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 4 });
  });
});

describe("model registry", () => {
  const REGISTRY = "model,metric,value\nclaude-3-5-sonnet,demo.a,0.5\n";
  const INCOMING = "model,metric,value\nclaude-3.5-sonnet,demo.b,0.7\n";

  it("after `models alias`, the refused name imports onto the existing model", () => {
    const t = temp();
    imp(t, "registry.csv", REGISTRY);
    expect(imp(t, "incoming.csv", INCOMING).status).toBe("rejected");

    addAlias(t.db, "claude-3.5-sonnet", "claude-3-5-sonnet", ACTOR);
    const r = imp(t, "incoming.csv", INCOMING);

    expect(r).toMatchObject({ status: "imported", inserted: 1, models_created: [], possible_duplicates: [] });
    expect(listModels(t.db).map((m) => m.id)).toEqual(["claude-3-5-sonnet"]);
    expect(listScores(t.db, "claude-3-5-sonnet").map((s) => [s.metricId, s.value])).toEqual([
      ["demo.a", 0.5],
      ["demo.b", 0.7],
    ]);
    expect(listAliases(t.db, "claude-3-5-sonnet")).toEqual([
      {
        alias: "claude-3.5-sonnet",
        modelId: "claude-3-5-sonnet",
        raw: "claude-3.5-sonnet",
        source: `alias by ${ACTOR}`,
      },
    ]);
  });

  it.each([
    { label: "unknown model", raw: "x", model: "nope", code: "NOT_FOUND", message: "no model nope" },
    {
      label: "name already mapped elsewhere",
      raw: "claude-3.5-sonnet",
      model: "gpt-4o",
      code: "CONFLICT",
      message: '"claude-3.5-sonnet" already maps to claude-3-5-sonnet',
    },
  ])("addAlias refuses: $label", ({ raw, model, code, message }) => {
    const t = temp();
    imp(t, "registry.csv", REGISTRY + "gpt-4o,demo.a,0.1\n");
    addAlias(t.db, "claude-3.5-sonnet", "claude-3-5-sonnet", ACTOR);
    const pre = fingerprint(t.db, t.file);
    expect(thrown(() => addAlias(t.db, raw, model, ACTOR))).toMatchObject({ code, message });
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });

  it("--accept-new-models creates the near-duplicate as a model of its own", () => {
    const t = temp();
    imp(t, "registry.csv", REGISTRY);
    const r = imp(t, "incoming.csv", INCOMING, { acceptNewModels: true });
    expect(r).toMatchObject({ status: "imported", inserted: 1, models_created: ["claude-3.5-sonnet"] });
    expect(r.possible_duplicates).toEqual([]);
    expect(listModels(t.db).map((m) => m.id)).toEqual(["claude-3-5-sonnet", "claude-3.5-sonnet"]);
    expect(getModel(t.db, "claude-3.5-sonnet")?.name).toBe("claude-3.5-sonnet");
  });

  it("refuses every row of a near-duplicate and reports it once", () => {
    const t = temp();
    imp(t, "registry.csv", REGISTRY);
    const r = imp(t, "incoming.csv", INCOMING + "claude-3.5-sonnet,demo.c,0.2\n", { partial: true });
    expect(r.possible_duplicates).toEqual([
      { raw: "claude-3.5-sonnet", similar_to: "claude-3-5-sonnet", reason: "same-tokens" },
    ]);
    expect(r.rejected.map((e) => [e.row, e.field])).toEqual([
      [1, "model"],
      [2, "model"],
    ]);
    expect(r.inserted).toBe(0);
  });

  it("an Epoch row naming a refused model is rejected once, not once per metric", () => {
    const t = temp();
    imp(t, "registry.csv", "model,metric,value\nclaude-opus-4-5,demo.a,0.5\n");
    const r = imp(t, "cybench_external.csv", fixtureBytes("cybench_external.csv"), { partial: true });
    // data row 2 is claude-opus-4-5-20251101_unknown, with one value column filled
    expect(r.rejected).toEqual([
      {
        row: 2,
        field: "model",
        message:
          '"claude-opus-4-5-20251101" is not a known model but looks like "claude-opus-4-5" (date-stamped-variant); map it with `models alias "claude-opus-4-5-20251101" claude-opus-4-5`, or re-import with --accept-new-models',
      },
    ]);
    expect(r.inserted).toBe(58 - 1);
    expect(getModel(t.db, "claude-opus-4-5-20251101")).toBeUndefined();
  });

  it("Epoch elicitation suffixes land in the elicitation, not in a new model", () => {
    const t = temp();
    const r = imp(t, "swe_bench_verified.csv", fixtureBytes("swe_bench_verified.csv"));
    expect(r.status).toBe("imported");
    const ids = listModels(t.db).map((m) => m.id);
    expect(ids.filter((id) => /[-_](high|medium|low|unknown|\d+k)$/i.test(id))).toEqual([]);
    expect(ids).toContain("gpt-5-2025-08-07");
    // the file's rows gpt-5-2025-08-07_high and gpt-5-2025-08-07_medium
    const gpt5 = listScores(t.db, "gpt-5-2025-08-07").map((s) => [s.metricId, s.elicitation]);
    expect(gpt5).toEqual([
      ["swe_bench.verified", "high"],
      ["swe_bench.verified", "medium"],
    ]);
  });

  it("one model at two Epoch elicitations is one model with two scores (cybench)", () => {
    const t = temp();
    imp(t, "cybench_external.csv", fixtureBytes("cybench_external.csv"));
    const sonnet = listScores(t.db, "claude-sonnet-4-5-20250929").filter(
      (s) => s.metricId === "cybench.unguided",
    );
    expect(sonnet.map((s) => s.elicitation).sort()).toEqual([null, "unknown"].sort());
    expect(getModel(t.db, "o3-mini-2025-01-31")).toBeDefined();
    expect(listScores(t.db, "o3-mini-2025-01-31").map((s) => s.elicitation)).toContain("medium");
  });

  it("metadata merge records each field's source and keeps a recorded value on conflict", () => {
    const t = temp();
    const a = imp(
      t,
      "a.csv",
      "model,developer,release_date,params_b\nacme-1,Acme,2024-01-02,7\nacme-2,Acme,,\n",
    );
    expect(a).toMatchObject({ status: "imported", models_created: ["acme-1", "acme-2"] });
    const b = imp(
      t,
      "b.csv",
      "model,developer,release_date,params_b,training_flop\nacme-1,Acme Corp,2024-01-02,7.0000000001,1e24\nacme-2,,2024-03-04,,\n",
    );

    expect(b).toMatchObject({ status: "imported", models_updated: ["acme-1", "acme-2"] });
    expect(b.notes).toEqual([
      "acme-1: developer is Acme (from a.csv:1); b.csv:1 says Acme Corp: kept the recorded value",
    ]);
    expect(getModel(t.db, "acme-1")).toMatchObject({
      developer: "Acme",
      releaseDate: "2024-01-02",
      paramsB: 7,
      trainingFlop: 1e24,
      metadataSources: {
        developer: "a.csv:1",
        release_date: "a.csv:1",
        params_b: "a.csv:1",
        training_flop: "b.csv:1",
      },
    });
    expect(getModel(t.db, "acme-2")).toMatchObject({
      developer: "Acme",
      releaseDate: "2024-03-04",
      metadataSources: { developer: "a.csv:2", release_date: "b.csv:2" },
    });
    expect(count(t.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'import'")).toBe(2);
  });
});

describe("a partial import's rejected rows leave no trace", () => {
  it("a row rejected for its value does not create its model", async () => {
    const { openDb } = await import("@/db");
    const { importFile } = await import("./ingest");
    const { listModels } = await import("./queries");
    const os = await import("node:os");
    const path = await import("node:path");
    const db = openDb(path.join(os.tmpdir(), `scalegate-partial-${process.pid}-${Date.now()}.db`));
    const register = "model,metric,value\nsynthetic-known,cybench.unguided,0.4\n";
    importFile(db, { name: "a.csv", bytes: Buffer.from(register) }, { actor: "t" });
    db.update((await import("./schema")).metrics)
      .set({ unit: "fraction" })
      .run();
    const r = importFile(
      db,
      {
        name: "b.csv",
        bytes: Buffer.from(
          "model,metric,value\nsynthetic-good,cybench.unguided,0.5\nsynthetic-bad,cybench.unguided,1.7\n",
        ),
      },
      { actor: "t", partial: true },
    );
    expect(r.rejected).toEqual([expect.objectContaining({ row: 2, field: "value" })]);
    expect(r.models_created).toEqual(["synthetic-good"]);
    expect(listModels(db).map((m) => m.id)).not.toContain("synthetic-bad");
  });
});
