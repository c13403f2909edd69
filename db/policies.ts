import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { and, asc, desc, eq } from "drizzle-orm";
import { loadPolicyText } from "@/lib/policy";
import type { Policy, PolicyProblem } from "@/lib/policy";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
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
  dir = shippedPolicyDir(),
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

function parseStored(row: PolicyVersionRow): Policy {
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

/**
 * Publishes each shipped policy file whose text is not yet the published version. A file that
 * changed becomes a new published version and the old one is retired, so evaluations keep
 * naming the exact version they used.
 */
export function syncShippedPolicies(
  db: Db,
  actor = "scalegate (shipped policy)",
): { published: string[]; invalid: string[] } {
  const out = { published: [] as string[], invalid: [] as string[] };
  for (const f of readPolicyDir()) {
    if (!f.policy) {
      out.invalid.push(f.file);
      continue;
    }
    const policy = f.policy;
    const hash = sha256(f.text);
    const current = getPublishedRow(db, policy.id);
    if (current?.sha256 === hash) continue;
    db.$client
      .transaction(() => {
        if (current)
          db.update(policyVersions).set({ status: "retired" }).where(eq(policyVersions.id, current.id)).run();
        const at = new Date().toISOString();
        db.insert(policyVersions)
          .values({
            policyId: policy.id,
            version: policy.version,
            yaml: f.text,
            sha256: hash,
            author: actor,
            status: "published",
            publishedAt: at,
          })
          .run();
      })
      .immediate();
    out.published.push(policy.id);
  }
  return out;
}

function getPublishedRow(db: Db, policyId: string): PolicyVersionRow | undefined {
  return db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.policyId, policyId), eq(policyVersions.status, "published")))
    .orderBy(desc(policyVersions.id))
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
