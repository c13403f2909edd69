import path from "node:path";
import { readFileSync } from "node:fs";
import { and, count, desc, eq, gte, inArray, lte } from "drizzle-orm";
import {
  canonicalJson,
  compileFilter,
  CSV_HEADER,
  formatCsvRow,
  formatJsonlLine,
  sha256Hex,
  signHead,
  timeBounds,
} from "@/lib/audit";
import type { AuditFilter, ChainHead, SignedHead, StoredAuditEntry, VerifyResult } from "@/lib/audit";
import { evaluate, ModelInput } from "@/lib/engine";
import type { Evaluation, GateResult } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";
import { loadPolicyText } from "@/lib/policy";
import type { GateOutcome, Policy } from "@/lib/policy";
import { SIGNOFF_OUTCOMES } from "@/lib/api/governance-schemas";
import type {
  Decision,
  DecisionStatus,
  PolicyVersionRef,
  ReplayCheck,
  ReplayResult,
  SignoffOutcome,
} from "@/lib/api/governance-schemas";
import { transaction } from "./index";
import type { Db } from "./index";
import { iterateAudit, recordAudit, verifyAuditLog } from "./audit";
import type { AuditQuery } from "./audit";
import { getPublishedPolicy } from "./policies";
import type { PolicyVersionRow, PublishedPolicy } from "./policies";
import { getModelInput } from "./queries";
import { auditLog, decisions, policyVersions } from "./schema";

/**
 * Decisions: a stored evaluation (the exact input, the policy version, the result, each hashed) and,
 * when a person signs, the sign-off. Rows are written once and never updated: there is deliberately no
 * update path here. Each is recorded with its audit entry in one transaction, so a decision without
 * its log entry (or the reverse) cannot exist.
 */

export type DecisionRow = typeof decisions.$inferSelect;

export interface SignoffInput {
  outcome: SignoffOutcome;
  rationale: string;
  conditions?: string | null;
}

export interface RecordDecisionInput {
  modelId: string;
  policyId: string;
  action: string;
  /** YYYY-MM-DD; default today (UTC) */
  asOf?: string;
  signoff?: SignoffInput;
  actor: string;
}

export interface RecordedDecision {
  decision: Decision;
  gate: GateResult;
  audit: { seq: number; hash: string };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The hash a decision stores: sha256 of the canonical JSON of a value (its parsed value, for text). */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

function checkRequest(r: RecordDecisionInput): { asOf: string; signoff: SignoffInput | undefined } {
  const issues: ErrorIssue[] = [];
  if (typeof r.actor !== "string" || r.actor.trim() === "")
    issues.push({ path: "actor", message: "a decision names who made it" });
  const asOf = r.asOf ?? today();
  if (!isCalendarDate(asOf)) issues.push({ path: "as_of", message: "must be a real date, YYYY-MM-DD" });
  let signoff: SignoffInput | undefined;
  if (r.signoff) {
    const outcome = r.signoff.outcome;
    const rationale = r.signoff.rationale?.trim() ?? "";
    const conditions = r.signoff.conditions?.trim() || null;
    if (!(SIGNOFF_OUTCOMES as readonly string[]).includes(outcome))
      issues.push({ path: "outcome", message: `must be one of ${SIGNOFF_OUTCOMES.join(", ")}` });
    if (rationale === "") issues.push({ path: "rationale", message: "a rationale is required" });
    if (outcome === "approve_with_conditions" && conditions === null)
      issues.push({ path: "conditions", message: "approve_with_conditions needs the conditions" });
    signoff = { outcome, rationale, conditions };
  }
  if (issues.length > 0) throw new DomainError("VALIDATION", "invalid decision", issues);
  return { asOf, signoff };
}

function gateFor(result: Evaluation, action: string): GateResult {
  const gate = result.gates.find((g) => g.action === action);
  // The engine evaluates every gate of the policy; a missing one is a bug, not bad input.
  if (!gate) throw new DomainError("INTERNAL", `the evaluation has no gate "${action}"`);
  return gate;
}

function requireAction(policy: Policy, action: string): void {
  const actions = Object.keys(policy.gates);
  if (!actions.includes(action))
    throw new DomainError("VALIDATION", `policy ${policy.id} has no action "${action}"`, [
      { path: "action", message: `one of: ${actions.join(", ")}` },
    ]);
}

/**
 * Evaluates the model under the PUBLISHED version of the policy and records the decision: the
 * canonical input and its hash, the result and its hash, the gate outcome for `action`, and the
 * sign-off when given. The audit entry (`signoff`, or `evaluation.record` without a sign-off) is
 * written in the same transaction. Reading the input inside the write transaction means the stored
 * input is exactly the data the decision saw, even with concurrent imports.
 */
export function recordDecision(db: Db, req: RecordDecisionInput): RecordedDecision {
  const { asOf, signoff } = checkRequest(req);
  return transaction(db, () => {
    const { row, policy } = getPublishedPolicy(db, req.policyId);
    requireAction(policy, req.action);
    const raw = getModelInput(db, req.modelId, req.policyId);
    if (!raw) throw new DomainError("NOT_FOUND", `no model "${req.modelId}"`);
    const inputText = canonicalJson(raw);
    // Evaluate what is stored, not the in-memory object: replay then starts from the same bytes.
    const input = ModelInput.parse(JSON.parse(inputText));
    const result = evaluate(policy, input, { asOf });
    const resultText = canonicalJson(result);
    const gate = gateFor(result, req.action);
    const at = new Date().toISOString();
    const inserted = db
      .insert(decisions)
      .values({
        modelId: req.modelId,
        policyVersionId: row.id,
        action: req.action,
        asOf,
        inputHash: sha256Hex(inputText),
        input: inputText,
        resultHash: sha256Hex(resultText),
        result: resultText,
        outcome: gate.outcome,
        signoff: signoff?.outcome ?? null,
        rationale: signoff?.rationale ?? null,
        conditions: signoff?.conditions ?? null,
        decidedBy: req.actor,
        createdAt: at,
      })
      .returning()
      .get();
    const decision = toDecision(inserted, row);
    const entry = recordAudit(
      db,
      {
        actor: req.actor,
        action: signoff ? "signoff" : "evaluation.record",
        subject: `decision:${decision.id}`,
        payload: auditPayload(decision),
      },
      at,
    );
    return { decision, gate, audit: { seq: entry.seq, hash: entry.hash } };
  });
}

function auditPayload(d: Decision) {
  return {
    decision_id: d.id,
    model: d.model,
    policy: d.policy_version.policy,
    policy_version_id: d.policy_version.id,
    action: d.action,
    outcome: d.outcome,
    signoff: d.signoff,
    input_hash: d.input_hash,
    result_hash: d.result_hash,
  };
}

function versionRef(row: Pick<PolicyVersionRow, "id" | "policyId" | "version">): PolicyVersionRef {
  return { id: row.id, policy: row.policyId, version: row.version };
}

function toDecision(r: DecisionRow, pv: Pick<PolicyVersionRow, "id" | "policyId" | "version">): Decision {
  return {
    id: r.id,
    kind: r.signoff ? "signoff" : "evaluation",
    model: r.modelId,
    policy_version: versionRef(pv),
    action: r.action,
    as_of: r.asOf,
    outcome: r.outcome as GateOutcome,
    signoff: r.signoff
      ? { outcome: r.signoff, rationale: r.rationale ?? "", conditions: r.conditions }
      : null,
    decided_by: r.decidedBy,
    created_at: r.createdAt,
    input_hash: r.inputHash,
    result_hash: r.resultHash,
  };
}

function getRow(db: Db, id: number): { row: DecisionRow; pv: PolicyVersionRow } {
  const hit = db
    .select({ d: decisions, pv: policyVersions })
    .from(decisions)
    .innerJoin(policyVersions, eq(decisions.policyVersionId, policyVersions.id))
    .where(eq(decisions.id, id))
    .get();
  if (!hit) throw new DomainError("NOT_FOUND", `no decision ${id}`);
  return { row: hit.d, pv: hit.pv };
}

export function getDecision(db: Db, id: number): Decision {
  const { row, pv } = getRow(db, id);
  return toDecision(row, pv);
}

export interface DecisionFilter {
  modelId?: string;
  policyId?: string;
  /** default 100 */
  limit?: number;
}

function listRows(db: Db, filter: DecisionFilter): { d: DecisionRow; pv: PolicyVersionRow }[] {
  const conds = [];
  if (filter.modelId) conds.push(eq(decisions.modelId, filter.modelId));
  if (filter.policyId) conds.push(eq(policyVersions.policyId, filter.policyId));
  return db
    .select({ d: decisions, pv: policyVersions })
    .from(decisions)
    .innerJoin(policyVersions, eq(decisions.policyVersionId, policyVersions.id))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(decisions.id))
    .limit(filter.limit ?? 100)
    .all();
}

/** Newest first. */
export function listDecisions(db: Db, filter: DecisionFilter = {}): Decision[] {
  return listRows(db, filter).map(({ d, pv }) => toDecision(d, pv));
}

/** The audit entry that recorded a decision (subject `decision:<id>`), or undefined. */
function auditEntryOf(db: Db, id: number): StoredAuditEntry | undefined {
  const r = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.subject, `decision:${id}`))
    .orderBy(auditLog.seq)
    .limit(1)
    .get();
  return r ? toStoredAudit(r) : undefined;
}

function hashOfText(text: string): string | null {
  try {
    return contentHash(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Re-derives a decision from what it stored: the policy version's YAML (re-parsed, not from a cache)
 * and the stored input, evaluated as of the stored date. Checks, each named in `mismatches` when it
 * fails: the YAML still hashes to the version's sha256; the stored input hashes to input_hash; the
 * stored result AND the re-derived result both hash to result_hash; the re-derived gate outcome is
 * the stored one; and the decision's audit entry records the same hashes, outcome and sign-off (which
 * catches a row rewritten together with its hashes, since the entry itself is chained).
 */
export function replayDecision(db: Db, id: number): ReplayResult {
  const { row, pv } = getRow(db, id);
  const decision = toDecision(row, pv);
  const details: string[] = [];
  const failed = new Set<ReplayCheck>();
  const fail = (check: ReplayCheck, detail: string) => {
    failed.add(check);
    details.push(detail);
  };

  if (sha256Hex(pv.yaml) !== pv.sha256)
    fail("policy_hash", `policy version ${pv.id} YAML does not hash to its recorded sha256`);

  let input: ModelInput | null = null;
  let inputJson: unknown;
  try {
    inputJson = JSON.parse(row.input);
  } catch {
    fail("input_hash", "the stored input is not JSON");
  }
  if (inputJson !== undefined) {
    if (contentHash(inputJson) !== row.inputHash)
      fail("input_hash", "the stored input does not hash to input_hash");
    const parsed = ModelInput.safeParse(inputJson);
    if (parsed.success) input = parsed.data;
    else details.push("the stored input is not a valid model input: the result cannot be re-derived");
  }

  const storedResultHash = hashOfText(row.result);
  if (storedResultHash !== row.resultHash)
    fail("result_hash", "the stored result does not hash to result_hash");

  let recomputedOutcome: GateOutcome | null = null;
  let recomputedHash: string | null = null;
  const loaded = loadPolicyText(pv.yaml, `${pv.policyId}@${pv.version}`, { expectedId: pv.policyId });
  if (!loaded.ok)
    details.push(`policy version ${pv.id} no longer validates: the result cannot be re-derived`);
  if (loaded.ok && input) {
    const result = evaluate(loaded.policy, input, { asOf: row.asOf });
    recomputedHash = contentHash(result);
    recomputedOutcome = result.gates.find((g) => g.action === row.action)?.outcome ?? null;
    if (recomputedHash !== row.resultHash)
      fail("result_hash", "the result re-derived from the stored input does not hash to result_hash");
  } else failed.add("result_hash");
  if (recomputedOutcome !== decision.outcome)
    fail("outcome", `re-derived outcome ${recomputedOutcome ?? "none"}, stored ${decision.outcome}`);

  const entry = auditEntryOf(db, id);
  if (!entry) fail("audit_entry", `no audit entry for decision:${id}`);
  else {
    const expected = canonicalJson(auditPayload(decision));
    const recorded = (() => {
      try {
        return canonicalJson(JSON.parse(entry.payload_text));
      } catch {
        return null;
      }
    })();
    const expectedAction = decision.signoff ? "signoff" : "evaluation.record";
    if (recorded !== expected || entry.action !== expectedAction || entry.actor !== decision.decided_by)
      fail("audit_entry", `audit entry ${entry.seq} does not record this decision as stored`);
  }

  const mismatches = [...failed];
  return {
    ok: mismatches.length === 0,
    decision_id: id,
    policy_hash_ok: !failed.has("policy_hash"),
    input_hash_ok: !failed.has("input_hash"),
    result_hash_ok: !failed.has("result_hash"),
    outcome_ok: !failed.has("outcome"),
    audit_entry_ok: !failed.has("audit_entry"),
    recomputed_outcome: recomputedOutcome,
    recomputed_result_hash: recomputedHash,
    mismatches,
    details,
  };
}

/**
 * Whether a decision still stands: the same model, policy and action evaluated now, on the current
 * data and the currently published version, must give the same result hash. The current result is
 * hashed with its `as_of` set to the decision's, so the calendar moving on is not by itself a change;
 * anything the date really changes (an attestation expiring, a reassessment falling due) still is.
 */
export function decisionStatus(db: Db, id: number, asOf = today()): DecisionStatus {
  const { row, pv } = getRow(db, id);
  return statusOf(db, row, pv, asOf, new Map());
}

interface CurrentEvaluation {
  published: PublishedPolicy;
  inputHash: string;
  result: Evaluation;
}
type CurrentCache = Map<string, CurrentEvaluation | null>;

/** The model under the currently published policy, now; null when the policy has no published version. */
function currentEvaluation(
  db: Db,
  modelId: string,
  policyId: string,
  asOf: string,
  cache: CurrentCache,
): CurrentEvaluation | null {
  const key = `${modelId}\u0000${policyId}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let published: PublishedPolicy;
  try {
    published = getPublishedPolicy(db, policyId);
  } catch (e) {
    if (!(e instanceof DomainError && e.code === "NOT_FOUND")) throw e;
    cache.set(key, null);
    return null;
  }
  const raw = getModelInput(db, modelId, policyId);
  if (!raw) throw new DomainError("NOT_FOUND", `no model "${modelId}"`);
  const inputText = canonicalJson(raw);
  const input = ModelInput.parse(JSON.parse(inputText));
  const out = {
    published,
    inputHash: sha256Hex(inputText),
    result: evaluate(published.policy, input, { asOf }),
  };
  cache.set(key, out);
  return out;
}

function statusOf(
  db: Db,
  row: DecisionRow,
  pv: PolicyVersionRow,
  asOf: string,
  cache: CurrentCache,
): DecisionStatus {
  const now = currentEvaluation(db, row.modelId, pv.policyId, asOf, cache);
  if (now === null) {
    return {
      decision_id: row.id,
      status: "stale",
      reasons: [`policy ${pv.policyId} has no published version any more`],
      changed: { policy_version: true, input: false, result: true, outcome: false },
      current: null,
    };
  }
  const { published, result: current } = now;
  const outcome = current.gates.find((g) => g.action === row.action)?.outcome ?? null;
  const resultHash = contentHash({ ...current, as_of: row.asOf });
  const changed = {
    policy_version: published.row.id !== pv.id,
    input: now.inputHash !== row.inputHash,
    result: resultHash !== row.resultHash,
    outcome: outcome !== row.outcome,
  };
  const reasons: string[] = [];
  if (changed.policy_version)
    reasons.push(
      `policy ${pv.policyId} v${pv.version} (version ${pv.id}) was replaced by v${published.row.version} (version ${published.row.id})`,
    );
  if (changed.result)
    reasons.push(
      changed.outcome
        ? `the evaluation changed: ${row.action} is now ${outcome ?? "not a gate of the policy"} (was ${row.outcome})`
        : `the evaluation result changed (${row.action} is still ${row.outcome})`,
    );
  else if (changed.input) reasons.push("the evidence changed, but not the evaluation result");
  return {
    decision_id: row.id,
    status: changed.result ? "stale" : "current",
    reasons,
    changed,
    current: outcome
      ? {
          policy_version: versionRef(published.row),
          as_of: asOf,
          input_hash: now.inputHash,
          result_hash: resultHash,
          outcome,
        }
      : null,
  };
}

/** Newest first, each with its status; one evaluation per model and policy, however many decisions. */
export function listDecisionsWithStatus(
  db: Db,
  filter: DecisionFilter = {},
  asOf = today(),
): (Decision & { status: DecisionStatus })[] {
  const cache: CurrentCache = new Map();
  return listRows(db, filter).map(({ d, pv }) => ({
    ...toDecision(d, pv),
    status: statusOf(db, d, pv, asOf, cache),
  }));
}

// ---------------------------------------------------------------------------------------------
// Audit log: export, pages and head, shared by the CLI, the API and the audit page.
// (Candidates for db/audit.ts; kept here so they ship with their only callers.)

/** The db query for a filter: from/to resolved to a half-open interval, then matched as text on `at`. */
export function auditQueryFor(filter: AuditFilter): AuditQuery {
  const bounds = timeBounds(filter);
  return {
    ...(bounds.from ? { from: bounds.from } : {}),
    // iterateAudit's `to` is inclusive; `at` has millisecond precision, so 1 ms before is exact.
    ...(Number.isFinite(bounds.beforeMs) ? { to: new Date(bounds.beforeMs - 1).toISOString() } : {}),
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(typeof filter.action === "string" ? { action: filter.action } : {}),
  };
}

/** Lines per chunk when streaming an export: big enough to be cheap, small enough to stay O(page). */
const EXPORT_CHUNK = 1000;

/**
 * An export as text chunks, read page by page from the db: never the whole log in memory. The SQL
 * narrows by time, actor and action; lib/audit's compiled filter has the last word (and does subject).
 */
export function* exportAuditChunks(
  db: Db,
  filter: AuditFilter,
  format: "jsonl" | "csv",
  opts: { bom?: boolean } = {},
): Generator<string> {
  if (format === "csv") yield opts.bom ? `\uFEFF${CSV_HEADER}` : CSV_HEADER;
  const matches = compileFilter(filter);
  const line = format === "csv" ? formatCsvRow : (e: StoredAuditEntry) => `${formatJsonlLine(e)}\n`;
  let chunk = "";
  let n = 0;
  for (const entry of iterateAudit(db, auditQueryFor(filter))) {
    if (!matches(entry)) continue;
    chunk += line(entry);
    if (++n % EXPORT_CHUNK === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

export interface AuditPage {
  /** newest first */
  entries: StoredAuditEntry[];
  total: number;
  offset: number;
  limit: number;
}

/** One page of the log for reading, newest first, with the number of matching entries. */
export function listAuditPage(
  db: Db,
  filter: AuditFilter,
  page: { offset?: number; limit?: number } = {},
): AuditPage {
  const q = auditQueryFor(filter);
  const conds = [];
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lte(auditLog.at, q.to));
  if (q.actor) conds.push(eq(auditLog.actor, q.actor));
  if (Array.isArray(filter.action)) conds.push(inArray(auditLog.action, filter.action));
  else if (q.action) conds.push(eq(auditLog.action, q.action));
  if (filter.subject) conds.push(eq(auditLog.subject, filter.subject));
  const where = conds.length ? and(...conds) : undefined;
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  const offset = Math.max(page.offset ?? 0, 0);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const entries = db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(limit)
    .offset(offset)
    .all()
    .map(toStoredAudit);
  return { entries, total, offset, limit };
}

function toStoredAudit(r: typeof auditLog.$inferSelect): StoredAuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    payload_text: r.payload,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

/** SCALEGATE_SIGNING_KEY: the path of an Ed25519 private key PEM (relative to cwd), or unset. */
export function signingKeyFromEnv(
  cwd = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): string | null {
  const file = env.SCALEGATE_SIGNING_KEY?.trim();
  if (!file) return null;
  try {
    return readFileSync(path.resolve(/*turbopackIgnore: true*/ cwd, file), "utf8");
  } catch {
    throw new DomainError("INTERNAL", `SCALEGATE_SIGNING_KEY: cannot read ${file}`);
  }
}

export type HeadReport =
  | { ok: true; head: ChainHead | null; signed: SignedHead | null }
  | { ok: false; verify: VerifyResult & { ok: false } };

/**
 * The head of the chain, verified first: a signature vouches for every entry behind the head, so
 * the head of a broken chain is never signed (nor reported as if it were fine).
 */
export function auditHeadReport(db: Db, signingKeyPem: string | null): HeadReport {
  const verify = verifyAuditLog(db);
  if (!verify.ok) return { ok: false, verify };
  const head = verify.head;
  return { ok: true, head, signed: head && signingKeyPem ? signHead(head, signingKeyPem) : null };
}
