import path from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluate, ModelInput } from "@/lib/engine";
import type { Evaluation, LeafEvidence } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";
import { formatProblem } from "@/lib/policy";
import type { Policy } from "@/lib/policy";
import type { CliIo, CommandHandler } from "../types";
import { UsageError } from "../types";
import { loadPolicyFile } from "./policy";
import { formatZodIssues } from "../format";

/** `--policy` takes a file path or the id of a shipped policy (policies/<id>.yaml). */
export function resolvePolicy(io: CliIo, ref: string): Policy {
  const file = /\.ya?ml$/.test(ref) || ref.includes("/") ? ref : path.join("policies", `${ref}.yaml`);
  if (!existsSync(path.resolve(io.cwd, file)))
    throw new DomainError("NOT_FOUND", `no policy "${ref}" (looked for ${file})`);
  const loaded = loadPolicyFile(io, file);
  if (!loaded.policy) {
    throw new DomainError(
      "VALIDATION",
      `policy ${file} is invalid`,
      loaded.problems.map((p) => ({
        path: `${p.file}:${p.line}:${p.col}`,
        message: formatProblem(p).split(": ").slice(1).join(": "),
      })),
    );
  }
  return loaded.policy;
}

/** Reads one model input, an array of them, or JSONL; every problem is located by line or index. */
export function parseModelInputs(text: string, file: string): { inputs: ModelInput[]; many: boolean } {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") throw new DomainError("VALIDATION", `${file} is empty`);
  let docs: { where: string; value: unknown }[];
  let many = false;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value)) {
      many = true;
      docs = value.map((v, i) => ({ where: `${file}[${i}]`, value: v }));
    } else docs = [{ where: file, value }];
  } catch (e) {
    const lines = trimmed.split(/\r?\n/);
    if (lines.length < 2)
      throw new DomainError("VALIDATION", `${file}: not valid JSON: ${(e as Error).message}`);
    many = true;
    docs = [];
    const issues: ErrorIssue[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        docs.push({ where: `${file}:${i + 1}`, value: JSON.parse(line) });
      } catch (err) {
        issues.push({ path: `${file}:${i + 1}`, message: `not valid JSON: ${(err as Error).message}` });
      }
    });
    if (issues.length > 0)
      throw new DomainError("VALIDATION", `${file}: ${issues.length} line(s) are not valid JSON`, issues);
  }
  const issues: ErrorIssue[] = [];
  const inputs: ModelInput[] = [];
  for (const d of docs) {
    const r = ModelInput.safeParse(d.value);
    if (r.success) inputs.push(r.data);
    else for (const m of formatZodIssues(r.error.issues)) issues.push({ path: d.where, message: m });
  }
  if (issues.length > 0) throw new DomainError("VALIDATION", `${file}: invalid model input`, issues);
  return { inputs, many };
}

export const evaluateCommand: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      policy: { type: "string" },
      input: { type: "string" },
      model: { type: "string" },
      "as-of": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.policy || !values.input === !values.model) {
    throw new UsageError(
      "evaluate --policy <id|file> (--input <file> | --model <id>) [--as-of YYYY-MM-DD] [--json]",
    );
  }
  const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new UsageError(`--as-of must be YYYY-MM-DD, got "${asOf}"`);
  const policy = resolvePolicy(io, values.policy);
  if (values.model) {
    // The stored model's scores, determinations and attestations, under the policy given.
    const { getDb } = await import("@/db");
    const { getModelInput } = await import("@/db/queries");
    const input = getModelInput(getDb(), values.model, policy.id);
    if (!input) throw new DomainError("NOT_FOUND", `no model "${values.model}" in the database`);
    const result = evaluate(policy, input, { asOf });
    io.stdout(values.json ? JSON.stringify(result, null, 2) + "\n" : renderEvaluation(result));
    return 0;
  }
  const inputFile = values.input!;
  let text: string;
  try {
    text = io.readText(inputFile);
  } catch {
    throw new DomainError("NOT_FOUND", `cannot read ${inputFile}`);
  }
  const { inputs, many } = parseModelInputs(text, inputFile);
  const results = inputs.map((input) => evaluate(policy, input, { asOf }));
  if (values.json) io.stdout(JSON.stringify(many ? results : results[0], null, 2) + "\n");
  else io.stdout(results.map(renderEvaluation).join("\n"));
  return 0;
};

function leafText(e: LeafEvidence): string {
  const op = { gte: "≥", gt: ">", lte: "≤", lt: "<" }[e.comparator];
  if (e.value === null) return `${e.metric} missing`;
  const se = e.stderr ? ` ± ${e.stderr}` : "";
  return `${e.metric} ${e.value}${se} vs ${op} ${e.threshold}${e.calibration === "illustrative" ? " (illustrative)" : ""}`;
}

export function renderEvaluation(ev: Evaluation): string {
  const lines: string[] = [];
  lines.push(`${ev.model} under ${ev.policy.id} ${ev.policy.version} (as of ${ev.as_of})`);
  if (ev.level.pre !== null) lines.push(`  level: pre ${ev.level.pre}, post ${ev.level.post}`);
  const w = Math.max(8, ...ev.domains.map((d) => d.id.length));
  lines.push(`  ${"domain".padEnd(w)}  ${"pre".padEnd(12)} ${"post".padEnd(12)} thresholds`);
  for (const d of ev.domains) {
    const ts = d.thresholds
      .map((t) => {
        const leaves = t.evidence.filter((e): e is LeafEvidence => e.kind === "metric").map(leafText);
        return `${t.id}: ${t.status}${t.missing_evidence ? " (missing evidence)" : ""}${t.disagreement ? " (disagrees with indicators)" : ""}${leaves.length ? ` [${leaves.join("; ")}]` : ""}`;
      })
      .join("\n" + " ".repeat(w + 30));
    lines.push(`  ${d.id.padEnd(w)}  ${d.level.pre.padEnd(12)} ${d.level.post.padEnd(12)} ${ts}`);
  }
  if (ev.safeguards.length > 0)
    lines.push(`  safeguards: ${ev.safeguards.map((s) => `${s.id} ${s.status}`).join(", ")}`);
  else lines.push("  safeguards: none required");
  if (ev.obligations.length > 0)
    lines.push(`  open obligations: ${ev.obligations.map((o) => `${o.text} (${o.threshold})`).join("; ")}`);
  for (const g of ev.gates)
    lines.push(`  gate ${g.action}: ${g.outcome.toUpperCase()} — ${g.reasons[g.reasons.length - 1] ?? ""}`);
  lines.push(`  reassessment: ${ev.cadence.due ? "DUE" : "current"} (${ev.cadence.reasons.join("; ")})`);
  return lines.join("\n") + "\n";
}
