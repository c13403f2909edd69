import { desc } from "drizzle-orm";
import { appendEntry, ChainVerifier, toStoredEntry } from "@/lib/audit";
import type { AuditAction, StoredAuditEntry, VerifyResult } from "@/lib/audit";
import type { Db } from "./index";
import { auditLog } from "./schema";

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  subject: string;
  payload: unknown;
}

interface AuditStatements {
  head: { get(): { seq: number; hash: string } | undefined };
  insert: { run(...values: (string | number)[]): unknown };
}

// Prepared once per connection: an append is on the path of every change, and building the query
// through the ORM each time costs several times the insert itself.
const statements = new WeakMap<object, AuditStatements>();

function auditStatements(db: Db): AuditStatements {
  let s = statements.get(db.$client);
  if (!s) {
    s = {
      head: db.$client.prepare(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
      ) as AuditStatements["head"],
      insert: db.$client.prepare(
        "INSERT INTO audit_log (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
    };
    statements.set(db.$client, s);
  }
  return s;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change it records:
 * if this insert fails, the change rolls back with it.
 */
export function recordAudit(db: Db, rec: AuditRecord, at = new Date().toISOString()): StoredAuditEntry {
  const { head, insert } = auditStatements(db);
  const stored = toStoredEntry(appendEntry(head.get() ?? null, { ...rec, at }));
  insert.run(
    stored.seq,
    stored.at,
    stored.actor,
    stored.action,
    stored.subject,
    stored.payload_text,
    stored.prev_hash,
    stored.hash,
  );
  return stored;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
}

const FILTERS = [
  ["from", "at >= ?"],
  ["to", "at <= ?"],
  ["actor", "actor = ?"],
  ["action", "action = ?"],
] as const;

const pageStatements = new WeakMap<object, Map<string, { all(...values: (string | number)[]): unknown[] }>>();

/**
 * Entries in seq order, page by page so a large log is never held whole. Plain prepared statements
 * (one per filter combination and connection): verification reads every entry, so per-row overhead
 * counts.
 */
export function* iterateAudit(db: Db, q: AuditQuery = {}, pageSize = 5000): Generator<StoredAuditEntry> {
  const used = FILTERS.filter(([k]) => q[k]);
  const sql =
    "SELECT seq, at, actor, action, subject, payload AS payload_text, prev_hash, hash FROM audit_log " +
    `WHERE seq > ?${used.map(([, c]) => ` AND ${c}`).join("")} ORDER BY seq LIMIT ?`;
  let cache = pageStatements.get(db.$client);
  if (!cache) pageStatements.set(db.$client, (cache = new Map()));
  let page = cache.get(sql);
  if (!page) cache.set(sql, (page = db.$client.prepare(sql)));
  const values = used.map(([k]) => q[k]!);
  let after = 0;
  for (;;) {
    const rows = page.all(after, ...values, pageSize) as StoredAuditEntry[];
    for (const r of rows) yield r;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export function verifyAuditLog(db: Db): VerifyResult {
  const v = new ChainVerifier();
  for (const e of iterateAudit(db)) v.push(e);
  return v.result();
}

export function auditHead(db: Db): { seq: number; hash: string; at: string } | null {
  const r = db
    .select({ seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  return r ?? null;
}
