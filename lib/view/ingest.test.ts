import { describe, expect, it } from "vitest";
import type { Batch, BatchReport } from "@/lib/api/schemas";
import {
  aliasCommand,
  batchRow,
  errorRows,
  formatBytes,
  formatTimestamp,
  ingestUrl,
  interpretIngestResponse,
  reportView,
  uploadPercent,
} from "./ingest";

const report = (over: Partial<BatchReport> = {}): BatchReport => ({
  file: "scores.csv",
  format: "generic-csv",
  status: "imported",
  batch_id: 12,
  sha256: "ab",
  inserted: 1,
  duplicates: 0,
  rejected: [],
  models_created: [],
  models_updated: [],
  metrics_created: [],
  possible_duplicates: [],
  notes: [],
  ...over,
});

describe("error rows", () => {
  it.each([
    { label: "empty", errors: [], rows: [] },
    {
      label: "a data row with its field",
      errors: [{ row: 2, field: "value", message: 'value is not a number: "abc"' }],
      rows: [{ key: "2:value:0", row: "2", field: "value", message: 'value is not a number: "abc"' }],
    },
    {
      label: "row 0 is the file, a missing field is a dash",
      errors: [{ row: 0, message: "no header" }],
      rows: [{ key: "0::0", row: "file", field: "—", message: "no header" }],
    },
    {
      label: "sorted by row, stable within a row",
      errors: [
        { row: 10, field: "model", message: "m" },
        { row: 3, field: "value", message: "v1" },
        { row: 3, field: "metric", message: "v2" },
      ],
      rows: [
        { key: "3:value:1", row: "3", field: "value", message: "v1" },
        { key: "3:metric:2", row: "3", field: "metric", message: "v2" },
        { key: "10:model:0", row: "10", field: "model", message: "m" },
      ],
    },
  ])("$label", ({ errors, rows }) => {
    expect(errorRows(errors)).toEqual(rows);
  });
});

describe("ingest answers", () => {
  const rejected = report({
    status: "rejected",
    batch_id: null,
    inserted: 0,
    rejected: [{ row: 2, field: "value", message: "bad" }],
  });

  it.each([
    {
      label: "200 with a report: imported",
      status: 200,
      body: { batches: [report()] },
      kind: "imported",
    },
    {
      label: "422 with the report: rejected, nothing imported",
      status: 422,
      body: {
        error: { code: "VALIDATION", message: "scores.csv: 1 invalid row; nothing was imported", issues: [] },
        batches: [rejected],
      },
      kind: "rejected",
    },
    {
      label: "422 without a report: an error",
      status: 422,
      body: { error: { code: "VALIDATION", message: "bad" } },
      kind: "error",
    },
    {
      label: "200 off contract: an error, never a success",
      status: 200,
      body: { ok: true },
      kind: "error",
    },
  ])("$label", ({ status, body, kind }) => {
    expect(interpretIngestResponse(status, body).kind).toBe(kind);
  });

  it("keeps the rejected report and the server's message", () => {
    const out = interpretIngestResponse(422, {
      error: { code: "VALIDATION", message: "nothing was imported", issues: [] },
      batches: [rejected],
    });
    expect(out).toEqual({ kind: "rejected", message: "nothing was imported", reports: [rejected] });
  });

  it.each([
    {
      label: "413 adds the size hint",
      status: 413,
      body: { error: { code: "TOO_LARGE", message: "the upload is larger than the limit of 10 bytes" } },
      message:
        "the upload is larger than the limit of 10 bytes. The file is larger than the server accepts (INGEST_MAX_BYTES).",
    },
    {
      label: "415 adds the format hint",
      status: 415,
      body: { error: { code: "UNSUPPORTED_FORMAT", message: "format not recognised" } },
      message:
        "format not recognised. The format is not supported or was not recognised; pick one under Format.",
    },
    {
      label: "an HTML error page",
      status: 502,
      body: "<html>",
      message: "The server gave an unexpected answer (HTTP 502).",
    },
    {
      label: "a 413 from a proxy without a JSON body",
      status: 413,
      body: null,
      message: "The file is larger than the server accepts (INGEST_MAX_BYTES).",
    },
  ])("error: $label", ({ status, body, message }) => {
    expect(interpretIngestResponse(status, body)).toEqual({ kind: "error", status, message, issues: [] });
  });
});

describe("report view", () => {
  it("imported: headline with batch, facts, models and the alias hint", () => {
    const v = reportView(
      report({
        inserted: 3,
        duplicates: 2,
        models_created: ["synthetic-e2e-a"],
        possible_duplicates: [{ raw: "GPT 4o", similar_to: "gpt-4o", reason: "same letters" }],
      }),
    );
    expect(v.headline).toBe("Imported 3 scores from scores.csv as batch 12.");
    expect(v.facts.slice(0, 2)).toEqual([
      { label: "Inserted", value: "3" },
      { label: "Duplicates (already stored)", value: "2" },
    ]);
    expect(v.modelsCreated).toEqual(["synthetic-e2e-a"]);
    expect(v.possibleDuplicates).toEqual([
      {
        raw: "GPT 4o",
        similarTo: "gpt-4o",
        reason: "same letters",
        aliasCommand: "npm run --silent cli -- models alias 'GPT 4o' gpt-4o",
      },
    ]);
  });

  it.each([
    { label: "one score", r: report(), headline: "Imported 1 score from scores.csv as batch 12." },
    {
      label: "unchanged",
      r: report({ status: "unchanged", batch_id: null, inserted: 0, duplicates: 1 }),
      headline: "Nothing new in scores.csv: every score was already imported (1 duplicate).",
    },
    {
      label: "rejected",
      r: report({ status: "rejected", batch_id: null, inserted: 0 }),
      headline: "scores.csv was rejected: nothing was imported.",
    },
  ])("headline: $label", ({ r, headline }) => {
    expect(reportView(r).headline).toBe(headline);
  });

  it.each([
    { raw: "gpt-4o", id: "gpt-4o", cmd: "npm run --silent cli -- models alias gpt-4o gpt-4o" },
    { raw: "it's", id: "its", cmd: "npm run --silent cli -- models alias 'it'\\''s' its" },
  ])("alias command quotes $raw", ({ raw, id, cmd }) => {
    expect(aliasCommand(raw, id)).toBe(cmd);
  });
});

describe("request", () => {
  it.each([
    {
      label: "detect leaves the format out",
      c: { filename: "a b.csv", format: "detect" as const, partial: false, acceptNewModels: false },
      url: "/api/v1/ingest?filename=a+b.csv&partial=false&accept_new_models=false",
    },
    {
      label: "an explicit format and both options",
      c: { filename: "x.json", format: "inspect-json" as const, partial: true, acceptNewModels: true },
      url: "/api/v1/ingest?filename=x.json&format=inspect-json&partial=true&accept_new_models=true",
    },
  ])("$label", ({ c, url }) => {
    expect(ingestUrl(c)).toBe(url);
  });

  it.each([
    { loaded: 0, total: 100, pct: 0 },
    { loaded: 50, total: 100, pct: 50 },
    { loaded: 999, total: 1000, pct: 99 },
    { loaded: 100, total: 100, pct: 100 },
    { loaded: 150, total: 100, pct: 100 },
    { loaded: 10, total: 0, pct: null },
    { loaded: Number.NaN, total: 100, pct: null },
  ])("upload $loaded/$total → $pct", ({ loaded, total, pct }) => {
    expect(uploadPercent(loaded, total)).toBe(pct);
  });

  it.each([
    { n: 0, text: "0 B" },
    { n: 1023, text: "1023 B" },
    { n: 1024, text: "1.0 KiB" },
    { n: 5 * 1024 * 1024, text: "5.0 MiB" },
    { n: 50 * 1024 * 1024, text: "50 MiB" },
    { n: -1, text: "unknown size" },
  ])("bytes $n → $text", ({ n, text }) => {
    expect(formatBytes(n)).toBe(text);
  });
});

describe("batch rows", () => {
  const batch: Batch = {
    id: 7,
    file_name: "good.csv",
    sha256: "ab",
    format: "generic-csv",
    inserted: 1,
    duplicates: 0,
    rejected_count: 2,
    rejected: [],
    status: "active",
    created_by: "api (unauthenticated)",
    created_at: "2025-06-01T12:34:56.789Z",
    rolled_back_by: null,
    rolled_back_at: null,
    synthetic: false,
  };

  it("an active batch can be rolled back", () => {
    expect(batchRow(batch)).toEqual({
      id: 7,
      file: "good.csv",
      format: "generic-csv",
      inserted: 1,
      duplicates: 0,
      rejected: 2,
      status: "active",
      statusDetail: null,
      by: "api (unauthenticated)",
      at: "2025-06-01 12:34 UTC",
      synthetic: false,
      canRollBack: true,
    });
  });

  it("a rolled-back batch says by whom and when, and cannot be rolled back again", () => {
    const row = batchRow({
      ...batch,
      status: "rolled_back",
      rolled_back_by: "alice",
      rolled_back_at: "2025-06-02T08:00:00Z",
    });
    expect([row.status, row.statusDetail, row.canRollBack]).toEqual([
      "rolled back",
      "by alice at 2025-06-02 08:00 UTC",
      false,
    ]);
  });

  it.each([
    { iso: "2025-06-01", text: "2025-06-01" },
    { iso: "2025-06-01 09:05:00", text: "2025-06-01 09:05 UTC" },
    { iso: "not a date", text: "not a date" },
  ])("timestamp $iso", ({ iso, text }) => {
    expect(formatTimestamp(iso)).toBe(text);
  });
});
