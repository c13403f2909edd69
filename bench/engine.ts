import { readFileSync } from "node:fs";
import path from "node:path";
import { evaluate } from "@/lib/engine";
import type { ModelInput } from "@/lib/engine";
import { loadPolicyText } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import { shippedPolicyFiles } from "@/cli/commands/policy";
import { mulberry32 } from "./random";

/** Synthetic model inputs (labelled as such): 40 scores each over the metrics the shipped policies read. */
export function generateInputs(policies: Policy[], count: number, seed = 42): ModelInput[] {
  const rand = mulberry32(seed);
  const metrics = [...new Map(policies.flatMap((p) => p.metrics.map((m) => [m.id, m]))).values()];
  const safeguards = [...new Set(policies.flatMap((p) => p.safeguards.map((s) => s.id)))];
  const thresholds = policies.flatMap((p) => p.domains.flatMap((d) => d.thresholds.map((t) => t.id)));
  const out: ModelInput[] = [];
  for (let i = 0; i < count; i++) {
    const scores: ModelInput["scores"] = [];
    for (let j = 0; j < 40; j++) {
      const m = metrics[Math.floor(rand() * metrics.length)];
      const metric = m && rand() < 0.8 ? m : { id: `synthetic.other-${j}`, unit: "fraction" as const };
      const scale = metric.unit === "minutes" ? 600 : metric.unit === "percent" ? 100 : 1;
      scores.push({
        metric: metric.id,
        value: Math.round(rand() * scale * 1000) / 1000,
        stderr: rand() < 0.7 ? Math.round(rand() * 0.05 * scale * 1000) / 1000 : null,
        n: 40 + Math.floor(rand() * 400),
        mitigation: rand() < 0.2 ? "post" : "pre",
        elicitation: rand() < 0.5 ? "default" : "best-of-5",
        evaluated_at: `2025-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
        source: `synthetic/bench.jsonl:${i * 40 + j + 1}`,
      });
    }
    out.push({
      model: {
        id: `synthetic-model-${i}`,
        family: `synthetic-family-${i % 50}`,
        training_flop: 10 ** (22 + rand() * 5),
      },
      scores,
      determinations:
        rand() < 0.1 && thresholds.length > 0
          ? [
              {
                threshold: thresholds[Math.floor(rand() * thresholds.length)]!,
                outcome: "not_reached",
                by: "bench",
                rationale: "synthetic",
                at: "2025-06-01",
              },
            ]
          : [],
      attestations: safeguards
        .filter(() => rand() < 0.3)
        .map((s) => ({
          safeguard: s,
          status: "verified" as const,
          by: "bench",
          at: "2025-01-01",
          expires_at: rand() < 0.2 ? "2025-03-01" : "2026-01-01",
        })),
    });
  }
  return out;
}

export function loadShipped(): Policy[] {
  return shippedPolicyFiles(path.join(process.cwd(), "policies")).map((f) => {
    const r = loadPolicyText(readFileSync(f, "utf8"), f, { expectedId: path.basename(f, ".yaml") });
    if (!r.ok) throw new Error(`${f} is invalid: ${r.problems.map((p) => p.message).join("; ")}`);
    return r.policy;
  });
}

export function benchEngine(count = 10_000): Record<string, string | number> {
  const policies = loadShipped();
  const inputs = generateInputs(policies, count);
  const lines = inputs.map((i) => JSON.stringify(i));
  const bytes = lines.reduce((n, l) => n + l.length, 0);

  // Warm up both paths so the JIT has seen them before timing.
  for (let i = 0; i < 200; i++) for (const p of policies) evaluate(p, inputs[i]!, { asOf: "2025-10-01" });
  for (let i = 0; i < 200; i++) JSON.parse(lines[i]!);

  let t0 = performance.now();
  let sink = 0;
  for (const l of lines) sink += (JSON.parse(l) as ModelInput).scores.length;
  const parseMs = performance.now() - t0;

  t0 = performance.now();
  for (const l of lines) {
    const input = JSON.parse(l) as ModelInput;
    for (const p of policies) sink += evaluate(p, input, { asOf: "2025-10-01" }).domains.length;
  }
  const totalMs = performance.now() - t0;
  const evals = count * policies.length;
  return {
    policies: policies.length,
    models: count,
    "input MB": +(bytes / 1e6).toFixed(1),
    "JSON.parse only (ms)": +parseMs.toFixed(0),
    "parse + evaluate (ms)": +totalMs.toFixed(0),
    "model×policy evaluations/s (parse + evaluate)": Math.round(evals / (totalMs / 1000)),
    "model×policy evaluations/s (evaluate only)": Math.round(evals / ((totalMs - parseMs) / 1000)),
    "time ratio (parse+evaluate) / parse": +(totalMs / parseMs).toFixed(1),
    target: "≥ 20,000 evaluations/s",
    _sink: sink > 0 ? "ok" : "?",
  };
}
