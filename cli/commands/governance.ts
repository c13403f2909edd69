import path from "node:path";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  AuditFilter,
  ChainVerifier,
  generateSigningKeys,
  parseCsvExport,
  parseJsonlExport,
  SignedHead,
  verifyHead,
} from "@/lib/audit";
import type { VerifiableEntry, VerifyResult } from "@/lib/audit";
import { AUDIT_EXPORT_FORMATS, gateExitCode, SIGNOFF_OUTCOMES } from "@/lib/api/governance-schemas";
import type {
  AuditExportFormat,
  AuditVerifyResponse,
  Decision,
  DecisionStatus,
  GateResponse,
  ReplayResult,
  SignoffOutcome,
} from "@/lib/api/governance-schemas";
import { DomainError } from "@/lib/errors";
import { getDb } from "@/db";
import { iterateAudit } from "@/db/audit";
import {
  auditHeadReport,
  decisionStatus,
  exportAuditChunks,
  getDecision,
  listDecisions,
  listDecisionsWithStatus,
  recordDecision,
  replayDecision,
  signingKeyFromEnv,
} from "@/db/decisions";
import type { CliIo, CommandHandler } from "../types";
import { UsageError } from "../types";
import { table } from "../format";
import { cliActor } from "./data";

const SIGNOFF_USAGE =
  "signoff --model <id> --policy <id> --action <a> --outcome approve|approve_with_conditions|block --rationale <text> [--conditions <text>] [--as-of YYYY-MM-DD] --as <user> [--json]";
const GATE_USAGE = "gate --model <id> --policy <id> --action <a> [--as-of YYYY-MM-DD] [--as <user>] [--json]";

function json(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function versionText(d: Decision): string {
  return `${d.policy_version.policy} v${d.policy_version.version} (version ${d.policy_version.id})`;
}

function decisionId(text: string | undefined, usage: string): number {
  const id = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(id) || id < 1)
    throw new UsageError(usage);
  return id;
}

function required(values: Record<string, unknown>, names: string[], usage: string): void {
  const missing = names.filter((n) => typeof values[n] !== "string" || values[n] === "");
  if (missing.length > 0)
    throw new UsageError(`${usage}\n  missing: ${missing.map((n) => `--${n}`).join(", ")}`);
}

// ---------------------------------------------------------------------------------------------
// signoff, gate

const signoff: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: "string" },
      policy: { type: "string" },
      action: { type: "string" },
      outcome: { type: "string" },
      rationale: { type: "string" },
      conditions: { type: "string" },
      "as-of": { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
  });
  // A sign-off is a person's judgement: it must say whose, never default to the OS account.
  required(values, ["model", "policy", "action", "outcome", "rationale", "as"], SIGNOFF_USAGE);
  if (!(SIGNOFF_OUTCOMES as readonly string[]).includes(values.outcome!))
    throw new UsageError(`--outcome must be one of ${SIGNOFF_OUTCOMES.join(", ")}`);
  const r = recordDecision(getDb(), {
    modelId: values.model!,
    policyId: values.policy!,
    action: values.action!,
    ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
    signoff: {
      outcome: values.outcome as SignoffOutcome,
      rationale: values.rationale!,
      conditions: values.conditions ?? null,
    },
    actor: values.as!,
  });
  const d = r.decision;
  if (values.json) json(io, { decision: d, audit: r.audit });
  else {
    io.stdout(
      `decision ${d.id} recorded: ${d.signoff!.outcome} of ${d.action} for ${d.model} by ${d.decided_by}\n` +
        `  policy ${versionText(d)}, as of ${d.as_of}; gate outcome ${d.outcome}\n` +
        `  audit entry ${r.audit.seq} (${short(r.audit.hash)})\n`,
    );
  }
  // Recorded as asked (a sign-off may overrule the policy), but never silently.
  if (d.signoff!.outcome !== "block" && d.outcome !== "allow" && d.outcome !== "conditional")
    io.stderr(`warning: ${d.signoff!.outcome} overrules the policy's gate outcome "${d.outcome}"\n`);
  return 0;
};

/** Records the evaluation as a decision and answers with the exit code CI reads (0/3/4). */
const gate: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: "string" },
      policy: { type: "string" },
      action: { type: "string" },
      "as-of": { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
  });
  required(values, ["model", "policy", "action"], GATE_USAGE);
  const r = recordDecision(getDb(), {
    modelId: values.model!,
    policyId: values.policy!,
    action: values.action!,
    ...(values["as-of"] ? { asOf: values["as-of"] } : {}),
    actor: cliActor(values.as),
  });
  const d = r.decision;
  const answer: GateResponse = {
    outcome: r.gate.outcome,
    reasons: r.gate.reasons,
    rule: r.gate.rule,
    policy_version: d.policy_version,
    decision_id: d.id,
    model: d.model,
    action: d.action,
    as_of: d.as_of,
  };
  if (values.json) json(io, answer);
  else {
    io.stdout(
      `${d.action}: ${answer.outcome}\n` +
        `  model ${d.model}, policy ${versionText(d)}, as of ${d.as_of}\n` +
        `  rule ${answer.rule ?? "none matched (fail closed)"}; decision ${d.id}\n` +
        `reasons:\n${answer.reasons.map((x) => `  - ${x}\n`).join("")}`,
    );
  }
  return gateExitCode(answer.outcome);
};

// ---------------------------------------------------------------------------------------------
// decision list | replay | show

function statusText(s: DecisionStatus | undefined): string {
  return s ? s.status : "";
}

const decisionList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: "string" },
      policy: { type: "string" },
      limit: { type: "string" },
      status: { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError("decision list [--model <id>] [--policy <id>] [--limit n] [--status] [--json]");
  const filter = {
    ...(values.model ? { modelId: values.model } : {}),
    ...(values.policy ? { policyId: values.policy } : {}),
    limit,
  };
  const db = getDb();
  const rows: (Decision & { status?: DecisionStatus })[] = values.status
    ? listDecisionsWithStatus(db, filter)
    : listDecisions(db, filter);
  if (values.json) json(io, { decisions: rows });
  else if (rows.length === 0) io.stdout("no decisions recorded\n");
  else
    io.stdout(
      table(
        [
          "id",
          "model",
          "policy",
          "action",
          "outcome",
          "sign-off",
          "by",
          "at",
          ...(values.status ? ["status"] : []),
        ],
        rows.map((d) => [
          String(d.id),
          d.model,
          `${d.policy_version.policy}@${d.policy_version.version}`,
          d.action,
          d.outcome,
          d.signoff?.outcome ?? "",
          d.decided_by,
          d.created_at,
          ...(values.status ? [statusText(d.status)] : []),
        ]),
      ),
    );
  return 0;
};

function replayText(r: ReplayResult, d: Decision): string {
  if (r.ok)
    return (
      `decision ${r.decision_id} replays: policy hash ok, input hash ok, result hash ok, ` +
      `outcome ${r.recomputed_outcome} as recorded, audit entry ok\n`
    );
  return (
    `decision ${r.decision_id} does NOT replay: ${r.mismatches.map((m) => `${m} mismatch`).join(", ")}\n` +
    r.details.map((x) => `  - ${x}\n`).join("") +
    `  stored: input ${short(d.input_hash)}, result ${short(d.result_hash)}, outcome ${d.outcome}\n` +
    `  re-derived: result ${r.recomputed_result_hash ? short(r.recomputed_result_hash) : "—"}, ` +
    `outcome ${r.recomputed_outcome ?? "—"}\n`
  );
}

const decisionReplay: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("decision replay <id> [--json]");
  const id = decisionId(positionals[0], "decision replay <id> [--json]");
  const db = getDb();
  const d = getDecision(db, id);
  const r = replayDecision(db, id);
  if (values.json) json(io, r);
  else (r.ok ? io.stdout : io.stderr)(replayText(r, d));
  return r.ok ? 0 : 1;
};

const decisionShow: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("decision show <id> [--json]");
  const id = decisionId(positionals[0], "decision show <id> [--json]");
  const db = getDb();
  const decision = getDecision(db, id);
  const status = decisionStatus(db, id);
  const replay = replayDecision(db, id);
  if (values.json) json(io, { decision, status, replay });
  else {
    const s = decision.signoff;
    io.stdout(
      `decision ${decision.id} (${decision.kind}) by ${decision.decided_by} at ${decision.created_at}\n` +
        `  ${decision.action} for ${decision.model} under ${versionText(decision)}, as of ${decision.as_of}: ${decision.outcome}\n` +
        (s
          ? `  sign-off: ${s.outcome} — ${s.rationale}${s.conditions ? `\n  conditions: ${s.conditions}` : ""}\n`
          : "") +
        `  input ${decision.input_hash}\n  result ${decision.result_hash}\n` +
        `status: ${status.status}${status.reasons.map((x) => `\n  - ${x}`).join("")}\n` +
        replayText(replay, decision),
    );
  }
  return 0;
};

// ---------------------------------------------------------------------------------------------
// audit export | verify | head | keygen

const EXPORT_USAGE =
  "audit export --format jsonl|csv [--from <date>] [--to <date>] [--actor <a>] [--action <a>] [--subject <s>] [--out <file>] [--bom]";

export function parseAuditFilter(values: Record<string, unknown>): AuditFilter {
  const raw = Object.fromEntries(
    ["from", "to", "actor", "action", "subject"]
      .filter((k) => typeof values[k] === "string")
      .map((k) => [k, values[k]]),
  );
  const r = AuditFilter.safeParse(raw);
  if (!r.success)
    throw new DomainError(
      "VALIDATION",
      "invalid audit filter",
      r.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(filter)", message: i.message })),
    );
  return r.data;
}

const auditExport: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      actor: { type: "string" },
      action: { type: "string" },
      subject: { type: "string" },
      out: { type: "string" },
      bom: { type: "boolean" },
    },
  });
  if (!values.format || !(AUDIT_EXPORT_FORMATS as readonly string[]).includes(values.format))
    throw new UsageError(EXPORT_USAGE);
  const filter = parseAuditFilter(values);
  const chunks = exportAuditChunks(getDb(), filter, values.format as AuditExportFormat, {
    bom: values.bom ?? false,
  });
  if (!values.out) {
    for (const c of chunks) io.stdout(c);
    return 0;
  }
  const file = path.resolve(io.cwd, values.out);
  const fd = openSync(file, "w");
  let bytes = 0;
  try {
    for (const c of chunks) bytes += writeSync(fd, c);
  } finally {
    closeSync(fd);
  }
  io.stderr(`wrote ${bytes} bytes to ${values.out}\n`);
  return 0;
};

interface HeadCheck {
  ok: boolean;
  key_id?: string;
  detail: string;
}

function verifyText(r: VerifyResult, source: string): string {
  if (r.ok)
    return r.head
      ? `audit chain ok (${source}): ${r.count} entries; head seq ${r.head.seq}, hash ${r.head.hash}, at ${r.head.at}\n`
      : `audit chain ok (${source}): empty\n`;
  const b = r.firstBroken;
  return (
    `audit chain BROKEN (${source}) at seq ${b.seq}: ${b.reason}` +
    (b.expected !== undefined ? `; expected ${b.expected}, found ${b.actual}` : "") +
    (b.detail ? ` (${b.detail})` : "") +
    `\n  ${r.count} entries verified before it\n`
  );
}

function toApi(r: VerifyResult): AuditVerifyResponse {
  return r.ok ? r : { ok: false, count: r.count, first_broken: r.firstBroken };
}

/** Entries of an export file, in order; the format follows the extension unless given. */
function readExport(io: CliIo, file: string, format?: string): VerifiableEntry[] {
  let text: string;
  try {
    text = io.readText(file);
  } catch {
    throw new DomainError("NOT_FOUND", `cannot read ${file}`);
  }
  const csv = format ? format === "csv" : /\.csv$/i.test(file);
  return csv ? parseCsvExport(text) : parseJsonlExport(text);
}

/** A signed head binds the chain's length: a cut-off tail still verifies, but not against it. */
function checkSignedHead(
  io: CliIo,
  headFile: string,
  publicKeyFile: string,
  seen: Map<number, string>,
  last: number,
): HeadCheck {
  let signed: SignedHead;
  try {
    signed = SignedHead.parse(JSON.parse(io.readText(headFile)) as unknown);
  } catch {
    return { ok: false, detail: `${headFile} is not a signed head` };
  }
  const v = verifyHead(signed, io.readText(publicKeyFile));
  if (!v.ok) return { ok: false, detail: `signed head: ${v.reason} (${v.detail})` };
  const at = seen.get(signed.seq);
  if (at === undefined)
    return {
      ok: false,
      key_id: v.key_id,
      detail: `the chain ends at seq ${last}, before the signed head at seq ${signed.seq}: entries were removed`,
    };
  if (at !== signed.hash)
    return { ok: false, key_id: v.key_id, detail: `entry ${signed.seq} does not have the signed hash` };
  return { ok: true, key_id: v.key_id, detail: `signed head seq ${signed.seq} (key ${v.key_id}) matches` };
}

const auditVerify: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: "string" },
      format: { type: "string" },
      head: { type: "string" },
      "public-key": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.head !== !values["public-key"])
    throw new UsageError(
      "audit verify [--file <export>] [--head <signed-head.json> --public-key <pem>] [--json]",
    );
  if (values.format && !(AUDIT_EXPORT_FORMATS as readonly string[]).includes(values.format))
    throw new UsageError("--format must be jsonl or csv");
  let entries: Iterable<VerifiableEntry>;
  let source = "database";
  let note: string | undefined;
  let verifier = new ChainVerifier();
  if (values.file) {
    const list = readExport(io, values.file, values.format);
    source = values.file;
    const first = list[0];
    if (first && first.seq > 1) {
      // Only the part in the file can be checked: anchored on its own first prev_hash, not the genesis.
      verifier = new ChainVerifier({ after: { seq: first.seq - 1, hash: first.prev_hash } });
      note = `the file starts at seq ${first.seq}: verified from there on, not from the genesis`;
    }
    entries = list;
  } else entries = iterateAudit(getDb());
  // Remember hashes only when a signed head must be matched (O(n) memory then, O(1) otherwise).
  const seen = new Map<number, string>();
  let last = 0;
  for (const e of entries) {
    if (!verifier.push(e)) break;
    if (values.head) seen.set(e.seq, e.hash);
    last = e.seq;
  }
  const result = verifier.result();
  const headCheck =
    values.head && result.ok
      ? checkSignedHead(io, values.head, values["public-key"]!, seen, last)
      : undefined;
  const ok = result.ok && (headCheck?.ok ?? true);
  if (values.json)
    json(io, {
      ...toApi(result),
      source,
      ...(note ? { note } : {}),
      ...(headCheck ? { signed_head: headCheck } : {}),
    });
  else {
    (result.ok ? io.stdout : io.stderr)(verifyText(result, source));
    if (note) io.stdout(`note: ${note}\n`);
    if (headCheck)
      (headCheck.ok ? io.stdout : io.stderr)(`${headCheck.ok ? "" : "FAILED: "}${headCheck.detail}\n`);
  }
  return ok ? 0 : 1;
};

const auditHeadCmd: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
  let pem: string | null;
  try {
    pem = signingKeyFromEnv(io.cwd);
  } catch (e) {
    // The operator's setting, not a bug: invalid input (1), not an internal error.
    throw new DomainError("NOT_FOUND", e instanceof Error ? e.message : String(e));
  }
  const report = auditHeadReport(getDb(), pem);
  if (!report.ok) {
    io.stderr(verifyText(report.verify, "database"));
    io.stderr("refusing to report (or sign) the head of a broken chain\n");
    return 1;
  }
  const { head, signed } = report;
  if (values.json) json(io, { head, signed });
  else if (!head) io.stdout("audit log is empty\n");
  else {
    io.stdout(`head seq ${head.seq}\nhash ${head.hash}\nat   ${head.at}\n`);
    if (signed) io.stdout(`signed (Ed25519, key ${signed.key_id}):\n${JSON.stringify(signed)}\n`);
  }
  return 0;
};

const auditKeygen: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { out: { type: "string" } } });
  if (!values.out) throw new UsageError("audit keygen --out <dir>");
  const dir = path.resolve(io.cwd, values.out);
  const priv = path.join(dir, "audit-signing-key.pem");
  const pub = path.join(dir, "audit-signing-key.pub.pem");
  for (const f of [priv, pub])
    if (existsSync(f)) throw new DomainError("CONFLICT", `${f} exists: refusing to overwrite a signing key`);
  mkdirSync(dir, { recursive: true });
  const keys = generateSigningKeys();
  writeFileSync(priv, keys.privateKeyPem, { mode: 0o600, flag: "wx" });
  writeFileSync(pub, keys.publicKeyPem, { mode: 0o644, flag: "wx" });
  io.stdout(
    `key ${keys.key_id}\n  private: ${priv} (keep secret; mode 600)\n  public:  ${pub} (give to auditors)\n` +
      `sign heads with: SCALEGATE_SIGNING_KEY=${priv} npm run --silent cli -- audit head\n`,
  );
  return 0;
};

export const governanceCommands = {
  signoff,
  gate,
  decision: { list: decisionList, replay: decisionReplay, show: decisionShow },
  audit: { export: auditExport, verify: auditVerify, head: auditHeadCmd, keygen: auditKeygen },
};
