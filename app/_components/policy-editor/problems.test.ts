import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PolicyVersionItem } from "@/lib/api/policy-draft-schemas";
import { checkPolicyText, labelTakenBy, problemRange, problemText, sortProblems } from "./problems";

const SHIPPED = readFileSync(
  path.join(import.meta.dirname, "../../../policies/deepmind-fsf-v3.yaml"),
  "utf8",
);

/** A CodeMirror-like document over plain text. */
function doc(text: string) {
  const lines = text.split("\n");
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return {
    lines: lines.length,
    line: (n: number) => ({ from: starts[n - 1]!, to: starts[n - 1]! + lines[n - 1]!.length }),
  };
}

function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

describe("checkPolicyText", () => {
  it("a shipped policy is valid and its version label is read", () => {
    expect(checkPolicyText(SHIPPED, "deepmind-fsf-v3")).toEqual({ problems: [], version: "3.0" });
  });

  it("an empty text is one problem on line 1", () => {
    expect(checkPolicyText("  \n", "x").problems).toEqual([
      { line: 1, col: 1, message: "the policy is empty" },
    ]);
  });

  it("a reference to an undeclared level is a semantic problem on the line of the level", () => {
    const text = SHIPPED.replace(/^(\s+level:) ccl$/m, "$1 ccl-9");
    const line = lineOf(text, "level: ccl-9");
    const r = checkPolicyText(text, "deepmind-fsf-v3");
    expect(r.version).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(line);
    expect(r.problems[0]!.message).toMatch(/ccl-9/);
  });

  it("a schema error (a number written as text) names the line of the value", () => {
    const text = SHIPPED.replace("gte: 9600\n", "gte: high\n");
    const line = lineOf(text, "gte: high");
    const r = checkPolicyText(text, "deepmind-fsf-v3");
    expect(r.problems.map((p) => p.line)).toContain(line);
    expect(r.problems.find((p) => p.line === line)!.message).toMatch(/gte/);
  });

  it("a YAML syntax error is located and says so", () => {
    const r = checkPolicyText("schema: [unclosed\nid: x\n", "x");
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0]!.message).toMatch(/^YAML syntax/);
  });

  it("the id must stay the policy's own", () => {
    const text = SHIPPED.replace("id: deepmind-fsf-v3\n", "id: something-else\n");
    const r = checkPolicyText(text, "deepmind-fsf-v3");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(lineOf(text, "id: something-else"));
  });
});

describe("problemText and sortProblems", () => {
  it("reads like the file, top to bottom", () => {
    const sorted = sortProblems([
      { line: 9, col: 1, message: "b" },
      { line: 2, col: 5, message: "a" },
      { line: 2, col: 1, message: "z" },
    ]);
    expect(sorted.map(problemText)).toEqual(["line 2: z", "line 2: a", "line 9: b"]);
  });
});

describe("problemRange", () => {
  const d = doc("ab\ncdef\n");
  it.each([
    { label: "a column inside the line", line: 2, col: 2, want: { from: 4, to: 7 } },
    { label: "column 1", line: 1, col: 1, want: { from: 0, to: 2 } },
    { label: "a column past the end of the line", line: 1, col: 99, want: { from: 2, to: 2 } },
    { label: "a line past the end of the text", line: 40, col: 1, want: { from: 8, to: 8 } },
    { label: "line 0", line: 0, col: 1, want: { from: 0, to: 2 } },
    { label: "NaN", line: Number.NaN, col: Number.NaN, want: { from: 0, to: 2 } },
  ])("$label", ({ line, col, want }) => {
    expect(problemRange(d, { line, col, message: "" })).toEqual(want);
  });
});

describe("labelTakenBy", () => {
  const v = (id: number, version: string, status: PolicyVersionItem["status"], published: boolean) =>
    ({
      policy_version_id: id,
      policy_id: "p",
      version,
      status,
      author: "a",
      created_at: "2026-01-01T00:00:00.000Z",
      published_at: published ? "2026-01-02T00:00:00.000Z" : null,
      sha256: "0".repeat(64),
    }) satisfies PolicyVersionItem;
  const versions = [
    v(3, "2.0", "draft", false),
    v(2, "1.0", "published", true),
    v(1, "0.9", "retired", true),
  ];

  it.each([
    { label: "the published label", version: "1.0", want: 2 },
    { label: "a formerly published label", version: "0.9", want: 1 },
    { label: "a new label", version: "2.1", want: null },
    { label: "another draft's label (never published)", version: "2.0", want: null },
    { label: "no label (the text has problems)", version: null, want: null },
  ])("$label", ({ version, want }) => {
    expect(
      labelTakenBy(version, versions, { id: 3, sha256: "d".repeat(64) })?.policy_version_id ?? null,
    ).toBe(want);
  });

  it("the exact text of a former version restores it: its label is not taken", () => {
    const former = { ...v(1, "0.9", "retired", true), sha256: "a".repeat(64) };
    expect(labelTakenBy("0.9", [former], { id: 5, sha256: "a".repeat(64) })).toBeNull();
    expect(labelTakenBy("0.9", [former], { id: 5, sha256: "b".repeat(64) })?.policy_version_id).toBe(1);
  });

  it("a discarded draft does not hold its label", () => {
    expect(labelTakenBy("3.0", [v(4, "3.0", "retired", false)], null)).toBeNull();
  });
});
