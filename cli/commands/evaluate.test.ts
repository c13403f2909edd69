import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed";
import { createDetermination } from "@/db/records";
import { cli, openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";

interface Threshold {
  id: string;
  status: string;
  post?: { status: string; determination?: { outcome: string; by: string } };
}
interface Evaluation {
  model: string;
  as_of: string;
  policy: { id: string; version: string };
  level: { pre: string; post: string };
  domains: { id: string; thresholds: Threshold[] }[];
}

let t: TempDb;
let db: string[];

beforeAll(() => {
  t = openTempDb();
  seedDemo(t.db);
  db = ["--db", t.file];
});
afterAll(() => t.dispose());

async function evaluateJson(model: string, asOf: string, policy = "anthropic-rsp-v2-2") {
  const run = await cli([...db, "evaluate", "--policy", policy, "--model", model, "--json", "--as-of", asOf]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const ev = JSON.parse(run.stdout) as Evaluation;
  const status = Object.fromEntries(ev.domains.flatMap((d) => d.thresholds.map((x) => [x.id, x.status])));
  return { ev, status };
}

describe("evaluate --model on a seeded database", () => {
  it.each([
    {
      label: "Claude Opus 4 after its published determination",
      model: "claude-opus-4-20250514",
      asOf: "2025-06-01",
      level: "asl-3",
      thresholds: {
        "cbrn-3": "determined_cannot_rule_out",
        "cbrn-4": "determined_not_reached",
        "ai-rd-4": "determined_not_reached",
      },
    },
    {
      // the determination is dated 2025-05-22: an evaluation as of an earlier day cannot use it
      label: "Claude Opus 4 before its determination",
      model: "claude-opus-4-20250514",
      asOf: "2025-05-01",
      level: "asl-4",
      thresholds: { "cbrn-3": "cannot_rule_out", "cbrn-4": "cannot_rule_out", "ai-rd-4": "early_warning" },
    },
    {
      label: "Claude Sonnet 4.5 from secondary determinations (the row naming two thresholds)",
      model: "claude-sonnet-4-5-20250929",
      asOf: "2025-10-01",
      level: "asl-4",
      thresholds: {
        "cbrn-3": "determined_cannot_rule_out",
        "cbrn-4": "determined_not_reached",
        "ai-rd-4": "determined_not_reached",
        "cyber-operations": "reached",
      },
    },
  ])("$label", async ({ model, asOf, level, thresholds }) => {
    const { ev, status } = await evaluateJson(model, asOf);
    expect(ev).toMatchObject({
      model,
      as_of: asOf,
      policy: { id: "anthropic-rsp-v2-2", version: "2.2" },
      level: { pre: level, post: level },
    });
    expect(status).toMatchObject(thresholds);
  });

  it("carries the published determination into the result", async () => {
    const { ev } = await evaluateJson("claude-opus-4-20250514", "2025-06-01");
    const cbrn3 = ev.domains.flatMap((d) => d.thresholds).find((x) => x.id === "cbrn-3");
    expect(cbrn3?.post?.determination).toMatchObject({
      outcome: "cannot_rule_out",
      by: "Anthropic (published)",
    });
  });

  it("without --json, renders the level and each threshold", async () => {
    const run = await cli([
      ...db,
      "evaluate",
      "--policy",
      "anthropic-rsp-v2-2",
      "--model",
      "claude-opus-4-20250514",
      "--as-of",
      "2025-06-01",
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("claude-opus-4-20250514 under anthropic-rsp-v2-2 2.2 (as of 2025-06-01)");
    expect(lines[1]).toBe("  level: pre asl-3, post asl-3");
    expect(run.stdout).toMatch(/ cbrn-3: determined_cannot_rule_out /);
  });

  it("reads a determination recorded after the seed", async () => {
    const other = openTempDb();
    try {
      seedDemo(other.db);
      createDetermination(
        other.db,
        {
          model: "claude-3-7-sonnet-20250219",
          policy: "anthropic-rsp-v2-2",
          threshold: "cbrn-3",
          outcome: "not_reached",
          rationale: "internal red-team, test",
          at: "2025-03-01",
        },
        "test:assessor",
      );
      const run = await cli([
        "--db",
        other.file,
        "evaluate",
        "--policy",
        "anthropic-rsp-v2-2",
        "--model",
        "claude-3-7-sonnet-20250219",
        "--json",
        "--as-of",
        "2025-06-01",
      ]);
      const ev = JSON.parse(run.stdout) as Evaluation;
      const cbrn3 = ev.domains.flatMap((d) => d.thresholds).find((x) => x.id === "cbrn-3");
      expect(cbrn3?.status).toBe("determined_not_reached");
    } finally {
      other.dispose();
    }
  });

  it.each([
    {
      label: "unknown model",
      args: ["--policy", "anthropic-rsp-v2-2", "--model", "gpt-99"],
      code: 1,
      stderr: 'error: no model "gpt-99" in the database\n',
    },
    {
      label: "unknown policy",
      args: ["--policy", "no-such-policy", "--model", "claude-opus-4-20250514"],
      code: 1,
      stderr: 'error: no policy "no-such-policy" (looked for policies/no-such-policy.yaml)\n',
    },
    {
      label: "no --policy",
      args: ["--model", "claude-opus-4-20250514"],
      code: 2,
      stderr:
        "usage: evaluate --policy <id|file> (--input <file> | --model <id>) [--as-of YYYY-MM-DD] [--json]\n",
    },
    {
      label: "both --input and --model",
      args: ["--policy", "anthropic-rsp-v2-2", "--model", "m", "--input", "x.json"],
      code: 2,
      stderr:
        "usage: evaluate --policy <id|file> (--input <file> | --model <id>) [--as-of YYYY-MM-DD] [--json]\n",
    },
    {
      label: "an impossible --as-of",
      args: ["--policy", "anthropic-rsp-v2-2", "--model", "m", "--as-of", "2025-13-45"],
      code: 2,
      stderr: 'usage: --as-of must be YYYY-MM-DD, got "2025-13-45"\n',
    },
    {
      label: "a date-time --as-of",
      args: ["--policy", "anthropic-rsp-v2-2", "--model", "m", "--as-of", "2025-06-01T00:00"],
      code: 2,
      stderr: 'usage: --as-of must be YYYY-MM-DD, got "2025-06-01T00:00"\n',
    },
  ])("$label exits $code", async ({ args, code, stderr }) => {
    expect(await cli([...db, "evaluate", ...args])).toEqual({ code, stdout: "", stderr });
  });
});
