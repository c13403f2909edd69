import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
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

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change it records:
 * if this insert fails, the change rolls back with it.
 */
export function recordAudit(db: Db, rec: AuditRecord, at = new Date().toISOString()): StoredAuditEntry {
  const head = db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  const stored = toStoredEntry(appendEntry(head ?? null, { ...rec, at }));
  db.insert(auditLog)
    .values({
      seq: stored.seq,
      at: stored.at,
      actor: stored.actor,
      action: stored.action,
      subject: stored.subject,
      payload: stored.payload_text,
      prevHash: stored.prev_hash,
      hash: stored.hash,
    })
    .run();
  return stored;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
}

function toStored(r: typeof auditLog.$inferSelect): StoredAuditEntry {
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

/** Entries in seq order, page by page so a large log is never held whole. */
export function* iterateAudit(db: Db, q: AuditQuery = {}, pageSize = 5000): Generator<StoredAuditEntry> {
  const conds = [];
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lte(auditLog.at, q.to));
  if (q.actor) conds.push(eq(auditLog.actor, q.actor));
  if (q.action) conds.push(eq(auditLog.action, q.action));
  let after = 0;
  for (;;) {
    const rows = db
      .select()
      .from(auditLog)
      .where(and(gte(auditLog.seq, after + 1), ...conds))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize)
      .all();
    for (const r of rows) yield toStored(r);
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
