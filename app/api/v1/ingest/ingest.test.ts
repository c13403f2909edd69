import { createHash } from "node:crypto";
import { zipSync, strToU8 } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse, IngestRejectedResponse, IngestResponse } from "@/lib/api/schemas";
import { FORMAT_IDS } from "@/lib/ingest/types";
import type { Db } from "@/db";
import { call, tempDatabase } from "../_lib/test-kit";
import type * as IngestRoute from "./route";

const tmp = tempDatabase("ingest");

let POST: typeof IngestRoute.POST;
let db: Db;

const MiB = 1024 * 1024;
const GOOD = "model,metric,value,stderr\nm1,cybench.unguided,0.4,0.02\nOrion 7B,cybench.unguided,0.1,0.01\n";
const BAD =
  "model,metric,value,stderr\nVega Ultra,cybench.unguided,0.3,0.02\nVega Ultra,gpqa.diamond,abc,0.01\n";

function count(table: string): number {
  return (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
function snapshot() {
  return {
    scores: count("scores"),
    batches: count("import_batches"),
    audit: count("audit_log"),
    models: count("models"),
    metrics: count("metrics"),
  };
}
function error(a: { body: unknown }) {
  return ErrorResponse.parse(a.body).error;
}
function raw(body: BodyInit, type = "text/csv", headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "content-type": type, ...headers }, body };
}
function form(fields: Record<string, string | File>): RequestInit {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return { method: "POST", body: f };
}

/** A lazily pulled body of `total` bytes that counts what the handler actually pulled. */
function countingStream(total: number, chunk = MiB) {
  const block = new Uint8Array(chunk).fill(0x61);
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stats.pulled >= total) return controller.close();
        stats.pulled += chunk;
        controller.enqueue(block);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats };
}

beforeAll(async () => {
  const { getDb } = await import("@/db");
  db = getDb();
  ({ POST } = await import("./route"));
});

afterEach(() => {
  delete process.env.INGEST_MAX_BYTES;
});

afterAll(() => {
  db.$client.close();
  tmp.cleanup();
});

describe("POST /api/v1/ingest: success", () => {
  it("imports a raw CSV body as one audited batch (the CLI's ingest --json)", async () => {
    // An eval pipeline's token: a viewer with the ingest scope.
    const a = await call(POST, "/api/v1/ingest?filename=evals.csv", {
      ...raw(GOOD, "text/csv"),
      as: { role: "viewer", token: "ci-pipeline", scopes: ["ingest"] },
    });
    expect(a.status).toBe(200);
    const { batches } = IngestResponse.parse(a.body);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({
      file: "evals.csv",
      format: "generic-csv",
      status: "imported",
      sha256: createHash("sha256").update(GOOD).digest("hex"),
      inserted: 2,
      duplicates: 0,
      rejected: [],
      models_created: ["m1", "orion-7b"],
      metrics_created: ["cybench.unguided"],
    });
    const id = batches[0]!.batch_id;
    expect(id).toBeTypeOf("number");
    const audit = db.$client
      .prepare("SELECT actor, action, subject FROM audit_log ORDER BY seq DESC LIMIT 1")
      .get();
    expect(audit).toEqual({ actor: "token:ci-pipeline", action: "import", subject: `batch:${id}` });
    const batch = db.$client.prepare("SELECT created_by, file_name FROM import_batches WHERE id = ?").get(id);
    expect(batch).toEqual({ created_by: "token:ci-pipeline", file_name: "evals.csv" });
  });

  it("re-importing the same file is idempotent: inserted 0, duplicates n, nothing written", async () => {
    const before = snapshot();
    const a = await call(POST, "/api/v1/ingest?filename=evals.csv", raw(GOOD, "application/octet-stream"));
    expect(a.status).toBe(200);
    expect(IngestResponse.parse(a.body).batches[0]).toMatchObject({
      status: "unchanged",
      batch_id: null,
      inserted: 0,
      duplicates: 2,
    });
    expect(snapshot()).toEqual(before);
  });

  it("accepts multipart/form-data with the options as fields", async () => {
    const csv = "model,metric,value\nm1,cybench.unguided,0.5\nm1,cybench.unguided,n/a\n";
    const a = await call(
      POST,
      "/api/v1/ingest",
      form({
        file: new File([csv], "form.csv", { type: "text/csv" }),
        partial: "true",
        format: "generic-csv",
      }),
    );
    expect(a.status).toBe(200);
    const report = IngestResponse.parse(a.body).batches[0]!;
    expect(report).toMatchObject({ file: "form.csv", status: "imported", inserted: 1 });
    expect(report.rejected).toEqual([{ row: 2, field: "value", message: expect.stringContaining("n/a") }]);
  });

  it("a multipart filename field overrides the part's name", async () => {
    const csv = "model,metric,value\nm1,cybench.unguided,0.55\n";
    const a = await call(
      POST,
      "/api/v1/ingest",
      form({ file: new File([csv], "blob"), filename: "nightly/run-42.csv" }),
    );
    expect(a.status).toBe(200);
    expect(IngestResponse.parse(a.body).batches[0]!.file).toBe("nightly/run-42.csv");
  });
});

describe("POST /api/v1/ingest: rejected file (422)", () => {
  it("names every bad row and leaves the database exactly as it was", async () => {
    const before = snapshot();
    const a = await call(POST, "/api/v1/ingest?filename=bad.csv", raw(BAD));
    expect(a.status).toBe(422);
    const body = IngestRejectedResponse.parse(a.body);
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.message).toBe(
      "bad.csv: 1 invalid row; nothing was imported (partial=true imports the valid rows)",
    );
    expect(body.error.issues).toEqual([{ path: "bad.csv row 2 value", message: expect.any(String) }]);
    expect(body.batches).toHaveLength(1);
    expect(body.batches[0]).toMatchObject({
      file: "bad.csv",
      status: "rejected",
      batch_id: null,
      inserted: 0,
      models_created: [],
    });
    expect(body.batches[0]!.rejected).toEqual([{ row: 2, field: "value", message: expect.any(String) }]);
    // The good row's new model, metric, score, batch and audit entry were all rolled back.
    expect(snapshot()).toEqual(before);
  });

  it("with partial=true the same file imports its good row", async () => {
    const a = await call(POST, "/api/v1/ingest?filename=bad.csv&partial=true", raw(BAD));
    expect(a.status).toBe(200);
    const report = IngestResponse.parse(a.body).batches[0]!;
    expect(report).toMatchObject({ status: "imported", inserted: 1, models_created: ["vega-ultra"] });
    expect(report.rejected.map((e) => [e.row, e.field])).toEqual([[2, "value"]]);
  });
});

describe("POST /api/v1/ingest: size limit (413)", () => {
  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    process.env.INGEST_MAX_BYTES = "1000";
    const { stream, stats } = countingStream(10 * MiB);
    const a = await call(POST, "/api/v1/ingest?filename=big.csv", {
      method: "POST",
      headers: { "content-type": "text/csv", "content-length": "1001" },
      body: stream,
      duplex: "half",
    });
    expect(a.status).toBe(413);
    expect(error(a)).toEqual({
      code: "TOO_LARGE",
      message: "the upload is larger than the limit of 1000 bytes (INGEST_MAX_BYTES)",
    });
    expect(stats.pulled).toBe(0);
  });

  it("cuts a 200 MB streamed body off at the default 50 MiB limit, quickly", async () => {
    const { stream, stats } = countingStream(200 * 1000 * 1000);
    const started = Date.now();
    const before = snapshot();
    const a = await call(POST, "/api/v1/ingest?filename=huge.csv", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: stream,
      duplex: "half",
    });
    expect(a.status).toBe(413);
    expect(error(a).message).toBe(
      `the upload is larger than the limit of ${50 * MiB} bytes (INGEST_MAX_BYTES)`,
    );
    // Read up to the limit and one chunk past it (plus what the stream buffers ahead), never 200 MB.
    expect(stats.pulled).toBeLessThanOrEqual(50 * MiB + 3 * MiB);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(snapshot()).toEqual(before);
  });

  it("applies the limit to multipart bodies too", async () => {
    process.env.INGEST_MAX_BYTES = "100";
    const a = await call(POST, "/api/v1/ingest", form({ file: new File([GOOD.repeat(5)], "x.csv") }));
    expect(a.status).toBe(413);
    expect(error(a).code).toBe("TOO_LARGE");
  });

  it("a zip declaring more than the archive limit is a 413", async () => {
    const zip = zipSync({ "header.json": strToU8('{"version": 2}'), "samples/1.json": strToU8("{}") });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Patch the central directory's declared uncompressed sizes to 2 GiB (a zip bomb's claim).
    for (let o = 0; o + 4 <= zip.length; o++)
      if (view.getUint32(o, true) === 0x02014b50) view.setUint32(o + 24, 0x7fffffff, true);
    const a = await call(POST, "/api/v1/ingest?filename=run.eval", raw(zip, "application/octet-stream"));
    expect(a.status).toBe(413);
    expect(error(a).code).toBe("TOO_LARGE");
  });
});

describe("POST /api/v1/ingest: unreadable input", () => {
  it("415 for a format id that does not exist, before reading the body", async () => {
    const { stream, stats } = countingStream(MiB);
    const a = await call(POST, "/api/v1/ingest?filename=x.xlsx&format=excel", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: stream,
      duplex: "half",
    });
    expect(a.status).toBe(415);
    const e = error(a);
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    expect(e.message).toBe(`unknown format "excel"; supported: ${FORMAT_IDS.join(", ")}`);
    expect(e.issues?.map((i) => i.path)).toEqual(["format"]);
    expect(stats.pulled).toBe(0);
  });

  it("415 for content no parser recognises", async () => {
    const a = await call(POST, "/api/v1/ingest?filename=notes.txt", raw("just some prose\n", "text/plain"));
    expect(a.status).toBe(415);
    expect(error(a).code).toBe("UNSUPPORTED_FORMAT");
    expect(error(a).message).toMatch(/^notes\.txt: format not recognised/);
  });

  it("415 for a url-encoded form (curl -d without --data-binary)", async () => {
    const a = await call(
      POST,
      "/api/v1/ingest?filename=x.csv",
      raw("model=m1", "application/x-www-form-urlencoded"),
    );
    expect(a.status).toBe(415);
    expect(error(a).code).toBe("UNSUPPORTED_FORMAT");
  });

  it("400 for a corrupt zip", async () => {
    const junk = new Uint8Array(64).fill(7);
    junk.set([0x50, 0x4b, 0x03, 0x04]);
    const a = await call(POST, "/api/v1/ingest?filename=run.eval", raw(junk, "application/octet-stream"));
    expect(a.status).toBe(400);
    expect(error(a).code).toBe("VALIDATION");
    expect(error(a).message).toMatch(/^corrupt file: run\.eval: /);
  });

  it.each([
    ["no filename for a raw body", "/api/v1/ingest", raw(GOOD), ["filename"]],
    ["an empty body", "/api/v1/ingest?filename=e.csv", raw(""), ["body"]],
    ["a non-boolean option", "/api/v1/ingest?filename=e.csv&partial=yes", raw(GOOD), ["partial"]],
    ["an unknown option", "/api/v1/ingest?filename=e.csv&dry_run=true", raw(GOOD), ["dry_run"]],
    ["a form without a file part", "/api/v1/ingest", form({ filename: "x.csv" }), ["file"]],
    ["a file part sent as text", "/api/v1/ingest", form({ file: GOOD }), ["file"]],
  ])("400 for %s", async (_label, url, init, fields) => {
    const before = snapshot();
    const a = await call(POST, url, init);
    expect(a.status).toBe(400);
    expect(error(a).code).toBe("VALIDATION");
    expect(error(a).issues?.map((i) => i.path)).toEqual(fields);
    expect(snapshot()).toEqual(before);
  });
});
