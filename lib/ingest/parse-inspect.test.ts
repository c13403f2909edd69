import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { parseInspectEval, parseInspectJson } from "./parse-inspect";
import { ParseResult } from "./types";

const POPULARITY = "inspect_ai/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval";

function parse(rel: string): ParseResult {
  const name = rel.replace(/^.*\//, "");
  return rel.endsWith(".json")
    ? parseInspectJson(fixture(rel), { fileName: name })
    : parseInspectEval(fixture(rel), { fileName: name });
}

/** Rewrites an archive entry by entry (fflate), e.g. to drop header.json. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

/** Overwrites the uncompressed size that the central directory (and local header) declare. */
function forgeDeclaredSize(
  zip: Uint8Array,
  entry: string,
  size: number,
  opts: { local: boolean },
): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = strToU8(entry);
  for (let o = 0; o + 46 < out.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50) continue;
    const len = view.getUint16(o + 28, true);
    if (!out.subarray(o + 46, o + 46 + len).every((b, i) => b === name[i]) || len !== name.length) continue;
    view.setUint32(o + 24, size, true);
    if (opts.local) view.setUint32(view.getUint32(o + 42, true) + 22, size, true);
    return out;
  }
  throw new Error(`no central directory entry ${entry}`);
}

async function thrown(f: () => unknown): Promise<IngestError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error("expected an IngestError");
}

describe("Inspect logs: the real files", () => {
  it.each([
    {
      label: "JSON log v2 (old `options` key)",
      file: "inspect_ai/log_formats.json",
      format: "inspect-json",
      model: "ollama/llama3.1",
      metric: "inspect.popularity.match.accuracy",
      value: 0,
      stderr: 0,
      n: 1,
      evaluated_at: "2024-10-15",
    },
    {
      label: ".eval, same run (new `params` key)",
      file: "inspect_ai/log_formats.eval",
      format: "inspect-eval",
      model: "ollama/llama3.1",
      metric: "inspect.popularity.match.accuracy",
      value: 0,
      stderr: 0,
      n: 1,
      evaluated_at: "2024-10-15",
    },
    {
      label: ".eval with 10 samples",
      file: POPULARITY,
      format: "inspect-eval",
      model: "openai/gpt-4o-mini",
      metric: "inspect.popularity.match.accuracy",
      value: 0.8,
      stderr: 0.13333333333333333,
      n: 10,
      evaluated_at: "2025-02-11",
    },
    {
      label: "newer writer (0.3.154) with scored/unscored counts and a registry task name",
      file: "inspect_ai/mmlu-summary-choices.eval",
      format: "inspect-eval",
      model: "openai/gpt-4o",
      metric: "inspect.inspect_evals-mmlu_0_shot.choice.accuracy",
      value: 0,
      stderr: 0,
      n: 1,
      evaluated_at: "2025-12-19",
    },
  ])("$label", ({ file, format, model, metric, value, stderr, n, evaluated_at }) => {
    const r = parse(file);
    expect(ParseResult.parse(r)).toEqual(r);
    expect(r.format).toBe(format);
    expect(r.errors).toEqual([]);
    // One scorer with accuracy + stderr: one score, the stderr attached to it.
    expect(r.scores).toHaveLength(1);
    expect(r.scores[0]).toMatchObject({ model, metric, value, stderr, n, evaluated_at, elicitation: null });
    expect(r.scores[0]?.source.file).toBe(file.replace(/^.*\//, ""));
    expect(r.metrics.map((m) => [m.id, m.unit])).toEqual([[metric, "fraction"]]);
    expect(r.models.map((m) => m.name)).toEqual([model]);
  });
});

describe("Inspect logs: layouts", () => {
  it("falls back to _journal/start.json and reductions.json when header.json is missing", () => {
    const bytes = rezip(fixture(POPULARITY), (files) => {
      delete files["header.json"];
    });
    const r = parseInspectEval(bytes, { fileName: "in-progress.eval" });
    expect(r.errors).toEqual([]);
    expect(r.scores).toHaveLength(1);
    const s = r.scores[0];
    expect(s).toMatchObject({
      model: "openai/gpt-4o-mini",
      metric: "inspect.popularity.match.accuracy",
      value: 0.8,
      n: 10,
      evaluated_at: "2025-02-11",
    });
    // Inspect's stderr: sample standard deviation (ddof 1) over sqrt(n), as in the finished log.
    expect(s?.stderr).toBeCloseTo(0.13333333333333333, 15);
    expect(s?.source.note).toContain("recomputed from reductions.json");
    expect(r.notes).toContain(
      "header.json is missing (log still being written?): metadata read from _journal/start.json",
    );
  });

  it("a log with neither results nor reductions yields no scores, with a note", () => {
    const bytes = rezip(fixture(POPULARITY), (files) => {
      delete files["header.json"];
      delete files["reductions.json"];
    });
    const r = parseInspectEval(bytes);
    expect(r.scores).toEqual([]);
    expect(r.models.map((m) => m.name)).toEqual(["openai/gpt-4o-mini"]);
    expect(r.notes).toContain("the log has no results and no reductions.json yet: no scores to import");
  });

  it("reads scored/unscored counts and metric settings under `params` or `options`", () => {
    const bytes = rezip(fixture("inspect_ai/mmlu-summary-choices.eval"), (files) => {
      const header = JSON.parse(new TextDecoder().decode(files["header.json"])) as {
        results: {
          scores: {
            scored_samples: number;
            unscored_samples: number;
            metrics: Record<string, Record<string, unknown>>;
          }[];
        };
      };
      const entry = header.results.scores[0];
      if (!entry) throw new Error("fixture changed");
      entry.scored_samples = 98;
      entry.unscored_samples = 2;
      entry.metrics.accuracy = { name: "accuracy", value: 0.75, params: { k: 5 } };
      entry.metrics.std = { name: "std", value: 0.4, options: {} };
      files["header.json"] = strToU8(JSON.stringify(header));
    });
    const r = parseInspectEval(bytes);
    expect(r.scores.map((s) => [s.metric, s.value, s.stderr, s.n])).toEqual([
      ["inspect.inspect_evals-mmlu_0_shot.choice.accuracy", 0.75, 0, 98],
      // stderr belongs to the mean-type metric only; std is a score of its own without one.
      ["inspect.inspect_evals-mmlu_0_shot.choice.std", 0.4, null, 98],
    ]);
    expect(r.scores[0]?.source.note).toBe(
      'inspect run 3qNiRyzvDH3HnEgLT3abyv; metric settings {"k":5}; 2 samples unscored',
    );
  });

  it("reports a metric without a value at its score entry", () => {
    const log = JSON.parse(new TextDecoder().decode(fixture("inspect_ai/log_formats.json"))) as {
      results: { scores: { metrics: { accuracy: { value: unknown } } }[] };
    };
    const first = log.results.scores[0];
    if (!first) throw new Error("fixture changed");
    first.metrics.accuracy.value = null;
    const r = parseInspectJson(JSON.stringify(log));
    expect(r.errors).toEqual([
      {
        row: 1,
        field: "results.scores[0].metrics.accuracy.value",
        message: "results.scores[0].metrics.accuracy.value is missing",
      },
    ]);
  });
});

describe("Inspect .eval: damaged and hostile archives", () => {
  const MiB = 1024 * 1024;

  it("rejects a ZIP bomb from its declared size, before inflating anything", async () => {
    const bomb = zipSync({ "header.json": new Uint8Array(2 * MiB) }, { level: 9 });
    expect(bomb.length).toBeLessThan(10_000);
    const e = await thrown(() =>
      parseInspectEval(bomb, { fileName: "bomb.eval", limits: { maxUncompressedBytes: MiB } }),
    );
    expect(e.code).toBe("TOO_LARGE");
    expect(e.file).toBe("bomb.eval");
    expect(e.message).toBe(
      'bomb.eval: declares 2.0 MiB+ of uncompressed data (entry "header.json" alone 2.0 MiB); the limit is 1.0 MiB',
    );
  });

  it("applies the 256 MiB default to declared sizes (a forged 300 MiB entry)", async () => {
    const forged = forgeDeclaredSize(fixture(POPULARITY), "samples/1_epoch_1.json", 300 * MiB, {
      local: false,
    });
    const e = await thrown(() => parseInspectEval(forged, { fileName: "big.eval" }));
    expect(e.code).toBe("TOO_LARGE");
    expect(e.message).toContain("the limit is 256.0 MiB");
  });

  it("stops inflating at the limit when the directory under-declares (actual size check)", async () => {
    const bomb = zipSync({ "header.json": new Uint8Array(4 * MiB) }, { level: 9 });
    const liar = forgeDeclaredSize(bomb, "header.json", 100, { local: true });
    const e = await thrown(() =>
      parseInspectEval(liar, { fileName: "liar.eval", limits: { maxUncompressedBytes: MiB } }),
    );
    expect(e.code).toBe("TOO_LARGE");
    expect(e.message).toMatch(
      /^liar\.eval: inflates past 1\.0 MiB \(stopped at \d+\.\d MiB\) although its directory declares less/,
    );
  });

  it("calls an entry that inflates to another size than declared corrupt", async () => {
    const zip = zipSync({ "header.json": strToU8("{}".padEnd(5000, " ")) });
    const liar = forgeDeclaredSize(zip, "header.json", 100, { local: true });
    const e = await thrown(() => parseInspectEval(liar, { fileName: "x.eval" }));
    expect(e.code).toBe("CORRUPT");
    expect(e.message).toBe(
      'x.eval: is not a readable ZIP archive: "header.json" inflates to 5000 bytes but declares 100',
    );
  });

  it.each([
    {
      label: "cut in half",
      cut: (b: Uint8Array) => b.subarray(0, b.length >> 1),
      why: "end of central directory not found (truncated?)",
    },
    { label: "only the magic", cut: (b: Uint8Array) => b.subarray(0, 10), why: "too short (truncated?)" },
  ])("rejects a truncated archive: $label", async ({ cut, why }) => {
    const e = await thrown(() => parseInspectEval(cut(fixture(POPULARITY)), { fileName: "t.eval" }));
    expect(e.code).toBe("CORRUPT");
    expect(e.message).toBe(`t.eval: is not a readable ZIP archive: ${why}`);
  });

  it("rejects damaged compressed data", async () => {
    const zip = zipSync({
      "header.json": strToU8(JSON.stringify({ eval: { task: "t", model: "m" } }).repeat(50)),
    });
    const damaged = zip.slice();
    // The deflate stream starts after the 30-byte local header and the 11-byte name.
    damaged.fill(0xff, 41, 60);
    const e = await thrown(() => parseInspectEval(damaged, { fileName: "d.eval" }));
    expect(e.code).toBe("CORRUPT");
    expect(e.message).toMatch(/^d\.eval: is not a readable ZIP archive: "header\.json" does not inflate/);
  });

  it("limits the number of entries", async () => {
    const e = await thrown(() =>
      parseInspectEval(fixture(POPULARITY), { fileName: "p.eval", limits: { maxEntries: 5 } }),
    );
    expect(e).toMatchObject({ code: "TOO_LARGE", message: "p.eval: has 15 entries; the limit is 5" });
  });

  it("a ZIP that is not an Inspect log is an unsupported format", async () => {
    const e = await thrown(() =>
      parseInspectEval(zipSync({ "readme.txt": strToU8("hi") }), { fileName: "other.zip" }),
    );
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    expect(e.message).toContain("other.zip: is a ZIP but not an Inspect log");
  });
});
