import { describe, expect, it } from "vitest";
import { obsScalingPoints } from "@/test/fixtures/projection/load";
import { memoize, stableHash } from "./memo";
import { project, projectCached } from "./project";

describe("stableHash", () => {
  it.each([
    { label: "key order does not matter", a: { x: 1, y: [1, 2] }, b: { y: [1, 2], x: 1 }, same: true },
    { label: "a typed array hashes like the array", a: Float64Array.from([1, 2]), b: [1, 2], same: true },
    { label: "an undefined field equals an absent one", a: { x: 1, y: undefined }, b: { x: 1 }, same: true },
    { label: "array order matters", a: [1, 2], b: [2, 1], same: false },
    { label: "NaN is not null", a: { v: NaN }, b: { v: null }, same: false },
    { label: "Infinity is not null", a: [Infinity], b: [null], same: false },
    { label: "+∞ is not −∞", a: Infinity, b: -Infinity, same: false },
    { label: '"1" is not 1', a: ["1"], b: [1], same: false },
    { label: "nested value change", a: { p: { q: 0.25 } }, b: { p: { q: 0.2500001 } }, same: false },
  ])("$label", ({ a, b, same }) => {
    expect(stableHash(a) === stableHash(b)).toBe(same);
    expect(stableHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("memoize", () => {
  it("calls the function once per distinct input", () => {
    let calls = 0;
    const f = memoize((a: { n: number }, b: number[]) => {
      calls++;
      return a.n + b.length;
    });
    expect(f({ n: 1 }, [1, 2])).toBe(3);
    expect(f({ n: 1 }, [1, 2])).toBe(3);
    expect(calls).toBe(1);
    expect(f({ n: 2 }, [1, 2])).toBe(4);
    expect(calls).toBe(2);
    expect(f.size).toBe(2);
    f.clear();
    expect(f.size).toBe(0);
  });

  it("evicts the least recently used entry", () => {
    let calls = 0;
    const f = memoize(
      (n: number) => {
        calls++;
        return n * 2;
      },
      { maxEntries: 2 },
    );
    f(1);
    f(2);
    f(1); // 1 is now the most recent
    f(3); // evicts 2
    expect(f.size).toBe(2);
    const before = calls;
    f(1);
    expect(calls).toBe(before);
    f(2);
    expect(calls).toBe(before + 1);
  });

  it("projectCached returns the identical result object for an equal input", () => {
    const input = {
      points: obsScalingPoints("ARC-C"),
      bounds: { floor: 0.25, ceiling: 1 },
      threshold: { op: "gte" as const, value: 0.8 },
    };
    const a = projectCached(input);
    const b = projectCached({ ...input, points: input.points.map((p) => ({ ...p })) });
    expect(b).toBe(a);
    expect(projectCached({ ...input, seed: 2 })).not.toBe(a);
    expect(a.crossing).toEqual(project(input).crossing);
  });
});
