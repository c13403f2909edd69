import { readFileSync } from "node:fs";
import path from "node:path";
import { DomainError, exitCodeFor } from "@/lib/errors";
import type { CliIo, CommandHandler } from "./types";
import { UsageError } from "./types";
import { policyCommands } from "./commands/policy";
import { evaluateCommand } from "./commands/evaluate";
import { dataCommands } from "./commands/data";
import { governanceCommands } from "./commands/governance";
import { accountCommands } from "./commands/users";
import { run as backtestCommand } from "./commands/projection/backtest";
import { run as projectCommand } from "./commands/projection/project";
import { run as trendCommand } from "./commands/projection/trend";

/** Commands and sub-commands. A group maps a second word to its handler. */
const COMMANDS: Record<string, CommandHandler | Record<string, CommandHandler>> = {
  policy: policyCommands,
  evaluate: evaluateCommand,
  ...dataCommands,
  ...governanceCommands,
  ...accountCommands,
  backtest: backtestCommand,
  project: projectCommand,
  trend: trendCommand,
};

const USAGE = `usage: npm run --silent cli -- <command> [options]

  policy validate <files...>           check policy files; file:line:col: message for each problem
  policy test [dir]                    run every policy's pass-/fail- fixtures (default: policies)
  policy schema                        print the policy JSON Schema
  policy diff <old> <new> [--models] [--json]
                                       what changed between two versions (ids or files), and which models it moves
  evaluate --policy <id|file> (--input <file> | --model <id>) [--as-of YYYY-MM-DD] [--json]
                                       evaluate model inputs (object, array or JSONL), or a stored model
  ingest <files...> [--format <f>] [--partial] [--accept-new-models] [--json]
                                       import eval results; each file is one batch, all or nothing
  models list [--json]                 the model registry
  models alias "<raw name>" <model-id> map another spelling to an existing model
  scores list --model <id> [--json]    a model's scores with their sources
  batches list [--json]                import batches
  batches rollback <id>                remove a batch's scores (audited)
  db migrate | db seed                 create/upgrade the database; import the demo data into an empty one

  gate --model <id> --policy <id> --action <a> [--as-of YYYY-MM-DD] [--as <user>] [--json]
                                       evaluate under the published policy, record the decision;
                                       exit 0 allow, 3 conditional, 4 pause/block/restrict/de_deploy/delete_weights
  signoff --model <id> --policy <id> --action <a> --outcome approve|approve_with_conditions|block
          --rationale <text> [--conditions <text>] --as <user> [--json]
                                       record a sign-off with the evaluation it was made on
  decision list [--model <id>] [--policy <id>] [--limit n] [--status] [--json]
  decision replay <id> [--json]        re-derive a decision from its stored input; exit 1 names the mismatch
  decision show <id> [--json]          a decision with its status (current/stale) and replay
  audit export --format jsonl|csv [--from] [--to] [--actor] [--action] [--subject] [--out <file>]
  audit verify [--file <export.jsonl|csv>] [--head <signed.json> --public-key <pem>] [--json]
                                       recompute the hash chain; exit 1 names the first broken seq
  audit head [--json]                  the chain head; signed when SCALEGATE_SIGNING_KEY names a key
  audit keygen --out <dir>             write an Ed25519 key pair for signing heads

  users create --email <e> --name <n> --role <role> (--password <p> | --password-env <VAR>)
                                       add an account (admins too: the CLI has shell access); audited
  users list [--json]                  accounts and their roles
  users role <email> <role>            change a role (never the last admin's); audited
  tokens create --name <n> --role <role> [--scope ingest|gate]... [--expires YYYY-MM-DD] --as <admin email>
                                       print a new API token once (only its sha256 is kept); audited
  tokens list [--json]                 tokens with their role, scopes, expiry and state
  tokens revoke <id>                   stop a token working at once; audited
  roles: admin, policy_author, reviewer, auditor, viewer (docs/roles.md)

  backtest --input <csv> --x <col> --y <col> --cutoff <x> [--floor <v>] [--ceiling <v>] [--json]
                                       fit a sigmoid in log compute up to a cutoff and score the rest
  project --input <csv> --x <col> --y <col> --threshold <v> [--floor <v>] [--planned <flop>] [--json]
                                       when the fitted curve crosses a threshold, with an 80% interval
  trend --input <METR yaml | csv model,date,value> [--since <date>] [--sota-only] [--json]
                                       doubling time of a time-horizon metric

global: --db <path>                    use this SQLite file instead of DATABASE_URL or ./data/scalegate.db

exit codes: 0 ok, 1 invalid input (or a failed verify/replay), 2 usage; gate 0/3/4 as above
`;

export async function runCli(rawArgv: string[], io: CliIo): Promise<number> {
  // --db <path> works on every command: it picks the database before any command opens it.
  const argv = [...rawArgv];
  const dbAt = argv.findIndex((a) => a === "--db" || a.startsWith("--db="));
  if (dbAt >= 0) {
    const arg = argv[dbAt]!;
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[dbAt + 1];
    if (!value) {
      io.stderr("usage: --db <path>\n");
      return 2;
    }
    process.env.DATABASE_URL = path.resolve(io.cwd, value);
    argv.splice(dbAt, arg.includes("=") ? 1 : 2);
  }
  const [first, second, ...rest] = argv;
  if (!first || first === "help" || first === "--help" || first === "-h") {
    (first ? io.stdout : io.stderr)(USAGE);
    return first ? 0 : 2;
  }
  const entry = COMMANDS[first];
  let handler: CommandHandler | undefined;
  let args: string[];
  if (typeof entry === "function") {
    handler = entry;
    args = argv.slice(1);
  } else if (entry) {
    handler = second ? entry[second] : undefined;
    args = rest;
    if (!handler) {
      io.stderr(`${first}: expected one of ${Object.keys(entry).join(", ")}\n\n${USAGE}`);
      return 2;
    }
  } else {
    io.stderr(`unknown command "${first}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await handler(args, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.stderr(`usage: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DomainError) {
      io.stderr(`error: ${e.message}\n${e.issues.map((i) => `  ${i.path}: ${i.message}\n`).join("")}`);
      return exitCodeFor(e.code);
    }
    io.stderr(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

export function processIo(): CliIo {
  const cwd = process.cwd();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd,
    isTTY: Boolean(process.stderr.isTTY),
    readText: (p) => readFileSync(path.resolve(cwd, p), "utf8"),
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("cli/main.ts")) {
  runCli(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
