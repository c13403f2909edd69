import { describe, expect, it } from "vitest";
import { benchAudit } from "./bench";

// Not a timed test: it checks the benchmark runs and reports rates, never how fast they are.
describe("benchAudit", () => {
  it("reports finite positive rates for a small chain", () => {
    const rates = benchAudit(50);
    expect(Object.keys(rates).sort()).toEqual(["appendPerSec", "verifyPerSec"]);
    expect(Object.values(rates).every((r) => Number.isFinite(r) && r > 0)).toBe(true);
  });

  it.each<[string, number]>([
    ["zero", 0],
    ["fraction", 1.5],
  ])("rejects n = %s", (_label, n) => {
    expect(() => benchAudit(n)).toThrow("n must be a positive integer");
  });
});
