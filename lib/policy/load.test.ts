import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadPolicyText, MAX_ALIAS_COUNT, MAX_POLICY_BYTES } from "./index";
import type { LoadResult } from "./index";

const BAD = path.resolve(import.meta.dirname, "../../test/fixtures/policy-bad");

const VALID = `# yaml-language-server: $schema=./schema/policy.schema.json
schema: scalegate/policy@1
id: valid
title: Test policy
version: "1.0"
publisher: Scalegate tests
published: 2025-01-01
source: https://example.org/policy
levels: [low, medium, high]
rollup: max
aggregate: max
metrics:
  - { id: cyber.ctf, domain: cyber, unit: fraction, higher_is_riskier: true, continuity: continuous }
  - { id: bio.qa, domain: bio, unit: fraction, higher_is_riskier: true, continuity: continuous }
domains:
  - id: cyber
    title: Cybersecurity
    thresholds:
      - id: cyber-high
        level: high
        definition: Paraphrase for tests.
        when:
          any:
            - { metric: cyber.ctf, gte: 0.5, calibration: illustrative }
            - { threshold: bio-high }
        early_warning: { margin: 0.1 }
        safeguards: [security-high]
  - id: bio
    title: Biology
    thresholds:
      - id: bio-high
        level: high
        definition: Paraphrase for tests.
        when: { metric: bio.qa, gte: 0.6, calibration: illustrative }
safeguards:
  - { id: security-high, track: security, title: Security controls }
gates:
  deploy:
    - { when: { post: { at_most: medium } }, outcome: allow }
    - { outcome: block }
`;

/** Loads with the CLI's convention (id = file name), asserting it returns, fast, without throwing. */
function timedLoad(text: string, file: string): LoadResult {
  const expectedId = path.basename(file).replace(/\.ya?ml$/, "");
  let result: LoadResult | undefined;
  let thrown: unknown;
  const t0 = performance.now();
  try {
    result = loadPolicyText(text, file, { expectedId });
  } catch (e) {
    thrown = e;
  }
  const ms = performance.now() - t0;
  expect(thrown, "loadPolicyText must never throw").toBeUndefined();
  // A correctness bound (hostile input must not hang the loader), not a benchmark.
  expect(ms).toBeLessThan(1000);
  return result!;
}

interface Row {
  file: string;
  line: number;
  col: number;
  message: string;
  /** number of problems reported (default 1) */
  count?: number;
}

const rows: Row[] = [
  {
    file: "yaml-syntax.yaml",
    line: 13,
    col: 97,
    message: "YAML syntax: Flow sequence in block collection",
    count: 2,
  },
  { file: "duplicate-key.yaml", line: 11, col: 1, message: "YAML syntax: Map keys must be unique" },
  { file: "not-a-mapping.yaml", line: 1, col: 1, message: "a policy file must be a YAML mapping" },
  { file: "unknown-key-top.yaml", line: 10, col: 1, message: 'bogus: unknown key "bogus"' },
  {
    file: "unknown-key-threshold.yaml",
    line: 26,
    col: 9,
    message: 'domains[0].thresholds[0].bogus: unknown key "bogus"',
  },
  {
    file: "unknown-key-leaf.yaml",
    line: 23,
    col: 73,
    message: 'domains[0].thresholds[0].when.any[0].bogus: unknown key "bogus"',
  },
  {
    file: "wrong-type.yaml",
    line: 12,
    col: 72,
    message: "metrics[0].higher_is_riskier: expected boolean, received string",
  },
  { file: "wrong-type-levels.yaml", line: 8, col: 9, message: "levels: expected array, received string" },
  { file: "missing-required-top.yaml", line: 1, col: 1, message: "publisher: is required (string)" },
  {
    file: "missing-required-threshold.yaml",
    line: 30,
    col: 9,
    message: "domains[1].thresholds[0].definition: is required (string)",
  },
  {
    file: "undeclared-level.yaml",
    line: 31,
    col: 16,
    message: 'level "extreme" is not declared in levels (low, medium, high)',
  },
  {
    file: "undeclared-gate-level.yaml",
    line: 38,
    col: 34,
    message: 'level "moderate" is not declared in levels',
  },
  {
    file: "undeclared-metric.yaml",
    line: 33,
    col: 25,
    message: 'metric "bio.wmdp" is not declared in metrics',
  },
  {
    file: "undeclared-safeguard.yaml",
    line: 26,
    col: 37,
    message: 'safeguard "deployment-high" is not declared in safeguards',
  },
  {
    file: "undeclared-threshold.yaml",
    line: 24,
    col: 28,
    message: 'threshold "bio-critical" is not declared',
  },
  {
    file: "cycle.yaml",
    line: 22,
    col: 11,
    message: "threshold references form a cycle: cyber-high -> bio-high -> cyber-high",
  },
  { file: "cycle-self.yaml", line: 33, col: 28, message: 'threshold "bio-high" refers to itself' },
  {
    file: "duplicate-threshold.yaml",
    line: 30,
    col: 13,
    message: 'duplicate threshold id "cyber-high"',
    count: 2,
  },
  { file: "duplicate-domain.yaml", line: 27, col: 9, message: 'duplicate domain id "cyber"' },
  { file: "duplicate-metric.yaml", line: 13, col: 11, message: 'duplicate metric id "cyber.ctf"' },
  { file: "duplicate-safeguard.yaml", line: 36, col: 11, message: 'duplicate safeguard id "security-high"' },
  { file: "duplicate-level.yaml", line: 8, col: 29, message: 'duplicate level "medium"' },
  {
    file: "nan.yaml",
    line: 33,
    col: 38,
    message: "domains[1].thresholds[0].when.gte: must be a finite number (.nan and .inf are not allowed)",
  },
  {
    file: "inf.yaml",
    line: 25,
    col: 34,
    message:
      "domains[0].thresholds[0].early_warning.margin: must be a finite number (.nan and .inf are not allowed)",
  },
  {
    file: "neg-inf.yaml",
    line: 12,
    col: 110,
    message: "metrics[0].chance: must be a finite number (.nan and .inf are not allowed)",
  },
  {
    file: "unreachable-rule.yaml",
    line: 40,
    col: 7,
    message: 'gate "deploy" rule 3 is unreachable: rule 2 always matches',
  },
  {
    file: "id-mismatch.yaml",
    line: 2,
    col: 5,
    message: 'id "some-other-policy" must equal the file name "id-mismatch"',
  },
  {
    file: "two-comparators.yaml",
    line: 33,
    col: 15,
    message: "a metric leaf takes exactly one comparator, found gte, lt",
  },
  {
    file: "no-comparator.yaml",
    line: 33,
    col: 15,
    message: "a metric leaf needs one comparator: gte, gt, lte or lt",
  },
  {
    file: "fraction-out-of-range.yaml",
    line: 33,
    col: 38,
    message: "1.5 is outside the fraction range [0, 1] of bio.qa",
  },
  {
    file: "rollup-none-gate.yaml",
    line: 38,
    col: 23,
    message: 'rollup is "none", so there is no overall level: name a domain',
  },
];

describe("loadPolicyText: broken policy files", () => {
  it.each(rows)("$file -> $line:$col $message", (row) => {
    const text = readFileSync(path.join(BAD, row.file), "utf8");
    const r = timedLoad(text, row.file);
    expect(r.ok).toBe(false);
    expect(r.policy).toBeUndefined();
    expect(r.problems).toHaveLength(row.count ?? 1);
    const p = r.problems[0]!;
    expect({ file: p.file, line: p.line, col: p.col }).toEqual({
      file: row.file,
      line: row.line,
      col: row.col,
    });
    expect(p.message).toContain(row.message);
  });

  it("every fixture in test/fixtures/policy-bad has a row", () => {
    const files = readdirSync(BAD)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    expect(files).toEqual(rows.map((r) => r.file).sort());
  });

  it("the second problem of a duplicate threshold is the reference it orphaned", () => {
    const r = timedLoad(
      readFileSync(path.join(BAD, "duplicate-threshold.yaml"), "utf8"),
      "duplicate-threshold.yaml",
    );
    expect(r.problems[1]).toMatchObject({
      line: 24,
      col: 28,
      message: 'threshold "bio-high" is not declared',
    });
  });
});

describe("loadPolicyText: hostile input generated at runtime", () => {
  const bomb = (prefix: string) => {
    const names = "abcdefghij";
    const lines = [`${prefix}0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
    for (let i = 1; i < names.length; i++) {
      lines.push(
        `${prefix}${i}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(", ")}]`,
      );
    }
    return lines.join("\n") + "\n";
  };
  const tenMb = (() => {
    const size = 10 * 1024 * 1024;
    const head = VALID + "# ";
    return head + "x".repeat(size - head.length - 1) + "\n";
  })();
  const ALIAS_MESSAGE = `YAML: Excessive alias count indicates a resource exhaustion attack (aliases are limited to ${MAX_ALIAS_COUNT})`;

  it.each([
    {
      label: "a 10 MB file",
      file: "huge.yaml",
      text: tenMb,
      message: "file is 10.0 MB; a policy file may be at most 1 MB",
    },
    {
      label: "one byte over the limit",
      file: "over.yaml",
      text: VALID + "# " + "x".repeat(MAX_POLICY_BYTES - VALID.length - 3) + "\n" + "#",
      message: "file is 1.0 MB; a policy file may be at most 1 MB",
    },
    {
      label: "the limit counts UTF-8 bytes, not characters",
      file: "multibyte.yaml",
      text: VALID + "# " + "é".repeat(600_000) + "\n",
      message: "file is 1.1 MB; a policy file may be at most 1 MB",
    },
    { label: "a billion-laughs alias bomb", file: "bomb.yaml", text: bomb("lol"), message: ALIAS_MESSAGE },
    {
      label: "an alias bomb hidden in an otherwise valid policy",
      file: "valid.yaml",
      text: VALID.replace("source:", `${bomb("x-lol").trimEnd()}\nsource:`),
      message: ALIAS_MESSAGE,
    },
    {
      label: `${MAX_ALIAS_COUNT + 1} aliases of one scalar`,
      file: "wide.yaml",
      text: `a: &x lol\nb: [${Array(MAX_ALIAS_COUNT + 1)
        .fill("*x")
        .join(", ")}]\n`,
      message: ALIAS_MESSAGE,
    },
  ])("$label -> 1:1", ({ file, text, message }) => {
    const r = timedLoad(text, file);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ file, line: 1, col: 1, message }]);
  });

  it.each([
    { label: "empty file", text: "" },
    { label: "a null document", text: "~\n" },
    { label: "a bare scalar", text: "just a string\n" },
  ])("$label is not a mapping -> 1:1", ({ text }) => {
    const r = timedLoad(text, "x.yaml");
    expect(r.problems).toEqual([
      { file: "x.yaml", line: 1, col: 1, message: "a policy file must be a YAML mapping (key: value pairs)" },
    ]);
  });
});

describe("loadPolicyText: valid policies", () => {
  it("the reference policy loads with no problems", () => {
    const r = timedLoad(VALID, "policies/valid.yaml");
    expect(r.ok).toBe(true);
    expect(r.problems).toEqual([]);
    expect(r.policy).toMatchObject({
      id: "valid",
      version: "1.0",
      published: "2025-01-01",
      levels: ["low", "medium", "high"],
      rollup: "max",
      aggregate: "max",
    });
    expect(r.policy!.domains.map((d) => d.thresholds.map((t) => t.id))).toEqual([
      ["cyber-high"],
      ["bio-high"],
    ]);
    expect(r.policy!.gates.deploy).toHaveLength(2);
  });

  it.each([
    {
      label: "exactly 1 MB is still allowed",
      text: VALID + "# " + "x".repeat(MAX_POLICY_BYTES - VALID.length - 3) + "\n",
    },
    {
      label: "a few anchors and aliases are allowed",
      text: VALID.replace("levels: [low, medium, high]", "levels: [low, medium, &hi high]").replace(
        "      - id: bio-high\n        level: high",
        "      - id: bio-high\n        level: *hi",
      ),
    },
    {
      label: "safeguards may be omitted (defaults to none)",
      text: VALID.replace("        safeguards: [security-high]\n", "").replace(
        "safeguards:\n  - { id: security-high, track: security, title: Security controls }\n",
        "",
      ),
    },
    {
      label: "a 500-deep not-chain loads",
      text: VALID.replace(
        "when: { metric: bio.qa, gte: 0.6, calibration: illustrative }",
        `when: ${"{ not: ".repeat(500)}{ metric: bio.qa, gte: 0.6, calibration: illustrative }${" }".repeat(500)}`,
      ),
    },
    {
      label: "a checkpoint threshold with obligations",
      text: VALID.replace(
        "safeguards:\n  - {",
        `  - id: autonomy
    title: Autonomy
    thresholds:
      - id: auto-check
        kind: checkpoint
        definition: Watch list.
        obligations: [notify the responsible officer]
safeguards:
  - {`,
      ),
    },
  ])("$label", ({ text }) => {
    const r = timedLoad(text, "valid.yaml");
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("without expectedId the id is not compared to a file name", () => {
    const r = loadPolicyText(VALID.replace("id: valid", "id: anything-else"), "valid.yaml");
    expect(r.ok).toBe(true);
  });
});

describe("formatProblem", () => {
  it("prints file:line:col: message", () => {
    expect(formatProblem({ file: "policies/x.yaml", line: 12, col: 7, message: 'unknown key "bogus"' })).toBe(
      'policies/x.yaml:12:7: unknown key "bogus"',
    );
  });
});
