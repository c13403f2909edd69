import { describe, expect, it } from "vitest";
import { bytesOf, count, fingerprint, fixtureBytes, tempDbs } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { auditHead, iterateAudit, verifyAuditLog } from "./audit";
import { importFile, importGenericCsvStream, rollbackBatch } from "./ingest";
import { createAttestation, createDetermination } from "./records";

const temp = tempDbs();

const A_CSV = "model,metric,value\nm-audit,demo.a,0.1\nm-audit,demo.b,0.2\n";

function importText(t: TempDb, name: string, text: string, actor = "test:importer") {
  return importFile(t.db, { name, bytes: bytesOf(text) }, { actor });
}

const DETERMINATION = {
  model: "m-audit",
  policy: "anthropic-rsp-v2-2",
  threshold: "cbrn-3",
  outcome: "not_reached",
  rationale: "red-team found no uplift",
  at: "2025-05-01",
} as const;
const ATTESTATION = {
  model: "m-audit",
  policy: "anthropic-rsp-v2-2",
  safeguard: "asl-3-security",
  status: "implemented",
  at: "2025-05-02",
} as const;

describe("every change writes its audit row, in order, on one verifiable chain", () => {
  it("imports, a refused import, a rollback, a determination, an attestation, a re-import", () => {
    const t = temp();
    expect(importText(t, "a.csv", A_CSV).batch_id).toBe(1);
    expect(
      importFile(
        t.db,
        { name: "cybench.csv", bytes: fixtureBytes("cybench_external.csv") },
        { actor: "test:importer" },
      ).batch_id,
    ).toBe(2);
    expect(importText(t, "bad.csv", "model,metric,value\nm-audit,demo.c,nan\n").status).toBe("rejected");
    expect(importText(t, "a.csv", A_CSV).status).toBe("unchanged");
    rollbackBatch(t.db, 1, "test:reviewer");
    const det = createDetermination(t.db, DETERMINATION, "test:assessor");
    const att = createAttestation(t.db, ATTESTATION, "test:security");
    expect(importText(t, "a.csv", A_CSV).batch_id).toBe(3);

    const log = [...iterateAudit(t.db)];
    expect(log.map((e) => [e.seq, e.action, e.actor, e.subject])).toEqual([
      [1, "import", "test:importer", "batch:1"],
      [2, "import", "test:importer", "batch:2"],
      [3, "rollback", "test:reviewer", "batch:1"],
      [4, "determination.create", "test:assessor", "model:m-audit"],
      [5, "attestation.create", "test:security", "model:m-audit"],
      [6, "import", "test:importer", "batch:3"],
    ]);
    expect(JSON.parse(log[0]!.payload_text)).toMatchObject({ file: "a.csv", inserted: 2, rejected: 0 });
    expect(JSON.parse(log[1]!.payload_text)).toMatchObject({ file: "cybench.csv", inserted: 58 });
    expect(JSON.parse(log[2]!.payload_text)).toEqual({ batch_id: 1, file: "a.csv", removed: 2 });
    expect(JSON.parse(log[3]!.payload_text)).toMatchObject({
      id: det.id,
      threshold: "cbrn-3",
      outcome: "not_reached",
    });
    expect(JSON.parse(log[4]!.payload_text)).toMatchObject({ id: att.id, safeguard: "asl-3-security" });
    const ats = log.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);

    const v = verifyAuditLog(t.db);
    expect(v).toEqual({ ok: true, count: 6, head: auditHead(t.db) });
    expect(v.ok && v.head?.seq).toBe(6);
  });

  it("verifyAuditLog reads the stored rows: an edited payload breaks the chain at that entry", () => {
    const t = temp();
    importText(t, "a.csv", A_CSV);
    createDetermination(t.db, DETERMINATION, "test:assessor");
    createAttestation(t.db, ATTESTATION, "test:security");
    t.db.$client
      .prepare("UPDATE audit_log SET payload = replace(payload, 'not_reached', 'reached') WHERE seq = 2")
      .run();
    expect(verifyAuditLog(t.db)).toMatchObject({
      ok: false,
      count: 1,
      firstBroken: { seq: 2, reason: "hash_mismatch" },
    });
  });

  it("a refused record (unknown model) writes no audit row", () => {
    const t = temp();
    importText(t, "a.csv", A_CSV);
    const pre = fingerprint(t.db, t.file);
    expect(() => createDetermination(t.db, { ...DETERMINATION, model: "nope" }, "x")).toThrow(
      'no model "nope"',
    );
    expect(() => createAttestation(t.db, { ...ATTESTATION, model: "nope" }, "x")).toThrow('no model "nope"');
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});

describe("when the audit insert fails, the change it records rolls back with it", () => {
  const FAIL_AUDIT =
    "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END";

  it.each([
    {
      label: "import",
      act: (t: TempDb) => importText(t, "b.csv", "model,metric,value\nm-new,demo.z,0.3\n"),
    },
    {
      label: "rollback",
      act: (t: TempDb) => rollbackBatch(t.db, 1, "test:reviewer"),
    },
    {
      label: "determination",
      act: (t: TempDb) => createDetermination(t.db, DETERMINATION, "test:assessor"),
    },
    {
      label: "attestation",
      act: (t: TempDb) => createAttestation(t.db, ATTESTATION, "test:security"),
    },
  ])("$label", ({ act }) => {
    const t = temp();
    importText(t, "a.csv", A_CSV);
    t.db.$client.exec(FAIL_AUDIT);
    const pre = fingerprint(t.db, t.file);

    expect(() => act(t)).toThrow("audit unavailable");

    expect(t.db.$client.inTransaction).toBe(false);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
    expect(pre.counts).toMatchObject({
      import_batches: 1,
      scores: 2,
      determinations: 0,
      attestations: 0,
      audit_log: 1,
    });
    expect(count(t.db, "SELECT count(*) AS n FROM import_batches WHERE status = 'active'")).toBe(1);
    expect(verifyAuditLog(t.db)).toMatchObject({ ok: true, count: 1 });
  });

  it("streamed import", async () => {
    const t = temp();
    importText(t, "a.csv", A_CSV);
    t.db.$client.exec(FAIL_AUDIT);
    const pre = fingerprint(t.db, t.file);
    async function* chunks() {
      yield "model,metric,value\n";
      yield "m-stream,demo.s,0.1\nm-stream,demo.t,0.2\n";
    }

    await expect(
      importGenericCsvStream(t.db, { name: "s.csv", chunks: chunks(), sha256: () => "s" }, { actor: "x" }),
    ).rejects.toThrow("audit unavailable");

    expect(t.db.$client.inTransaction).toBe(false);
    expect(fingerprint(t.db, t.file)).toEqual(pre);
  });
});
