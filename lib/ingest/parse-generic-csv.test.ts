import { describe, expect, it } from "vitest";
import { parseGenericCsv } from "./parse-generic-csv";
import { ParseResult } from "./types";

const HEADER = "model,metric,value,stderr,n,mitigation,elicitation,evaluated_at,source";

describe("parseGenericCsv: valid input", () => {
  it("reads every column and records provenance per row", () => {
    const text = [
      HEADER,
      "claude-opus-4,Cybench.Unguided,0.42,0.03,40,pre,pass@1,2025-05-01,https://example.org/card.pdf",
      "claude-opus-4,cybench.unguided,0.35,,,post,,,system card table 7",
      "gpt-5,wmdp.bio,0.8,,,,,,",
    ].join("\n");
    const r = parseGenericCsv(text, { fileName: "scores.csv" });
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.errors).toEqual([]);
    expect(r.scores).toEqual([
      {
        model: "claude-opus-4",
        metric: "cybench.unguided",
        value: 0.42,
        stderr: 0.03,
        n: 40,
        mitigation: "pre",
        elicitation: "pass@1",
        evaluated_at: "2025-05-01",
        source: { row: 1, file: "scores.csv", url: "https://example.org/card.pdf" },
      },
      {
        model: "claude-opus-4",
        metric: "cybench.unguided",
        value: 0.35,
        stderr: null,
        n: null,
        mitigation: "post",
        elicitation: null,
        evaluated_at: null,
        source: { row: 2, file: "scores.csv", note: "system card table 7" },
      },
      {
        model: "gpt-5",
        metric: "wmdp.bio",
        value: 0.8,
        stderr: null,
        n: null,
        elicitation: null,
        evaluated_at: null,
        source: { row: 3, file: "scores.csv" },
      },
    ]);
  });

  it("needs only model, metric and value, in any column order", () => {
    const r = parseGenericCsv("value,model,metric\n0.5,m1,a.b\n");
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => [s.model, s.metric, s.value])).toEqual([["m1", "a.b", 0.5]]);
  });

  it("accepts a UTF-8 BOM and CRLF line ends, as bytes", () => {
    const bytes = new TextEncoder().encode(`\uFEFF${HEADER}\r\nm,x.y,0.1,,,,,,\r\nm,x.y,0.2,,,,,,\r\n`);
    const r = parseGenericCsv(bytes);
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => s.value)).toEqual([0.1, 0.2]);
  });

  it("skips blank lines and all-empty rows without counting them as errors", () => {
    const r = parseGenericCsv("model,metric,value\nm,a.b,1\n\n,,\nm,a.b,2\n");
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => s.source.row)).toEqual([1, 3]);
    expect(r.skipped).toBe(1);
  });

  it("notes unknown columns instead of failing", () => {
    const r = parseGenericCsv("model,metric,value,comment\nm,a.b,1,hello\n");
    expect(r.scores).toHaveLength(1);
    expect(r.notes).toEqual(["ignored unknown columns: comment"]);
  });
});

describe("parseGenericCsv: bad input names the row and field", () => {
  it.each([
    { label: "empty file", text: "", errors: [{ row: 0, message: "file is empty" }] },
    { label: "whitespace-only file", text: "\n\n", errors: [{ row: 0, message: "file is empty" }] },
    {
      label: "missing required column",
      text: "model,metric\nm,a.b\n",
      errors: [{ row: 0, field: "value", message: 'missing required column "value"' }],
    },
    {
      label: "too many cells",
      text: "model,metric,value\nm,a.b,1\nm,a.b,2,extra\n",
      errors: [{ row: 2, message: "has 4 cells but the header has 3 columns" }],
    },
    {
      label: "too few cells",
      text: "model,metric,value\nm,a.b\n",
      errors: [{ row: 1, message: "has 2 cells but the header has 3 columns" }],
    },
    {
      label: "non-numeric value",
      text: "model,metric,value\nm,a.b,high\n",
      errors: [{ row: 1, field: "value", message: 'value is not a number: "high"' }],
    },
    {
      label: "NaN",
      text: "model,metric,value\nm,a.b,0.1\nm,a.b,NaN\n",
      errors: [{ row: 2, field: "value", message: 'value must be a finite number, got "NaN"' }],
    },
    {
      label: "inf",
      text: "model,metric,value\nm,a.b,inf\n",
      errors: [{ row: 1, field: "value", message: 'value must be a finite number, got "inf"' }],
    },
    {
      label: "-Infinity",
      text: "model,metric,value\nm,a.b,-Infinity\n",
      errors: [{ row: 1, field: "value", message: 'value must be a finite number, got "-Infinity"' }],
    },
    {
      label: "empty value",
      text: "model,metric,value\nm,a.b,\n",
      errors: [{ row: 1, field: "value", message: "value is required" }],
    },
    {
      label: "negative stderr",
      text: "model,metric,value,stderr\nm,a.b,0.5,-0.01\n",
      errors: [{ row: 1, field: "stderr", message: "stderr must not be negative, got -0.01" }],
    },
    {
      label: "fractional n",
      text: "model,metric,value,n\nm,a.b,0.5,2.5\n",
      errors: [{ row: 1, field: "n", message: "n must be a whole number, got 2.5" }],
    },
    {
      label: "bad mitigation",
      text: "model,metric,value,mitigation\nm,a.b,0.5,during\n",
      errors: [
        { row: 1, field: "mitigation", message: 'mitigation must be one of pre | post, got "during"' },
      ],
    },
    {
      label: "impossible date",
      text: "model,metric,value,evaluated_at\nm,a.b,0.5,2024-02-30\n",
      errors: [
        { row: 1, field: "evaluated_at", message: 'evaluated_at is not a real calendar date: "2024-02-30"' },
      ],
    },
    {
      label: "not a date",
      text: "model,metric,value,evaluated_at\nm,a.b,0.5,last week\n",
      errors: [
        {
          row: 1,
          field: "evaluated_at",
          message: 'evaluated_at is not an ISO date (YYYY-MM-DD): "last week"',
        },
      ],
    },
    {
      label: "missing model",
      text: "model,metric,value\n,a.b,0.5\n",
      errors: [{ row: 1, field: "model", message: "model is required" }],
    },
    {
      label: "metric id with a slash",
      text: "model,metric,value\nm,cyber/ctf,0.5\n",
      errors: [
        {
          row: 1,
          field: "metric",
          message: `metric "cyber/ctf" must be lowercase letters, digits, '_', '.', ':' or '-'`,
        },
      ],
    },
    {
      label: "duplicate row names the earlier one",
      text: "model,metric,value,mitigation\nm,a.b,0.5,pre\nm,a.b,0.6,pre\nm,a.b,0.5,\n",
      errors: [
        {
          row: 3,
          message: "duplicate of row 1 (same model, metric, mitigation, elicitation, evaluated_at and value)",
        },
      ],
    },
    {
      label: "unclosed quote",
      text: 'model,metric,value\nm,a.b,0.5\nm,"a.b,0.6\n',
      errors: [
        {
          row: 2,
          message:
            "CSV syntax error: Quote Not Closed: the parsing is finished with an opening quote at line 3",
        },
      ],
    },
  ])("$label", ({ text, errors }) => {
    const r = parseGenericCsv(text);
    expect(r.errors).toEqual(errors);
  });

  it("reports every bad field of a row, and keeps the good rows", () => {
    const r = parseGenericCsv(
      "model,metric,value,stderr,mitigation\nm,a.b,1,0.1,pre\n,a.b,x,-1,later\nm,a.c,2,,\n",
    );
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "model"],
      [2, "value"],
      [2, "stderr"],
      [2, "mitigation"],
    ]);
    expect(r.scores.map((s) => s.source.row)).toEqual([1, 3]);
  });

  it("same value under another mitigation or elicitation is not a duplicate", () => {
    const r = parseGenericCsv(
      "model,metric,value,mitigation,elicitation\nm,a.b,0.5,pre,\nm,a.b,0.5,post,\nm,a.b,0.5,pre,high\n",
    );
    expect(r.errors).toEqual([]);
    expect(r.scores).toHaveLength(3);
  });
});
