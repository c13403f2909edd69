import { describe, expect, it } from "vitest";
import { fixture } from "@/test/fixtures/ingest/fixture";
import { IngestError } from "./errors";
import { assertValid, parseFile } from "./parse-file";

function thrown(f: () => unknown): IngestError {
  try {
    f();
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error("expected an IngestError");
}

describe("parseFile", () => {
  it.each([
    { file: "epoch/cybench_external.csv", format: "epoch-csv", scores: 58 },
    { file: "metr/benchmark_results_1_1.yaml", format: "metr-yaml", scores: 51 },
    { file: "inspect_ai/log_formats.eval", format: "inspect-eval", scores: 1 },
    { file: "pythia/12b_step143000.json", format: "lm-eval-harness", scores: 172 },
    { file: "obsscaling/base_llm_emergent_capability_eval.csv", format: "obsscaling-csv", scores: 613 },
  ])("dispatches $file to $format", ({ file, format, scores }) => {
    const r = parseFile(file.replace(/^.*\//, ""), fixture(file));
    expect(r.format).toBe(format);
    expect(r.scores).toHaveLength(scores);
    expect(r.scores[0]?.source.file).toBe(file.replace(/^.*\//, ""));
  });

  it("passes the Safetywashing companion file through", () => {
    const r = parseFile("benchmarks_chat_models.csv", fixture("safetywashing/benchmarks_chat_models.csv"), {
      benchmarksInfo: fixture("safetywashing/benchmarks_info.csv"),
    });
    expect(r.metrics.find((m) => m.id === "safetywashing.wmdp_bio")?.higher_is_riskier).toBe(false);
  });

  it("passes ZIP limits through", () => {
    const e = thrown(() =>
      parseFile("log.eval", fixture("inspect_ai/log_formats.eval"), {
        limits: { maxUncompressedBytes: 1000 },
      }),
    );
    expect(e.code).toBe("TOO_LARGE");
  });

  it("a format override skips detection", () => {
    const r = parseFile("anything.dat", "model,metric,value\nm,a.b,1\n", { format: "generic-csv" });
    expect(r.format).toBe("generic-csv");
    const forced = thrown(() =>
      parseFile("x.json", fixture("pythia/12b_step143000.json"), { format: "inspect-json" }),
    );
    expect(forced).toMatchObject({ code: "UNSUPPORTED_FORMAT", file: "x.json" });
  });

  it.each([
    {
      label: "unrecognised content",
      name: "notes.txt",
      input: "hello",
      message: /^notes\.txt: format not recognised from its content; supported: generic-csv, /,
    },
    {
      label: "unknown format override",
      name: "a.csv",
      input: "x",
      format: "excel" as never,
      message: /^a\.csv: unknown format "excel"$/,
    },
  ])("throws UNSUPPORTED_FORMAT naming the file: $label", ({ name, input, format, message }) => {
    const e = thrown(() => parseFile(name, input, format ? { format } : {}));
    expect(e.code).toBe("UNSUPPORTED_FORMAT");
    expect(e.file).toBe(name);
    expect(e.message).toMatch(message);
  });

  it("throws CORRUPT for bytes that are not UTF-8 text", () => {
    const e = thrown(() =>
      parseFile("s.csv", new Uint8Array([0x6d, 0x2c, 0xff, 0xfe, 0x0a]), { format: "generic-csv" }),
    );
    expect(e).toMatchObject({ code: "CORRUPT", file: "s.csv", message: "s.csv: is not valid UTF-8 text" });
  });

  it("assertValid turns row errors into one VALIDATION error carrying them all", () => {
    const r = parseFile("s.csv", "model,metric,value\nm,a.b,x\nm,a.b,inf\n");
    const e = thrown(() => assertValid(r, "s.csv"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe('s.csv: 2 invalid row(s); first: row 1: value is not a number: "x"');
    expect(e.issues.map((i) => [i.row, i.field])).toEqual([
      [1, "value"],
      [2, "value"],
    ]);
    expect(assertValid(parseFile("s.csv", "model,metric,value\nm,a.b,1\n"), "s.csv").scores).toHaveLength(1);
  });
});
