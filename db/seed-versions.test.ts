import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Policy } from "@/lib/policy";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { readPolicyDir } from "./policies";
import { policyIdFor, seedDemo } from "./seed";
import type { DeterminationRow } from "./seed";

/** Which shipped version a published determination is filed under: the one in force on its date. */

const SHIPPED: Policy[] = readPolicyDir().map((f) => {
  if (!f.policy) throw new Error(`${f.file} does not validate`);
  return f.policy;
});

const ROWS = parseCsv(readFileSync(path.join("db", "seed", "determinations", "determinations.csv")), {
  columns: true,
  skip_empty_lines: true,
}) as DeterminationRow[];

/** The real rows, by model: the policy id each is filed under and whether the date decided it. */
const EXPECTED: Record<string, [string, "date" | "stated"]> = {
  "GPT-4o": ["openai-preparedness-beta", "date"],
  "OpenAI o1": ["openai-preparedness-beta", "date"],
  "OpenAI o3-mini": ["openai-preparedness-beta", "date"],
  "deep research (early OpenAI o3)": ["openai-preparedness-beta", "date"],
  // 2025-02-27, seven weeks before Preparedness v2
  "GPT-4.5": ["openai-preparedness-beta", "date"],
  // 2025-04-16: the day after v2 took effect
  "OpenAI o3": ["openai-preparedness-v2", "date"],
  "OpenAI o4-mini": ["openai-preparedness-v2", "date"],
  "ChatGPT agent": ["openai-preparedness-v2", "date"],
  "gpt-oss-120b": ["openai-preparedness-v2", "date"],
  "GPT-5 (gpt-5-thinking)": ["openai-preparedness-v2", "date"],
  "GPT-5.3-Codex": ["openai-preparedness-v2", "date"],
  // before RSP v2.2 (2025-05-14), the first shipped RSP: the stated, unshipped version is kept
  "Claude 3 Opus": ["anthropic-rsp-v1-0", "stated"],
  "Claude 3.5 Sonnet": ["anthropic-rsp-v1-0", "stated"],
  "Claude 3.7 Sonnet": ["anthropic-rsp-v2-0", "stated"],
  "Claude Opus 4": ["anthropic-rsp-v2-2", "date"],
  "Claude Sonnet 4": ["anthropic-rsp-v2-2", "date"],
  "Claude Opus 4.1": ["anthropic-rsp-v2-2", "date"],
  "Claude Sonnet 4.5": ["anthropic-rsp-v2-2", "date"],
  // 2025-11-24: the latest Anthropic row, still before v3.4 took effect (2026-07-08)
  "Claude Opus 4.5": ["anthropic-rsp-v2-2", "date"],
  // before FSF v3.0 (2025-09-22)
  "Gemini 2.5 Pro": ["deepmind-fsf-v2", "stated"],
  "Gemini 2.5 Deep Think": ["deepmind-fsf-v2", "stated"],
  "Gemini 3 Pro": ["deepmind-fsf-v3", "date"],
  // 2026-02-19: before FSF v3.1 took effect (2026-04-17)
  "Gemini 3.1 Pro": ["deepmind-fsf-v3", "date"],
};

describe("policyIdFor on the 59 published rows", () => {
  it("every row's model has an expectation", () => {
    expect(ROWS).toHaveLength(59);
    expect([...new Set(ROWS.map((r) => r.model))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(ROWS.map((r, i) => ({ line: i + 2, r })))(
    "line $line: $r.model ($r.model_release_date)",
    ({ r }) => {
      const choice = policyIdFor(r, SHIPPED);
      expect([choice.policyId, choice.by]).toEqual(EXPECTED[r.model]);
    },
  );

  it("in the shipped data the date and the stated version never disagree", () => {
    // Recorded so that a new row where they do disagree is looked at, not filed silently.
    const disagree = ROWS.filter((r) => {
      const c = policyIdFor(r, SHIPPED);
      return c.policyId !== c.stated;
    });
    expect(disagree).toEqual([]);
  });

  it("a row kept under its stated version says why", () => {
    const opus3 = policyIdFor(
      ROWS.find((r) => r.model === "Claude 3 Opus")!,
      SHIPPED,
    );
    expect(opus3.reason).toBe(
      "2024-03-04 is before the first shipped version, anthropic-rsp-v2-2 (2025-05-14)",
    );
  });
});

describe("policyIdFor on rows the shipped data does not have", () => {
  const row = (framework: string, version: string, date: string) => ({
    framework,
    framework_version: version,
    model_release_date: date,
  });
  const RSP = "Anthropic Responsible Scaling Policy";

  it.each<[string, ReturnType<typeof row>, string, "date" | "stated"]>([
    [
      "an Anthropic row of 2026, after v3.4 took effect",
      row(RSP, "v3.4 (2026-07-08)", "2026-08-01"),
      "anthropic-rsp-v3-4",
      "date",
    ],
    [
      "the date wins over a stale stated version",
      row(RSP, "v2.2 (2025-05-14)", "2026-08-01"),
      "anthropic-rsp-v3-4",
      "date",
    ],
    ["the day v3.4 takes effect", row(RSP, "v2.2 (2025-05-14)", "2026-07-08"), "anthropic-rsp-v3-4", "date"],
    ["the day before", row(RSP, "v2.2 (2025-05-14)", "2026-07-07"), "anthropic-rsp-v2-2", "date"],
    [
      "an unshipped version in the gap between v2.2 and v3.4 is kept",
      row(RSP, "v3.0 (2026-02-24)", "2026-03-10"),
      "anthropic-rsp-v3-0",
      "stated",
    ],
    [
      "an unshipped version older than the shipped one in force is not kept",
      row(RSP, "v2.1 (2025-03-31)", "2025-06-01"),
      "anthropic-rsp-v2-2",
      "date",
    ],
    [
      "a stated version without a date: the date decides",
      row(RSP, "v3.0", "2026-03-10"),
      "anthropic-rsp-v2-2",
      "date",
    ],
    [
      "an FSF row after v3.1 took effect",
      row("Google DeepMind Frontier Safety Framework", "v3.0 (2025-09-22)", "2026-05-01"),
      "deepmind-fsf-v3-1",
      "date",
    ],
    [
      "a framework with no shipped version",
      row("Meta Frontier AI Framework", "v1.0 (2025-02-03)", "2025-06-01"),
      "meta-frontier-ai-framework-v1-0",
      "stated",
    ],
  ])("%s", (_label, r, policyId, by) => {
    const choice = policyIdFor(r, SHIPPED);
    expect([choice.policyId, choice.by]).toEqual([policyId, by]);
  });

  it("shipped versions not linked by supersedes: the date cannot choose, the stated version is kept", () => {
    const unlinked = SHIPPED.map((p) =>
      p.id === "anthropic-rsp-v3-4" ? { ...p, supersedes: undefined } : p,
    );
    const choice = policyIdFor(row(RSP, "v2.2 (2025-05-14)", "2026-08-01"), unlinked);
    expect(choice).toMatchObject({ policyId: "anthropic-rsp-v2-2", by: "stated" });
    expect(choice.reason).toMatch(/not linked by supersedes/);
  });
});

describe("seedDemo files each determination under the version in force on its date", () => {
  let t: TempDb;
  beforeAll(() => {
    t = openTempDb();
    seedDemo(t.db);
  }, 120_000);
  afterAll(() => t.dispose());

  it("per policy id, as the rows above expect", () => {
    const stored = t.db.$client
      .prepare("SELECT policy_id AS policy, count(*) AS n FROM determinations GROUP BY 1 ORDER BY 1")
      .all();
    expect(stored).toEqual([
      { policy: "anthropic-rsp-v1-0", n: 2 },
      { policy: "anthropic-rsp-v2-0", n: 1 },
      // 10 rows, one of which names two thresholds
      { policy: "anthropic-rsp-v2-2", n: 11 },
      { policy: "deepmind-fsf-v2", n: 4 },
      { policy: "deepmind-fsf-v3", n: 6 },
      { policy: "openai-preparedness-beta", n: 20 },
      { policy: "openai-preparedness-v2", n: 16 },
    ]);
  });
});
