import path from "node:path";
import { writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  generateSigningKeys,
  parseCsvExport,
  parseJsonlExport,
  SignedHead,
  verifyChain,
  verifyHead,
} from "@/lib/audit";
import { ErrorResponse } from "@/lib/api/schemas";
import { AuditHeadResponse, AuditVerifyResponse } from "@/lib/api/governance-schemas";
import { recordAudit } from "@/db/audit";
import { recordDecision } from "@/db/decisions";
import { ACTION, MODELS, POLICY, sqlite3 } from "@/db/decisions.test-fixtures";
import { cli } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { verifyJsonlText } from "@/app/_components/audit/browser-verify";
import { authHeaders, BASE } from "../_lib/test-kit";
import type { Caller } from "../_lib/test-kit";
import { closeRouteDbs, countRows, routeDb } from "../decisions/test-db";
import { GET as exportGet } from "./route";
import { GET as verifyGet } from "./verify/route";
import { GET as headGet } from "./head/route";

afterEach(() => {
  closeRouteDbs();
  delete process.env.SCALEGATE_SIGNING_KEY;
});

/** An auditor's request unless said otherwise: auditors and admins may export and verify. */
async function request(url: string, as: Caller = "auditor"): Promise<Request> {
  return new Request(`${BASE}${url}`, { headers: await authHeaders(as) });
}

async function download(query = "", as: Caller = "auditor") {
  const res = await exportGet(await request(`/api/v1/audit${query}`, as));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function json(handler: (req: Request) => Promise<Response>, url: string, as: Caller = "auditor") {
  const res = await handler(await request(url, as));
  return { status: res.status, body: (await res.json()) as unknown };
}

function withDecisions(): TempDb {
  const t = routeDb();
  for (const m of Object.values(MODELS))
    recordDecision(t.db, { modelId: m, policyId: POLICY, action: ACTION, actor: "t" });
  return t;
}

describe("GET /api/v1/audit (export)", () => {
  it("JSONL by default, as an attachment, and it verifies (on the server's terms and in the browser's)", async () => {
    const t = withDecisions();
    const a = await download();
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(a.headers.get("content-disposition")).toMatch(
      /^attachment; filename="scalegate-audit-[\dTZ-]+\.jsonl"$/,
    );
    expect(a.headers.get("cache-control")).toBe("no-store");
    const entries = parseJsonlExport(a.text);
    expect(entries).toHaveLength(countRows(t, "audit_log"));
    const lib = verifyChain(entries);
    expect(lib).toMatchObject({ ok: true, count: entries.length });
    expect(await verifyJsonlText(a.text)).toEqual(lib);
  });

  it("CSV with formula-like cells neutralised; the download verifies with `audit verify --file`", async () => {
    const t = routeDb();
    recordDecision(t.db, {
      modelId: MODELS.block,
      policyId: POLICY,
      action: ACTION,
      actor: '=HYPERLINK("http://evil")',
      signoff: { outcome: "block", rationale: "=1+1" },
    });
    t.db.$client.transaction(() =>
      recordAudit(t.db, { actor: "+actor", action: "signoff", subject: "-s", payload: -42 }),
    )();
    const a = await download("?format=csv");
    expect(a.status).toBe(200);
    expect(a.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(a.headers.get("content-disposition")).toMatch(/\.csv"$/);
    expect(a.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(a.text).toContain(`"'+actor","signoff","'-s","'-42"`);
    expect(a.text).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(verifyChain(parseCsvExport(a.text))).toMatchObject({ ok: true, count: countRows(t, "audit_log") });
    const file = path.join(t.dir, "download.csv");
    writeFileSync(file, a.text);
    const r = await cli(["audit", "verify", "--file", file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`ok .*: ${countRows(t, "audit_log")} entries`));
  });

  const filters = [
    {
      label: "action=import",
      query: "?action=import",
      expect: (t: TempDb) => countRows(t, "import_batches"),
    },
    { label: "action=evaluation.record", query: "?action=evaluation.record", expect: () => 3 },
    { label: "actor", query: "?actor=test%3Asecurity", expect: () => 3 },
    {
      label: "from tomorrow",
      query: `?from=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`,
      expect: () => 0,
    },
    {
      label: "to today (inclusive day)",
      query: `?to=${new Date().toISOString().slice(0, 10)}`,
      expect: (t: TempDb) => countRows(t, "audit_log"),
    },
    { label: "csv, action=signoff (header only)", query: "?format=csv&action=signoff", expect: () => 0 },
  ];
  for (const row of filters) {
    it(`filter: ${row.label}`, async () => {
      const t = withDecisions();
      const a = await download(row.query);
      expect(a.status).toBe(200);
      const entries = row.query.includes("format=csv") ? parseCsvExport(a.text) : parseJsonlExport(a.text);
      expect(entries).toHaveLength(row.expect(t));
    });
  }

  const bad = [
    { label: "format=xml", query: "?format=xml", path: "format" },
    { label: "an unknown action", query: "?action=delete", path: "action" },
    { label: "a bound that is not a date", query: "?from=yesterday", path: "from" },
    { label: "to before from", query: "?from=2026-02-01&to=2026-01-01", path: "to" },
    { label: "an unknown parameter", query: "?user=x", path: "user" },
  ];
  for (const row of bad) {
    it(`400: ${row.label}`, async () => {
      routeDb();
      const a = await download(row.query);
      expect(a.status).toBe(400);
      expect(ErrorResponse.parse(JSON.parse(a.text)).error.issues?.map((i) => i.path)).toContain(row.path);
    });
  }

  it("streams a large log in several chunks", async () => {
    const t = routeDb();
    t.db.$client.transaction(() => {
      for (let i = 0; i < 2500; i++)
        recordAudit(t.db, { actor: "bulk", action: "import", subject: `batch:${i}`, payload: { i } });
    })();
    const res = await exportGet(await request("/api/v1/audit"));
    const reader = res.body!.getReader();
    let chunks = 0;
    let text = "";
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThanOrEqual(3);
    expect(verifyChain(parseJsonlExport(text))).toMatchObject({ ok: true, count: countRows(t, "audit_log") });
  });
});

describe("who may read, export and verify the log", () => {
  const rows = [
    {
      label: "export: auditor 200",
      handler: exportGet,
      url: "/api/v1/audit",
      as: "auditor" as const,
      status: 200,
    },
    {
      label: "export: admin 200",
      handler: exportGet,
      url: "/api/v1/audit?format=csv",
      as: "admin" as const,
      status: 200,
    },
    {
      label: "export: reviewer 403",
      handler: exportGet,
      url: "/api/v1/audit",
      as: "reviewer" as const,
      status: 403,
    },
    {
      label: "export: viewer 403",
      handler: exportGet,
      url: "/api/v1/audit",
      as: "viewer" as const,
      status: 403,
    },
    { label: "export: nobody 401", handler: exportGet, url: "/api/v1/audit", as: null, status: 401 },
    {
      label: "verify: auditor 200",
      handler: verifyGet,
      url: "/api/v1/audit/verify",
      as: "auditor" as const,
      status: 200,
    },
    {
      label: "verify: viewer 403",
      handler: verifyGet,
      url: "/api/v1/audit/verify",
      as: "viewer" as const,
      status: 403,
    },
    {
      label: "head: reviewer 200",
      handler: headGet,
      url: "/api/v1/audit/head",
      as: "reviewer" as const,
      status: 200,
    },
    {
      label: "head: viewer 403",
      handler: headGet,
      url: "/api/v1/audit/head",
      as: "viewer" as const,
      status: 403,
    },
    { label: "head: nobody 401", handler: headGet, url: "/api/v1/audit/head", as: null, status: 401 },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      routeDb();
      const res = await row.handler(await request(row.url, row.as));
      expect(res.status).toBe(row.status);
      await res.body?.cancel();
    });
  }
});

describe("GET /api/v1/audit/verify", () => {
  const rows = [
    { label: "intact", sql: null, ok: true },
    {
      // seq 1-6: the shipped policies' policy.publish entries; seq 10 is a fixture record
      label: "a payload byte changed at seq 10",
      sql: "UPDATE audit_log SET payload = replace(payload, '\"t', '\"T') WHERE seq = 10",
      seq: 10,
      reason: "hash_mismatch",
    },
    { label: "entry 3 deleted", sql: "DELETE FROM audit_log WHERE seq = 3", seq: 4, reason: "seq_gap" },
  ];
  for (const row of rows) {
    it(row.label, async () => {
      const t = withDecisions();
      if (row.sql) sqlite3(t.file, row.sql);
      const a = await json(verifyGet, "/api/v1/audit/verify");
      expect(a.status).toBe(200);
      const body = AuditVerifyResponse.parse(a.body);
      if (row.ok) expect(body).toMatchObject({ ok: true, count: countRows(t, "audit_log") });
      else expect(body).toMatchObject({ ok: false, first_broken: { seq: row.seq, reason: row.reason } });
    });
  }
});

describe("GET /api/v1/audit/head", () => {
  it("unsigned without a key; signed with SCALEGATE_SIGNING_KEY, and the signature verifies", async () => {
    const t = withDecisions();
    const plain = AuditHeadResponse.parse((await json(headGet, "/api/v1/audit/head")).body);
    expect(plain).toMatchObject({ head: { seq: countRows(t, "audit_log") }, signed: null });

    const keys = generateSigningKeys();
    const keyFile = path.join(t.dir, "key.pem");
    writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
    process.env.SCALEGATE_SIGNING_KEY = keyFile;
    const signed = AuditHeadResponse.parse((await json(headGet, "/api/v1/audit/head")).body);
    expect(signed.signed).toMatchObject({ ...signed.head, alg: "Ed25519", key_id: keys.key_id });
    expect(verifyHead(SignedHead.parse(signed.signed), keys.publicKeyPem)).toEqual({
      ok: true,
      key_id: keys.key_id,
    });
  });

  it("409 for a broken chain: no head is vouched for", async () => {
    const t = withDecisions();
    sqlite3(t.file, "UPDATE audit_log SET subject = 'x' WHERE seq = 2");
    const a = await json(headGet, "/api/v1/audit/head");
    expect(a.status).toBe(409);
    expect(ErrorResponse.parse(a.body).error.message).toMatch(/broken at seq 2 \(hash_mismatch\)/);
  });
});
