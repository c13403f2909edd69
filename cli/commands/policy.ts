import path from "node:path";
import { readdirSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatProblem, loadPolicyText, policyJsonSchema } from "@/lib/policy";
import { diffPolicies } from "@/lib/policy/diff";
import type { PolicyDiff } from "@/lib/policy/diff";
import type { ModelChange } from "@/lib/engine/what-if";
import { DomainError } from "@/lib/errors";
import type { Policy, PolicyProblem } from "@/lib/policy";
import type { CliIo, CommandHandler } from "../types";
import { UsageError } from "../types";
import { runPolicyFixtures } from "../policy-fixtures";

export interface LoadedPolicyFile {
  file: string;
  policy?: Policy;
  problems: PolicyProblem[];
}

export function loadPolicyFile(io: CliIo, file: string): LoadedPolicyFile {
  let text: string;
  try {
    text = io.readText(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      file,
      problems: [
        { file, line: 1, col: 1, message: code === "ENOENT" ? "no such file" : `cannot read: ${String(e)}` },
      ],
    };
  }
  const expectedId = path.basename(file).replace(/\.ya?ml$/, "");
  const r = loadPolicyText(text, file, { expectedId });
  return r.ok ? { file, policy: r.policy, problems: [] } : { file, problems: r.problems };
}

/** Loads several files and reports ids used by more than one of them. */
export function loadPolicyFiles(io: CliIo, files: string[]): LoadedPolicyFile[] {
  const loaded = files.map((f) => loadPolicyFile(io, f));
  const byId = new Map<string, string>();
  for (const l of loaded) {
    if (!l.policy) continue;
    const other = byId.get(l.policy.id);
    if (other)
      l.problems.push({
        file: l.file,
        line: 1,
        col: 1,
        message: `duplicate policy id "${l.policy.id}" (also in ${other})`,
      });
    else byId.set(l.policy.id, l.file);
  }
  return loaded;
}

export function shippedPolicyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

const validate: CommandHandler = async (argv, io) => {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length === 0) throw new UsageError("policy validate <files...>");
  const loaded = loadPolicyFiles(io, positionals);
  let bad = 0;
  for (const l of loaded) {
    if (l.problems.length > 0) {
      bad++;
      for (const p of l.problems) io.stdout(formatProblem(p) + "\n");
    }
  }
  io.stderr(`${loaded.length - bad} valid, ${bad} invalid\n`);
  return bad > 0 ? 1 : 0;
};

const test: CommandHandler = async (argv, io) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { verbose: { type: "boolean", short: "v" } },
  });
  const dir = positionals[0] ?? "policies";
  return runPolicyFixtures(io, dir, { verbose: values.verbose ?? false });
};

const schema: CommandHandler = async (_argv, io) => {
  io.stdout(JSON.stringify(policyJsonSchema(), null, 2) + "\n");
  return 0;
};

/** A policy named by file path or by the id of a shipped policy file. */
function policyArg(io: CliIo, ref: string): Policy {
  const file = /\.ya?ml$/.test(ref) || ref.includes("/") ? ref : path.join("policies", `${ref}.yaml`);
  const loaded = loadPolicyFile(io, file);
  if (!loaded.policy) {
    throw new DomainError(
      loaded.problems[0]?.message === "no such file" ? "NOT_FOUND" : "VALIDATION",
      `policy ${file} cannot be used`,
      loaded.problems.map((p) => ({ path: `${p.file}:${p.line}:${p.col}`, message: p.message })),
    );
  }
  return loaded.policy;
}

const diff: CommandHandler = async (argv, io) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      models: { type: "boolean" },
      rename: { type: "string", multiple: true },
    },
  });
  if (positionals.length !== 2)
    throw new UsageError(
      "policy diff <old id|file> <new id|file> [--models] [--rename new=old ...] [--json]",
    );
  const from = policyArg(io, positionals[0]!);
  const to = policyArg(io, positionals[1]!);
  const renames: Record<string, string> = {};
  for (const r of values.rename ?? []) {
    const [n, o] = r.split("=");
    if (!n || !o) throw new UsageError(`--rename takes new-id=old-id, got "${r}"`);
    renames[n] = o;
  }
  const d = diffPolicies(from, to, renames);
  let models: { evaluated: number; changes: ModelChange[] } | undefined;
  if (values.models) {
    const { getDb } = await import("@/db");
    const { modelsThatChange } = await import("@/db/what-if");
    models = modelsThatChange(getDb(), from, to);
  }
  if (values.json) {
    io.stdout(JSON.stringify({ ...d, ...(models ? { models } : {}) }, null, 2) + "\n");
    return 0;
  }
  io.stdout(renderDiff(d));
  if (models) {
    io.stdout(`\nmodels: ${models.changes.length} of ${models.evaluated} change\n`);
    for (const c of models.changes.slice(0, 50)) {
      const parts = [
        ...(c.level ? [`level ${c.level.pre[0]} → ${c.level.pre[1]}`] : []),
        ...c.gates.map((g) => `${g.action} ${g.from} → ${g.to}`),
        ...(c.safeguards
          ? [`safeguards +${c.safeguards.added.join(",") || "∅"} −${c.safeguards.removed.join(",") || "∅"}`]
          : []),
      ];
      io.stdout(
        `  ${c.model}: ${parts.join("; ") || c.domains.map((x) => `${x.id} ${x.pre[0]} → ${x.pre[1]}`).join("; ")}\n`,
      );
    }
    if (models.changes.length > 50) io.stdout(`  … ${models.changes.length - 50} more (--json for all)\n`);
  }
  return 0;
};

const what = (t: { domain: string; level: string | null; kind: string; tier?: string }) =>
  `${t.domain}, ${t.level ?? t.kind}${t.tier ? `, ${t.tier}` : ""}`;

function renderDiff(d: PolicyDiff): string {
  const out: string[] = [`${d.from.id} ${d.from.version} → ${d.to.id} ${d.to.version}`];
  if (d.empty) return out.concat("no differences").join("\n") + "\n";
  const list = (label: string, xs: string[]) => xs.length > 0 && out.push(`${label}: ${xs.join(", ")}`);
  list("levels added", d.levels.added);
  list("levels removed", d.levels.removed);
  list("domains added", d.domains.added);
  list("domains removed", d.domains.removed);
  for (const t of d.thresholds.added) out.push(`+ threshold ${t.id} (${what(t)}): ${t.definition}`);
  for (const t of d.thresholds.removed) out.push(`- threshold ${t.id} (${what(t)}): ${t.definition}`);
  for (const t of d.thresholds.continued)
    out.push(`> threshold ${t.id} (${what(t)}) continues in ${t.into.join(", ")} (${t.relation})`);
  for (const c of d.thresholds.changed) {
    out.push(`~ threshold ${c.from_id ? `${c.from_id} → ` : ""}${c.id}`);
    if (c.reworded) out.push(`    was: ${c.definition_from}`, `    now: ${c.definition}`);
    for (const f of c.fields) out.push(`    ${f.field}: ${f.from} → ${f.to}`);
    for (const n of c.numbers)
      out.push(
        `    ${n.metric} ${n.op}: ${n.from ?? "—"} → ${n.to ?? "—"} (${n.calibration.to ?? n.calibration.from})`,
      );
  }
  list("safeguards added", d.safeguards.added);
  list("safeguards removed", d.safeguards.removed);
  for (const s of d.safeguards.changed)
    out.push(`~ safeguard ${s.id}: ${s.fields.map((f) => f.field).join(", ")}`);
  list("gates added", d.gates.added);
  list("gates removed", d.gates.removed);
  for (const g of d.gates.changed)
    out.push(`~ gate ${g.action}`, ...g.from.map((r) => `    - ${r}`), ...g.to.map((r) => `    + ${r}`));
  list("metrics added", d.metrics.added);
  list("metrics removed", d.metrics.removed);
  if (d.cadence) out.push(`cadence: ${d.cadence.from} → ${d.cadence.to}`);
  return out.join("\n") + "\n";
}

export const policyCommands: Record<string, CommandHandler> = { validate, test, schema, diff };
