import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "../main";
import type { CliIo } from "../types";

/** Runs the CLI in-process with captured output, as `npm run --silent cli -- ...` would. */
async function cli(args: string[], cwd = process.cwd()) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    isTTY: false,
    readText: (p) => readFileSync(path.resolve(cwd, p), "utf8"),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "scalegate-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const VALID = readFileSync("policies/openai-preparedness-beta.yaml", "utf8");

describe("policy validate", () => {
  it("exits 0 for the shipped policies", async () => {
    const r = await cli([
      "policy",
      "validate",
      ...["anthropic-rsp-v2-2", "deepmind-fsf-v3", "openai-preparedness-beta", "openai-preparedness-v2"].map(
        (p) => `policies/${p}.yaml`,
      ),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("4 valid, 0 invalid");
  });

  it.each([
    {
      label: "unknown key",
      edit: (s: string) => s.replace("rollup: max", "rollup: max\nrolup: max"),
      expected: /bad\.yaml:\d+:1: rolup: unknown key "rolup"/,
    },
    {
      label: "YAML syntax error",
      edit: (s: string) => s.replace("rollup: max", "rollup: [max"),
      expected: /bad\.yaml:\d+:\d+: YAML syntax/,
    },
    {
      label: "id not equal to the file name",
      edit: (s: string) => s,
      expected: /bad\.yaml:\d+:\d+: id "openai-preparedness-beta" must equal the file name "bad"/,
    },
  ])("exits 1 with file:line:col for $label", async ({ edit, expected }) => {
    const file = path.join(tmp, "bad.yaml");
    writeFileSync(file, edit(VALID));
    const r = await cli(["policy", "validate", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(expected);
    expect(r.stdout).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  });

  it("reports a missing file and a policy id used twice", async () => {
    const dir = mkdtempSync(path.join(tmp, "dup-"));
    mkdirSync(path.join(dir, "a"));
    writeFileSync(path.join(dir, "openai-preparedness-beta.yaml"), VALID);
    writeFileSync(path.join(dir, "a", "openai-preparedness-beta.yaml"), VALID);
    const r = await cli([
      "policy",
      "validate",
      path.join(dir, "openai-preparedness-beta.yaml"),
      path.join(dir, "a", "openai-preparedness-beta.yaml"),
      path.join(dir, "nope.yaml"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('duplicate policy id "openai-preparedness-beta"');
    expect(r.stdout).toMatch(/nope\.yaml:1:1: no such file/);
  });

  it("exits 2 without files", async () => {
    expect((await cli(["policy", "validate"])).code).toBe(2);
  });
});

describe("policy test", () => {
  it("runs every shipped fixture and ends with the count line", async () => {
    const r = await cli(["policy", "test"]);
    expect(r.code).toBe(0);
    const last = r.stdout.trim().split("\n").pop()!;
    expect(last).toMatch(/^(\d+) passed, 0 failed$/);
    expect(Number(last.split(" ")[0])).toBeGreaterThanOrEqual(8);
  });

  it("fails a policy that lacks a fail- fixture, and a fixture whose expectation is wrong", async () => {
    const dir = mkdtempSync(path.join(tmp, "pol-"));
    cpSync("policies/openai-preparedness-beta.yaml", path.join(dir, "openai-preparedness-beta.yaml"));
    mkdirSync(path.join(dir, "openai-preparedness-beta"));
    const fixture = JSON.parse(
      readFileSync("policies/openai-preparedness-beta/pass-medium-scorecard.json", "utf8"),
    ) as { expect: { level?: { pre?: string } } };
    fixture.expect.level = { pre: "critical" };
    writeFileSync(path.join(dir, "openai-preparedness-beta", "pass-wrong.json"), JSON.stringify(fixture));
    const r = await cli(["policy", "test", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no fail-*.json fixture");
    expect(r.stdout).toMatch(/level\.pre: expected critical, got \w+/);
    expect(r.stdout.trim().split("\n").pop()).toBe("0 passed, 2 failed");
  });
});

describe("policy schema", () => {
  it("prints the committed JSON Schema", async () => {
    const r = await cli(["policy", "schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync("policies/schema/policy.schema.json", "utf8"));
  });
});

describe("evaluate --input", () => {
  const model = (id: string, value: number | string) => ({
    model: { id },
    scores: [{ metric: "cybench.unguided", value }],
  });

  it("evaluates JSONL, one result per line, with the contract's fields", async () => {
    const file = path.join(tmp, "in.jsonl");
    writeFileSync(
      file,
      [model("synthetic-a", 0.1), model("synthetic-b", 0.9)].map((m) => JSON.stringify(m)).join("\n"),
    );
    const r = await cli([
      "evaluate",
      "--policy",
      "openai-preparedness-beta",
      "--input",
      file,
      "--as-of",
      "2025-06-01",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      model: string;
      policy: { id: string; version: string };
      domains: {
        id: string;
        level: { pre: string };
        evidenced_level: { pre: string };
        missing_evidence: string[];
      }[];
      gates: { action: string; outcome: string; reasons: string[] }[];
    }[];
    expect(out.map((e) => e.model)).toEqual(["synthetic-a", "synthetic-b"]);
    expect(out[0]!.policy).toEqual({ id: "openai-preparedness-beta", version: "Beta" });
    const cyber = (i: number) => out[i]!.domains.find((d) => d.id === "cybersecurity")!.level.pre;
    // High is reached; Critical requires High and has no indicator, so it cannot be ruled out.
    expect(cyber(1)).toBe("critical");
    const d = out[1]!.domains.find((x) => x.id === "cybersecurity")!;
    expect(d.evidenced_level.pre).toBe("high");
    expect(d.missing_evidence).toEqual(["cyber-medium", "cyber-critical"]); // Medium is settled only by determination
    expect(cyber(0)).toBe("medium"); // Critical is ruled out by its prerequisite; Medium has no indicator
    expect(out[1]!.gates.every((g) => g.reasons.length > 0)).toBe(true);
  });

  it("locates a bad line of JSONL and a bad field, exit 1, no stack trace", async () => {
    const file = path.join(tmp, "bad.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify(model("synthetic-a", 0.1))}\n{"model": {"id": "x"}, "scores": [{"metric": "m", "value": "high"}]}\n{not json`,
    );
    const r = await cli(["evaluate", "--policy", "openai-preparedness-beta", "--input", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:3: not valid JSON/);
    const r2 = await cli([
      "evaluate",
      "--policy",
      "openai-preparedness-beta",
      "--input",
      file.replace("bad.jsonl", "bad2.jsonl"),
    ]);
    expect(r2.code).toBe(1);
    writeFileSync(
      file,
      `${JSON.stringify(model("synthetic-a", 0.1))}\n{"model": {"id": "x"}, "scores": [{"metric": "m", "value": "high"}]}`,
    );
    const r3 = await cli(["evaluate", "--policy", "openai-preparedness-beta", "--input", file]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/bad\.jsonl:2: scores\[0\]\.value:/);
    expect(r3.stderr).not.toContain("at ");
  });

  it.each([
    { label: "no policy", args: ["evaluate", "--input", "x.json"], code: 2 },
    {
      label: "both input and model",
      args: ["evaluate", "--policy", "p", "--input", "x", "--model", "m"],
      code: 2,
    },
    {
      label: "bad --as-of",
      args: ["evaluate", "--policy", "openai-preparedness-beta", "--input", "x", "--as-of", "June"],
      code: 2,
    },
    { label: "unknown policy", args: ["evaluate", "--policy", "no-such-policy", "--input", "x"], code: 1 },
    { label: "unknown command", args: ["frobnicate"], code: 2 },
  ])("$label exits $code", async ({ args, code }) => {
    expect((await cli(args)).code).toBe(code);
  });
});

describe("policy diff", () => {
  it("shows a raised number and exits 0", async () => {
    const file = path.join(tmp, "openai-preparedness-beta.yaml");
    writeFileSync(file, VALID.replace(/(metric: cybench\.unguided\s*\n\s*gte: )0\.5/, "$10.6"));
    const r = await cli(["policy", "diff", "openai-preparedness-beta", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("~ threshold cyber-high");
    expect(r.stdout).toContain("cybench.unguided gte: 0.5 → 0.6 (illustrative)");
  });

  it("between framework versions: added and removed thresholds, as JSON", async () => {
    const r = await cli(["policy", "diff", "openai-preparedness-beta", "openai-preparedness-v2", "--json"]);
    const d = JSON.parse(r.stdout) as {
      thresholds: { added: { id: string }[]; removed: { id: string }[] };
      levels: { added: string[] };
    };
    expect(d.thresholds.added.map((t) => t.id)).toContain("bio-chem-high");
    expect(d.thresholds.removed.map((t) => t.id)).toContain("persuasion-high");
    expect(d.levels.added).toEqual(["below-high"]);
  });

  it.each([
    { label: "one argument", args: ["policy", "diff", "openai-preparedness-beta"], code: 2 },
    { label: "an unknown policy", args: ["policy", "diff", "openai-preparedness-beta", "no-such"], code: 1 },
  ])("$label exits $code", async ({ args, code }) => {
    expect((await cli(args)).code).toBe(code);
  });
});
