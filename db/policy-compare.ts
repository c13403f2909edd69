import { asc, desc, eq, isNotNull, or } from "drizzle-orm";
import { evaluate } from "@/lib/engine";
import { compareEvaluations } from "@/lib/engine/what-if";
import type { ModelChange } from "@/lib/engine/what-if";
import type { Policy } from "@/lib/policy";
import { diffPolicies } from "@/lib/policy/diff";
import { reverseLineageRenames } from "@/lib/policy/lineage";
import type { ComparedVersion, PolicyComparison } from "@/lib/api/policy-compare";
import { CalendarDate } from "@/lib/api/schemas";
import { DomainError } from "@/lib/errors";
import type { Db } from "./index";
import { getPolicyVersion, getPublishedPolicy } from "./policies";
import type { PublishedPolicy } from "./policies";
import { policyVersions } from "./schema";
import { allModelInputs, getSnapshot } from "./snapshot";

/**
 * "What changed" between two stored versions of a framework, shared by `GET /api/v1/policies/compare`
 * and the /policies/diff page. A version is named by a ref: a policy id (its published version) or the
 * numeric id of a `policy_versions` row (any status: a retired version, a draft).
 */

export type CompareParam = "from" | "to";

const POLICY_ID = /^[a-z0-9-]+$/;
const VERSION_ID = /^[0-9]+$/;

/** One stored version as the version pickers list it. */
export interface StoredVersion {
  /** what to put in `from=` / `to=`: the policy id for the published version, the row id otherwise */
  ref: string;
  policy_version_id: number;
  policy_id: string;
  title: string;
  version: string;
  status: "published" | "retired";
  /** when it was published here (an ISO timestamp) */
  published_at: string | null;
  publisher: string;
  /** the framework's own dates */
  published: string;
  effective: string | null;
  supersedes: string | null;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Every version that is or was published, by policy id, newest first within a policy. Drafts and
 * discarded drafts (retired without ever being published) are left out: they were never in force. They
 * can still be compared by their row id.
 */
export function listStoredVersions(db: Db): StoredVersion[] {
  const rows = db
    .select()
    .from(policyVersions)
    .where(or(eq(policyVersions.status, "published"), isNotNull(policyVersions.publishedAt)))
    .orderBy(asc(policyVersions.policyId), desc(policyVersions.publishedAt), desc(policyVersions.id))
    .all()
    .filter((r) => r.status !== "draft");
  return rows.map((row) => {
    const { policy } = getPolicyVersion(db, row.id);
    const published = row.status === "published";
    return {
      ref: published ? row.policyId : String(row.id),
      policy_version_id: row.id,
      policy_id: row.policyId,
      title: policy.title,
      version: row.version,
      status: published ? "published" : "retired",
      published_at: row.publishedAt,
      publisher: policy.publisher,
      published: policy.published,
      effective: policy.effective ?? null,
      supersedes: policy.supersedes ?? null,
    };
  });
}

/** The stored version a ref names. VALIDATION for a malformed ref, NOT_FOUND naming it for an unknown one. */
export function resolveVersionRef(db: Db, ref: string, param: CompareParam): PublishedPolicy {
  const value = ref.trim();
  if (VERSION_ID.test(value)) {
    const id = Number(value);
    try {
      if (!Number.isSafeInteger(id) || id < 1) throw new DomainError("NOT_FOUND", "");
      return getPolicyVersion(db, id);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== "NOT_FOUND") throw e;
      const message = `no stored policy version ${value}`;
      throw new DomainError("NOT_FOUND", `${param}: ${message}`, [{ path: param, message }]);
    }
  }
  if (!POLICY_ID.test(value)) {
    const message = "must be a policy id (lowercase letters, digits and -) or a numeric policy version id";
    throw new DomainError("VALIDATION", `invalid ${param} "${ref}"`, [{ path: param, message }]);
  }
  try {
    return getPublishedPolicy(db, value);
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== "NOT_FOUND") throw e;
    const message = `no published policy "${value}"`;
    throw new DomainError("NOT_FOUND", `${param}: ${message}`, [{ path: param, message }]);
  }
}

/**
 * The ref of the version `to` supersedes (its published version), for a `from` left out. null when `to`
 * declares no predecessor or its predecessor is not published here.
 */
export function supersededRef(db: Db, to: PublishedPolicy): string | null {
  const prev = to.policy.supersedes;
  if (!prev) return null;
  try {
    return getPublishedPolicy(db, prev).row.policyId;
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

function compared({ row, policy }: PublishedPolicy): ComparedVersion {
  return {
    policy_id: row.policyId,
    title: policy.title,
    version: row.version,
    policy_version_id: row.id,
    status: row.status,
    sha256: row.sha256,
  };
}

/**
 * The models whose level, required safeguards or gate outcomes differ. Both sides currently published
 * and as of today: read from the shared evaluation snapshot, which every page already keeps warm;
 * otherwise every model is evaluated under both versions (db/what-if.ts does the same).
 */
function modelChanges(
  db: Db,
  from: PublishedPolicy,
  to: PublishedPolicy,
  asOf: string,
): { evaluated: number; changes: ModelChange[] } {
  if (asOf === today()) {
    const snapshot = getSnapshot(db);
    const a = snapshot.policies.find((p) => p.row.id === from.row.id);
    const b = snapshot.policies.find((p) => p.row.id === to.row.id);
    if (snapshot.asOf === asOf && a && b) {
      const ea = [...(snapshot.evaluations.get(a.policy.id)?.values() ?? [])];
      const eb = [...(snapshot.evaluations.get(b.policy.id)?.values() ?? [])];
      return { evaluated: eb.length, changes: compareEvaluations(ea, eb) };
    }
  }
  return evaluateBoth(db, from.policy, to.policy, asOf);
}

/** Every model under both versions, each reading the records of its own policy id. */
export function evaluateBoth(
  db: Db,
  from: Policy,
  to: Policy,
  asOf: string,
): { evaluated: number; changes: ModelChange[] } {
  const a = allModelInputs(db, from.id).map((i) => evaluate(from, i, { asOf }));
  const b = allModelInputs(db, to.id).map((i) => evaluate(to, i, { asOf }));
  return { evaluated: b.length, changes: compareEvaluations(a, b) };
}

/** Two resolved versions side by side. */
export function compareVersions(
  db: Db,
  from: PublishedPolicy,
  to: PublishedPolicy,
  asOf: string = today(),
): PolicyComparison {
  const day = CalendarDate.safeParse(asOf);
  if (!day.success)
    throw new DomainError("VALIDATION", `invalid as_of "${asOf}"`, [
      { path: "as_of", message: day.error.issues[0]?.message ?? "must be a date written YYYY-MM-DD" },
    ]);
  // Compared backwards (newer → older), the threshold lineage sits on the `from` side.
  const renames = reverseLineageRenames(from.policy, to.policy);
  const models = modelChanges(db, from, to, asOf);
  return {
    from: compared(from),
    to: compared(to),
    diff: diffPolicies(from.policy, to.policy, renames),
    models: { evaluated: models.evaluated, as_of: asOf, changes: models.changes },
  };
}

/** `from` and `to` as refs (see above); `from` left out is the version `to` supersedes. */
export function comparePolicyRefs(
  db: Db,
  refs: { from?: string | undefined; to: string; as_of?: string | undefined },
): PolicyComparison {
  const to = resolveVersionRef(db, refs.to, "to");
  let fromRef = refs.from;
  if (fromRef === undefined) {
    fromRef = supersededRef(db, to) ?? undefined;
    if (fromRef === undefined) {
      const message = to.policy.supersedes
        ? `${to.row.policyId} supersedes "${to.policy.supersedes}", which is not published here: name a version to compare with`
        : `${to.row.policyId} supersedes no policy: name a version to compare with`;
      throw new DomainError("VALIDATION", `from: ${message}`, [{ path: "from", message }]);
    }
  }
  const from = resolveVersionRef(db, fromRef, "from");
  return compareVersions(db, from, to, refs.as_of);
}
