import path from "node:path";
import { readdirSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatProblem, loadPolicyText, policyJsonSchema } from "@/lib/policy";
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

export const policyCommands: Record<string, CommandHandler> = { validate, test, schema };
