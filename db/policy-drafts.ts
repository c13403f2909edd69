import { and, desc, eq, isNotNull, ne } from "drizzle-orm";
import { DomainError } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";
import { loadPolicyText } from "@/lib/policy";
import type { Policy, PolicyProblem } from "@/lib/policy";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { transaction } from "./index";
import type { Db } from "./index";
import { recordAudit } from "./audit";
import { sha256 } from "./ingest";
import {
  getPublishedRow,
  lastPublishedRow,
  parseStored,
  policySubject,
  retiredTwin,
  retireVersionRow,
} from "./policies";
import type { PolicyVersionRow } from "./policies";
import { policyVersions } from "./schema";
import { compareVersions } from "./policy-compare";

/**
 * Policy authoring: drafts, publishing, discarding and retiring. Every change is one immediate
 * transaction together with its audit entry (`policy.draft`, `policy.publish`, `policy.retire`,
 * subject `policy:<id>`), so a version without its log entry, or the reverse, cannot exist.
 *
 * Lifecycle of a row of `policy_versions`: draft → published → retired, or draft → retired (discarded,
 * `published_at` stays null). Only drafts change; published and retired rows are never edited.
 *
 * A draft is stale when a version of its policy was published after the draft was made: publishing it
 * would silently replace a version its author never saw, so that is a CONFLICT. "After" is the order
 * of the audit log (each draft and each publish writes an entry in its own transaction), which is exact
 * even when two writes share a millisecond; no extra column is needed.
 */

export interface DraftInput {
  policyId: string;
  yaml: string;
  actor: string;
}

export interface SupersedingVersion {
  policy_version_id: number;
  version: string;
  published_at: string;
}

export interface DraftView {
  row: PolicyVersionRow;
  /** a version published after this draft was made (publishing the draft would be refused) */
  supersededBy: SupersedingVersion | null;
}

const POLICY_ID = /^[a-z0-9-]+$/;

function checkActor(actor: string): void {
  if (typeof actor !== "string" || actor.trim() === "")
    throw new DomainError("VALIDATION", "a policy change names who made it", [
      { path: "actor", message: "required" },
    ]);
}

function checkPolicyId(policyId: string): void {
  if (!POLICY_ID.test(policyId))
    throw new DomainError("VALIDATION", `"${policyId}" is not a policy id`, [
      { path: "id", message: "must match ^[a-z0-9-]+$" },
    ]);
}

/** Policy problems as API issues: `line 12, column 5` and the loader's message (which names the YAML path). */
export function problemIssues(problems: PolicyProblem[], policyId: string): ErrorIssue[] {
  return problems.map((p) => ({
    path: `line ${p.line}, column ${p.col}`,
    message: p.message.replace(
      /^id "([^"]*)" must equal the file name "([^"]*)"$/,
      `id "$1" must be "${policyId}", the policy this draft belongs to`,
    ),
  }));
}

/** Validates draft text for a policy id; throws VALIDATION with located issues. Stores nothing. */
export function validateDraftText(policyId: string, yaml: unknown): { policy: Policy; sha256: string } {
  checkPolicyId(policyId);
  if (typeof yaml !== "string")
    throw new DomainError("VALIDATION", "a draft needs its YAML text", [
      { path: "yaml", message: "must be a string" },
    ]);
  if (yaml.trim() === "")
    throw new DomainError("VALIDATION", "the draft is empty", [{ path: "yaml", message: "is empty" }]);
  const r = loadPolicyText(yaml, `${policyId} (draft)`, { expectedId: policyId });
  if (!r.ok) {
    const n = r.problems.length;
    throw new DomainError(
      "VALIDATION",
      `the draft of ${policyId} does not validate: ${n} problem${n === 1 ? "" : "s"}`,
      problemIssues(r.problems, policyId),
    );
  }
  return { policy: r.policy, sha256: sha256(yaml) };
}

function findRow(db: Db, id: number): PolicyVersionRow | undefined {
  return db.select().from(policyVersions).where(eq(policyVersions.id, id)).get();
}

/**
 * One stored version by id. With `policyId`, a row of another policy is NOT_FOUND too (the API
 * addresses drafts under their policy). A non-integer id is NOT_FOUND, not a crash.
 */
export function getVersionRow(db: Db, id: number, policyId?: string): PolicyVersionRow {
  const row = Number.isSafeInteger(id) && id > 0 ? findRow(db, id) : undefined;
  if (!row || (policyId !== undefined && row.policyId !== policyId))
    throw new DomainError(
      "NOT_FOUND",
      policyId === undefined ? `no policy version ${id}` : `policy ${policyId} has no draft ${id}`,
    );
  return row;
}

function requireDraft(row: PolicyVersionRow): void {
  if (row.status !== "draft")
    throw new DomainError(
      "CONFLICT",
      `policy version ${row.id} is ${row.status === "retired" && row.publishedAt === null ? "a discarded draft" : row.status}, not a draft`,
    );
}

function identicalDraft(
  db: Db,
  policyId: string,
  hash: string,
  except?: number,
): PolicyVersionRow | undefined {
  return db
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.policyId, policyId),
        eq(policyVersions.sha256, hash),
        eq(policyVersions.status, "draft"),
        ...(except === undefined ? [] : [ne(policyVersions.id, except)]),
      ),
    )
    .get();
}

function refuseIdenticalDraft(db: Db, policyId: string, hash: string, except?: number): void {
  const twin = identicalDraft(db, policyId, hash, except);
  if (twin)
    throw new DomainError(
      "CONFLICT",
      `draft ${twin.id} of ${policyId} already holds this exact text; edit that draft instead`,
      [{ path: "yaml", message: `identical to draft ${twin.id}` }],
    );
}

/** The seq of the entry that created the draft (its first `policy.draft` entry). */
function draftCreatedSeq(db: Db, row: PolicyVersionRow): number | null {
  const r = db.$client
    .prepare(
      `SELECT min(seq) AS seq FROM audit_log
        WHERE action = 'policy.draft' AND subject = ? AND json_extract(payload, '$.draft_id') = ?`,
    )
    .get(policySubject(row.policyId), row.id) as { seq: number | null } | undefined;
  return r?.seq ?? null;
}

/**
 * The newest version of the draft's policy published after the draft was made, or null. Ordered by the
 * audit log; for a draft without its creation entry (written by other means) by the timestamps.
 */
export function supersedingVersion(db: Db, row: PolicyVersionRow): SupersedingVersion | null {
  if (row.status !== "draft") return null;
  const seq = draftCreatedSeq(db, row);
  let newer: PolicyVersionRow | undefined;
  if (seq !== null) {
    const hit = db.$client
      .prepare(
        `SELECT json_extract(payload, '$.policy_version_id') AS id FROM audit_log
          WHERE action = 'policy.publish' AND subject = ? AND seq > ?
          ORDER BY seq DESC LIMIT 1`,
      )
      .get(policySubject(row.policyId), seq) as { id: number | null } | undefined;
    if (hit?.id != null) newer = findRow(db, hit.id);
  } else {
    const last = lastPublishedRow(db, row.policyId);
    if (last?.publishedAt && last.publishedAt > row.createdAt) newer = last;
  }
  if (!newer?.publishedAt) return null;
  return { policy_version_id: newer.id, version: newer.version, published_at: newer.publishedAt };
}

export function getDraft(db: Db, draftId: number, policyId?: string): DraftView {
  const row = getVersionRow(db, draftId, policyId);
  return { row, supersededBy: supersedingVersion(db, row) };
}

/**
 * Stores a new draft of a policy. The text must validate and its `id:` must be `policyId`; a policy id
 * nothing was published under yet starts a new policy. Nothing is stored when it does not validate.
 */
export function createDraft(db: Db, input: DraftInput): DraftView {
  checkActor(input.actor);
  const { policy, sha256: hash } = validateDraftText(input.policyId, input.yaml);
  const row = transaction(db, () => {
    refuseIdenticalDraft(db, input.policyId, hash);
    const base = getPublishedRow(db, input.policyId);
    const at = new Date().toISOString();
    const inserted = db
      .insert(policyVersions)
      .values({
        policyId: input.policyId,
        version: policy.version,
        yaml: input.yaml,
        sha256: hash,
        author: input.actor,
        status: "draft",
        createdAt: at,
      })
      .returning()
      .get();
    recordAudit(
      db,
      {
        actor: input.actor,
        action: "policy.draft",
        subject: policySubject(input.policyId),
        payload: {
          policy_id: input.policyId,
          draft_id: inserted.id,
          version: policy.version,
          sha256: hash,
          base_version_id: base?.id ?? null,
        },
      },
      at,
    );
    return inserted;
  });
  return { row, supersededBy: null };
}

/**
 * Replaces a draft's text. Only a draft changes; the same validation as createDraft. The row keeps its
 * author (who started it); each editor is named by the draft's audit entries. Saving the text
 * it already holds changes nothing and writes no entry. The draft keeps its place in time: a version
 * published since it was made still makes it stale.
 */
export function updateDraft(db: Db, draftId: number, input: { yaml: string; actor: string }): DraftView {
  checkActor(input.actor);
  const current = getVersionRow(db, draftId);
  requireDraft(current);
  const { policy, sha256: hash } = validateDraftText(current.policyId, input.yaml);
  const row = transaction(db, () => {
    const row = getVersionRow(db, draftId);
    requireDraft(row);
    if (row.sha256 === hash) return row;
    refuseIdenticalDraft(db, row.policyId, hash, row.id);
    const updated = db
      .update(policyVersions)
      .set({ yaml: input.yaml, sha256: hash, version: policy.version })
      .where(eq(policyVersions.id, row.id))
      .returning()
      .get();
    recordAudit(db, {
      actor: input.actor,
      action: "policy.draft",
      subject: policySubject(row.policyId),
      payload: {
        policy_id: row.policyId,
        draft_id: row.id,
        version: policy.version,
        sha256: hash,
        previous_sha256: row.sha256,
      },
    });
    return updated;
  });
  return { row, supersededBy: supersedingVersion(db, row) };
}

/** Every stored version of a policy (drafts, published, retired, discarded drafts), newest first. */
export function listVersions(db: Db, policyId: string): PolicyVersionRow[] {
  return db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .orderBy(desc(policyVersions.id))
    .all();
}

export interface PublishResult {
  row: PolicyVersionRow;
  policy: Policy;
  /** the version it replaced (now retired), or null for a policy's first version */
  replaced: number | null;
}

/**
 * Publishes a draft, in one immediate transaction: the draft must still be a draft and not stale, its
 * `version:` label must be new for the policy (unless the draft is the exact text of the former version
 * that carries the label: then that version is restored); the current published version is retired and
 * the draft becomes the published version. Evaluations from then on name the new policy version id.
 */
export function publishDraft(db: Db, draftId: number, actor: string): PublishResult {
  checkActor(actor);
  return transaction(db, () => {
    const row = getVersionRow(db, draftId);
    requireDraft(row);
    const newer = supersedingVersion(db, row);
    if (newer)
      throw new DomainError(
        "CONFLICT",
        `version ${newer.version} (policy version ${newer.policy_version_id}) was published on ${newer.published_at.slice(0, 10)} after draft ${row.id} was made; review your draft against it and save it again as a new draft`,
      );
    // validated again: a draft saved under older rules may no longer pass (VALIDATION, not a crash)
    const { policy } = validateDraftText(row.policyId, row.yaml);
    const reused = db
      .select()
      .from(policyVersions)
      .where(
        and(
          eq(policyVersions.policyId, row.policyId),
          eq(policyVersions.version, row.version),
          isNotNull(policyVersions.publishedAt),
          ne(policyVersions.id, row.id),
        ),
      )
      .orderBy(policyVersions.publishedAt)
      .get();
    // The exact text of a former version under its own label is a restore, not a reused label: that
    // row is published again (decisions that named it stay valid) and the draft, a copy of it, removed.
    const restore =
      reused && reused.sha256 === row.sha256 && reused.status === "retired" ? reused : undefined;
    if (reused && !restore)
      throw new DomainError(
        "VALIDATION",
        `version ${row.version} was already published on ${reused.publishedAt!.slice(0, 10)}; give the draft a new version`,
        [
          {
            path: "version",
            message: `"${row.version}" is the label of policy version ${reused.id} (${reused.status})`,
          },
        ],
      );
    const current = getPublishedRow(db, row.policyId);
    if (current) retireVersionRow(db, current);
    const at = new Date().toISOString();
    if (restore) db.delete(policyVersions).where(eq(policyVersions.id, row.id)).run();
    const published = db
      .update(policyVersions)
      .set({ status: "published", publishedAt: at })
      .where(eq(policyVersions.id, restore?.id ?? row.id))
      .returning()
      .get();
    recordAudit(
      db,
      {
        actor,
        action: "policy.publish",
        subject: policySubject(row.policyId),
        payload: {
          policy_id: row.policyId,
          version: row.version,
          policy_version_id: published.id,
          sha256: row.sha256,
          replaces: current?.id ?? null,
          ...(restore ? { restores: restore.id, draft_id: row.id } : {}),
        },
      },
      at,
    );
    return { row: published, policy, replaced: current?.id ?? null };
  });
}

/**
 * Discards a draft: it becomes `retired` without ever having been published (`published_at` null), so
 * its text stays on record. Only one retired row per text is kept: when the same text is already
 * stored retired, the older discarded copy is removed (a former published version is never removed;
 * then this draft is the copy removed).
 */
export function discardDraft(db: Db, draftId: number, actor: string): PolicyVersionRow {
  checkActor(actor);
  return transaction(db, () => {
    const row = getVersionRow(db, draftId);
    requireDraft(row);
    const twin = retiredTwin(db, row);
    let keptAs: number | null = null;
    let out: PolicyVersionRow;
    if (twin && twin.publishedAt !== null) {
      // The text is exactly a former published version, which stays; this copy goes.
      db.delete(policyVersions).where(eq(policyVersions.id, row.id)).run();
      keptAs = twin.id;
      out = { ...row, status: "retired" };
    } else {
      retireVersionRow(db, row);
      out = findRow(db, row.id)!;
    }
    recordAudit(db, {
      actor,
      action: "policy.retire",
      subject: policySubject(row.policyId),
      payload: {
        policy_id: row.policyId,
        policy_version_id: row.id,
        version: row.version,
        sha256: row.sha256,
        discarded: true,
        ...(keptAs !== null ? { kept_as: keptAs } : {}),
      },
    });
    return out;
  });
}

/** Retires the published version of a policy without a successor: nothing is published for it any more. */
export function retirePolicy(db: Db, policyId: string, actor: string): PolicyVersionRow {
  checkActor(actor);
  return transaction(db, () => {
    const current = getPublishedRow(db, policyId);
    if (!current) throw new DomainError("NOT_FOUND", `no published policy "${policyId}"`);
    retireVersionRow(db, current);
    recordAudit(db, {
      actor,
      action: "policy.retire",
      subject: policySubject(policyId),
      payload: {
        policy_id: policyId,
        policy_version_id: current.id,
        version: current.version,
        sha256: current.sha256,
        discarded: false,
      },
    });
    return findRow(db, current.id)!;
  });
}

/**
 * A draft's review: the draft (`to`) against the version it would replace (`from`): the published
 * version, or, for a retired policy, the version published last. A policy that was never published
 * has nothing to compare with: NOT_FOUND (a comparison of the draft with itself would read "no
 * changes", which is not true of a new policy).
 */
export function reviewDraft(db: Db, draftId: number, asOf?: string): PolicyComparison {
  const row = getVersionRow(db, draftId);
  requireDraft(row);
  const from = getPublishedRow(db, row.policyId) ?? lastPublishedRow(db, row.policyId);
  if (!from)
    throw new DomainError(
      "NOT_FOUND",
      `policy "${row.policyId}" has never been published: there is no version to compare draft ${row.id} with`,
    );
  return compareVersions(
    db,
    { row: from, policy: parseStored(from) },
    { row, policy: validateDraftText(row.policyId, row.yaml).policy },
    asOf,
  );
}
