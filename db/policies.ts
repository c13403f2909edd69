import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { and, asc, desc, eq, isNotNull } from "drizzle-orm";
import { loadPolicyText } from "@/lib/policy";
import type { Policy, PolicyProblem } from "@/lib/policy";
import { DomainError } from "@/lib/errors";
import { transaction } from "./index";
import type { Db } from "./index";
import { recordAudit } from "./audit";
import { policyVersions } from "./schema";
import { sha256 } from "./ingest";

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

export interface PublishedPolicy {
  row: PolicyVersionRow;
  policy: Policy;
}

export function shippedPolicyDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "policies");
}

/** The shipped policy files, validated; invalid ones come back with their problems. */
export function readPolicyDir(
  dir: string = shippedPolicyDir(),
): { file: string; text: string; policy?: Policy; problems: PolicyProblem[] }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const file = `policies/${f}`;
      const text = readFileSync(path.join(dir, f), "utf8");
      const r = loadPolicyText(text, file, { expectedId: f.replace(/\.yaml$/, "") });
      return r.ok ? { file, text, policy: r.policy, problems: [] } : { file, text, problems: r.problems };
    });
}

const parsed = new Map<string, Policy>();

/** A stored version's policy, parsed once per text. Stored text that no longer validates is a bug (INTERNAL). */
export function parseStored(row: PolicyVersionRow): Policy {
  const hit = parsed.get(row.sha256);
  if (hit) return hit;
  const r = loadPolicyText(row.yaml, `${row.policyId}@${row.version}`, { expectedId: row.policyId });
  if (!r.ok)
    throw new DomainError(
      "INTERNAL",
      `stored policy ${row.policyId} v${row.version} no longer validates: ${r.problems[0]?.message}`,
    );
  parsed.set(row.sha256, r.policy);
  return r.policy;
}

/** Who publishes the shipped files: the author of every row `syncShippedPolicies` writes. */
export const SHIPPED_POLICY_ACTOR = "scalegate (shipped policy)";

export interface SkippedPolicyFile {
  policy: string;
  file: string;
  reason: string;
}

export interface SyncReport {
  /** policy ids whose shipped file became the published version */
  published: string[];
  /** files that do not validate (nothing stored) */
  invalid: string[];
  /** files that differ from the published version but were deliberately not published */
  skipped: SkippedPolicyFile[];
}

/**
 * Publishes each shipped policy file (policies/*.yaml) that is new, so a fresh database gets every
 * policy and an updated file replaces the version an earlier file published. It never overrides a
 * person: a file is published only when
 *  - its text was never stored for that policy (no published, retired, draft or discarded row has it:
 *    a restart does not bring back a version that was replaced or retired), and
 *  - the current published version, if any, was itself published from the shipped file (a version an
 *    author published through the editor stays), and
 *  - the policy was not retired by an author (published once, nothing published now).
 * Otherwise the file is returned in `skipped` with the reason. Each publish retires the version it
 * replaces and writes its `policy.publish` audit entry in the same transaction, so evaluations keep
 * naming the exact version they used.
 */
export function syncShippedPolicies(db: Db, opts: { dir?: string; actor?: string } = {}): SyncReport {
  const actor = opts.actor ?? SHIPPED_POLICY_ACTOR;
  const out: SyncReport = { published: [], invalid: [], skipped: [] };
  for (const f of readPolicyDir(opts.dir)) {
    if (!f.policy) {
      out.invalid.push(f.file);
      continue;
    }
    const policy = f.policy;
    const hash = sha256(f.text);
    const result = transaction(db, (): "unchanged" | "published" | { reason: string } => {
      const current = getPublishedRow(db, policy.id);
      if (current?.sha256 === hash) return "unchanged";
      const stored = db
        .select()
        .from(policyVersions)
        .where(and(eq(policyVersions.policyId, policy.id), eq(policyVersions.sha256, hash)))
        .orderBy(desc(policyVersions.id))
        .get();
      if (stored)
        return {
          reason: `this text is already stored as ${describeRow(stored)}; a restart does not publish it again`,
        };
      if (current && current.author !== actor)
        return {
          reason: `version ${current.version} (policy version ${current.id}) was published through the editor (author ${current.author}); the shipped file does not replace it`,
        };
      if (!current) {
        const last = lastPublishedRow(db, policy.id);
        if (last)
          return {
            reason: `the policy was retired (version ${last.version}, policy version ${last.id}, is no longer published); the shipped file does not bring it back`,
          };
      }
      const at = new Date().toISOString();
      if (current) retireVersionRow(db, current);
      const row = db
        .insert(policyVersions)
        .values({
          policyId: policy.id,
          version: policy.version,
          yaml: f.text,
          sha256: hash,
          author: actor,
          status: "published",
          createdAt: at,
          publishedAt: at,
        })
        .returning()
        .get();
      recordAudit(
        db,
        {
          actor,
          action: "policy.publish",
          subject: policySubject(policy.id),
          payload: {
            policy_id: policy.id,
            version: policy.version,
            policy_version_id: row.id,
            sha256: hash,
            replaces: current?.id ?? null,
            file: f.file,
          },
        },
        at,
      );
      return "published";
    });
    if (result === "published") out.published.push(policy.id);
    else if (typeof result === "object")
      out.skipped.push({ policy: policy.id, file: f.file, reason: result.reason });
  }
  return out;
}

/** The audit subject of every policy change. */
export function policySubject(policyId: string): string {
  return `policy:${policyId}`;
}

/** "published policy version 3 (version 2.0)", "a discarded draft (policy version 9, version 3.5)" … */
export function describeRow(row: PolicyVersionRow): string {
  const what =
    row.status === "retired" && row.publishedAt === null
      ? "a discarded draft"
      : row.status === "draft"
        ? "a draft"
        : `the ${row.status} version`;
  return `${what} (policy version ${row.id}, version ${row.version})`;
}

/** The retired row holding the same text of the same policy (at most one: the table's unique index). */
export function retiredTwin(db: Db, row: PolicyVersionRow): PolicyVersionRow | undefined {
  return db
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.policyId, row.policyId),
        eq(policyVersions.sha256, row.sha256),
        eq(policyVersions.status, "retired"),
      ),
    )
    .get();
}

/**
 * Marks a published (or draft) row retired. The table keeps one row per (policy, text, status), so a
 * discarded draft holding the very same text is removed first: the bytes stay stored in this row, and
 * a discarded draft is never referenced by a decision. Two formerly published versions with one text
 * cannot both be kept retired: that is a CONFLICT (it cannot arise from this code, whose publishes
 * refuse a text or label used before).
 */
export function retireVersionRow(db: Db, row: PolicyVersionRow): { removedDuplicate: number | null } {
  const twin = retiredTwin(db, row);
  let removedDuplicate: number | null = null;
  if (twin && twin.id !== row.id) {
    if (twin.publishedAt !== null)
      throw new DomainError(
        "CONFLICT",
        `policy version ${row.id} cannot be retired: its text is already stored as ${describeRow(twin)}`,
      );
    db.delete(policyVersions).where(eq(policyVersions.id, twin.id)).run();
    removedDuplicate = twin.id;
  }
  db.update(policyVersions).set({ status: "retired" }).where(eq(policyVersions.id, row.id)).run();
  return { removedDuplicate };
}

export function getPublishedRow(db: Db, policyId: string): PolicyVersionRow | undefined {
  return db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, policyId), eq(policyVersions.status, "published")))
    .orderBy(desc(policyVersions.id))
    .get();
}

/** The version published most recently, whatever its status now (published, or retired since). */
export function lastPublishedRow(db: Db, policyId: string): PolicyVersionRow | undefined {
  return db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, policyId), isNotNull(policyVersions.publishedAt)))
    .orderBy(desc(policyVersions.publishedAt), desc(policyVersions.id))
    .get();
}

export function getPublishedPolicy(db: Db, policyId: string): PublishedPolicy {
  const row = getPublishedRow(db, policyId);
  if (!row) throw new DomainError("NOT_FOUND", `no published policy "${policyId}"`);
  return { row, policy: parseStored(row) };
}

export function listPublishedPolicies(db: Db): PublishedPolicy[] {
  return db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.status, "published"))
    .orderBy(asc(policyVersions.policyId))
    .all()
    .map((row) => ({ row, policy: parseStored(row) }));
}

export function getPolicyVersion(db: Db, id: number): PublishedPolicy {
  const row = db.select().from(policyVersions).where(eq(policyVersions.id, id)).get();
  if (!row) throw new DomainError("NOT_FOUND", `no policy version ${id}`);
  return { row, policy: parseStored(row) };
}
