import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { modelComputes, overviewForecast, policyProjections } from "./projections";
import { seedDemo } from "./seed";
import { getSnapshot } from "./snapshot";

// The demo data (db/seed): Grok 4's 5e26 FLOP is the largest compute on record.
let t: TempDb;
beforeAll(() => {
  t = openTempDb();
  seedDemo(t.db);
  getSnapshot(t.db);
}, 120_000);
afterAll(() => t.dispose());

describe("the next planned run and its forecast on the demo data", () => {
  it("the largest effective compute is Grok 4's stored training FLOP", () => {
    const top = [...modelComputes(getSnapshot(t.db))].sort(
      (a, b) => (b.effective_flop ?? 0) - (a.effective_flop ?? 0),
    )[0]!;
    expect(top.id).toBe("grok-4-0709");
    expect(top.effective_flop! / 5e26).toBeCloseTo(1, 12);
  });

  it("Anthropic RSP v2.2 sets a 4× multiple: a 2e27 FLOP run; the PostTrainBench leaf stuck at the floor is unreliable, not P = 1", () => {
    const f = overviewForecast(t.db, "anthropic-rsp-v2-2");
    expect(f.planned).toMatchObject({
      flop: 2e27,
      source: "default",
      base: { id: "grok-4-0709" },
      multiple: 4,
      multiple_from: "policy",
    });
    // The projection itself still says P = 1: the suppression is the attention list's.
    const leaf = policyProjections(t.db, "anthropic-rsp-v2-2", { plannedFlop: 2e27 }).leaves.find(
      (l) => l.threshold === "ai-rd-4" && l.metric === "posttrainbench.average",
    )!;
    expect(leaf.p_planned).toBe(1);
    expect(leaf.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["TOO_FEW_POINTS", "STUCK_AT_FLOOR"]),
    );
    const items = f.rows.flatMap((r) => r.items);
    const ptb = items.find((i) => i.threshold === "ai-rd-4")!;
    expect(ptb).toMatchObject({ reliable: false, p: null, tone: "unknown" });
    expect(ptb.text).toMatch(/forecast unreliable: TOO_FEW_POINTS, STUCK_AT_FLOOR$/);
    expect(f.rows.find((r) => r.kind === "forecast")).toBeUndefined();
  });

  it("DeepMind's FSF sets no multiple: 4× assumed; Cybench forecast crossed at P ≥ 50%", () => {
    const f = overviewForecast(t.db, "deepmind-fsf-v3-1");
    expect(f.planned).toMatchObject({ flop: 2e27, multiple: 4, multiple_from: "assumed" });
    expect(f.planned!.text).toMatch(/so 4× is assumed$/);
    const confident = f.rows.find((r) => r.kind === "forecast")!;
    const cyber = confident.items.find((i) => i.threshold === "cyber-uplift-1-alert")!;
    expect(cyber.p).toBeGreaterThanOrEqual(0.5);
    expect(cyber.text).toMatch(
      /^forecast to cross cyber-uplift-1-alert \(.+\) by the next planned run \(P = \d+%, run of 2e27 FLOP\)$/,
    );
    expect(cyber.href).toBe(
      "/projections?policy=deepmind-fsf-v3-1&planned=2e%2B27#leaf-cyber-uplift-1-alert-cybench-unguided",
    );
    const unreliable = f.rows.find((r) => r.kind === "unreliable")!;
    expect(unreliable.items.map((i) => i.threshold)).toEqual([
      "ml-rd-automation-1",
      "ml-rd-automation-1-alert",
    ]);
  });

  it("a planned override replaces the default; a small run is forecast to cross nothing on Cybench", () => {
    const f = overviewForecast(t.db, "deepmind-fsf-v3-1", 1e24);
    expect(f.planned).toMatchObject({ flop: 1e24, source: "override", base: null });
    expect(f.rows.flatMap((r) => r.items).some((i) => i.threshold.startsWith("cyber"))).toBe(false);
  });

  it("the forecast reads the cached projections: equal runs, one computation", () => {
    const a = policyProjections(t.db, "deepmind-fsf-v3-1", { plannedFlop: 2e27 });
    overviewForecast(t.db, "deepmind-fsf-v3-1");
    expect(policyProjections(t.db, "deepmind-fsf-v3-1", { plannedFlop: 2e27 })).toBe(a);
  });

  it("an unknown policy is refused by name", () => {
    expect(() => overviewForecast(t.db, "nope")).toThrow(/no published policy "nope"/);
  });
});
