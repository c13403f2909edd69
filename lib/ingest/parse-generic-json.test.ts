import { describe, expect, it } from "vitest";
import { IngestError } from "./errors";
import { parseGenericJson } from "./parse-generic-json";
import { parseGenericJsonl } from "./parse-generic-jsonl";

const score = { model: "m", metric: "a.b", value: 0.5 };

describe("parseGenericJson", () => {
  it.each([
    { label: "array of scores", doc: [score, { ...score, value: 0.6, mitigation: "post" }] },
    { label: "{ scores: [...] }", doc: { scores: [score, { ...score, value: 0.6, mitigation: "post" }] } },
  ])("$label", ({ doc }) => {
    const r = parseGenericJson(JSON.stringify(doc), { fileName: "s.json" });
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => [s.value, s.mitigation ?? null, s.source.row])).toEqual([
      [0.5, null, 1],
      [0.6, "post", 2],
    ]);
  });

  it("reads model metadata next to scores", () => {
    const r = parseGenericJson(
      JSON.stringify({
        scores: [score],
        models: [
          { model: "m", name: "Model M", release_date: "2025-01-02", params_b: 70, training_flop: 6.3e24 },
        ],
      }),
    );
    expect(r.models).toEqual([
      {
        name: "m",
        display_name: "Model M",
        release_date: "2025-01-02",
        params_b: 70,
        training_flop: 6.3e24,
        source: { row: 1 },
      },
    ]);
  });

  it.each([
    { label: "empty file", text: "  ", errors: [{ row: 0, message: "file is empty" }] },
    {
      label: "object without scores",
      text: '{"results": {}}',
      errors: [{ row: 0, message: 'expected an array of score objects or an object with a "scores" array' }],
    },
    {
      label: "entry that is not an object",
      text: JSON.stringify([score, 3]),
      errors: [{ row: 2, message: "must be an object with model, metric and value" }],
    },
    {
      label: "value as a string NaN",
      text: JSON.stringify([{ ...score, value: "NaN" }]),
      errors: [{ row: 1, field: "value", message: 'value must be a finite number, got "NaN"' }],
    },
    {
      label: "value null",
      text: JSON.stringify([{ ...score, value: null }]),
      errors: [{ row: 1, field: "value", message: "value is required" }],
    },
    {
      label: "numeric model",
      text: JSON.stringify([{ ...score, model: 7 }]),
      errors: [{ row: 1, field: "model", message: "model must be a non-empty string" }],
    },
    {
      label: "duplicate entry",
      text: JSON.stringify([score, score]),
      errors: [
        {
          row: 2,
          message: "duplicate of row 1 (same model, metric, mitigation, elicitation, evaluated_at and value)",
        },
      ],
    },
    {
      label: "bad model metadata",
      text: JSON.stringify({ scores: [], models: [{ model: "m", params_b: -1 }] }),
      errors: [{ row: 1, field: "models.params_b", message: "params_b must not be negative, got -1" }],
    },
  ])("$label", ({ text, errors }) => {
    expect(parseGenericJson(text).errors).toEqual(errors);
  });

  it("throws CORRUPT, naming the file, for JSON that does not parse", () => {
    expect(() => parseGenericJson('[{"model": "m",', { fileName: "broken.json" })).toThrow(IngestError);
    try {
      parseGenericJson('[{"model": "m",', { fileName: "broken.json" });
    } catch (e) {
      expect(e).toMatchObject({ code: "CORRUPT", file: "broken.json" });
    }
  });
});

describe("parseGenericJsonl", () => {
  it("numbers rows by line, skipping blank lines", () => {
    const text = [JSON.stringify(score), "", JSON.stringify({ ...score, value: 0.7 }), ""].join("\r\n");
    const r = parseGenericJsonl(text, { fileName: "s.jsonl" });
    expect(r.errors).toEqual([]);
    expect(r.scores.map((s) => [s.value, s.source.row])).toEqual([
      [0.5, 1],
      [0.7, 3],
    ]);
  });

  it.each([
    { label: "empty file", text: "", errors: [{ row: 0, message: "file is empty" }] },
    {
      label: "broken line",
      text: `${JSON.stringify(score)}\n{"model": "m", "metric"\n`,
      errors: [{ row: 2, message: expect.stringMatching(/^line is not valid JSON \(/) as unknown as string }],
    },
    {
      label: "array line",
      text: `[1,2]\n`,
      errors: [{ row: 1, message: "line must be a JSON object with model, metric and value" }],
    },
    {
      label: "Infinity as text on line 3",
      text: `${JSON.stringify(score)}\n\n${JSON.stringify({ ...score, value: "-inf" })}\n`,
      errors: [{ row: 3, field: "value", message: 'value must be a finite number, got "-inf"' }],
    },
    {
      label: "duplicate names the earlier line",
      text: `${JSON.stringify(score)}\n${JSON.stringify({ ...score, value: 0.9 })}\n${JSON.stringify(score)}\n`,
      errors: [
        {
          row: 3,
          message: "duplicate of row 1 (same model, metric, mitigation, elicitation, evaluated_at and value)",
        },
      ],
    },
  ])("$label", ({ text, errors }) => {
    expect(parseGenericJsonl(text).errors).toEqual(errors);
  });
});
