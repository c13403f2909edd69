import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { fingerprint, openTempDb, tempDir, removeTemp } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";
import { iterateAudit, verifyAuditLog } from "./audit";
import { MODELS, POLICY, seedGateFixtures } from "./decisions.test-fixtures";
import { getPublishedPolicy, SHIPPED_POLICY_ACTOR, syncShippedPolicies } from "./policies";
import {
  createDraft,
  discardDraft,
  getDraft,
  listVersions,
  publishDraft,
  retirePolicy,
  reviewDraft,
  updateDraft,
} from "./policy-drafts";
import { getSnapshot } from "./snapshot";

/** The shipped text of the fixtures' policy (openai-preparedness-v2, `version: "2"`). */
const SHIPPED = readFileSync(path.join("policies", `${POLICY}.yaml`), "utf8");
const CYBER_LEAF = /(metric: cybench\.unguided\n\s+gte: )0\.5/;

/** The shipped text with another version label and, optionally, another cyber High cut-off. */
function variant(version: string, cyberGte = "0.5", text = SHIPPED): string {
  if (!text.includes('version: "2"\n') || !CYBER_LEAF.test(text)) throw new Error("fixture text moved");
  return text.replace('version: "2"\n', `version: "${version}"\n`).replace(CYBER_LEAF, `$1${cyberGte}`);
}

const AUTHOR = "author@example.org";
const OTHER = "other@example.org";

let open: TempDb[] = [];
let dirs: string[] = [];
afterEach(() => {
  for (const t of open) t.dispose();
  for (const d of dirs) removeTemp(d);
  open = [];
  dirs = [];
});

function fixtureDb(): TempDb {
  const t = openTempDb();
  open.push(t);
  seedGateFixtures(t.db);
  return t;
}

function entries(t: TempDb) {
  return [...iterateAudit(t.db)].map((e) => ({ ...e, payload: JSON.parse(e.payload_text) as unknown }));
}

function rowCount(t: TempDb, where = "1"): number {
  return (
    t.db.$client.prepare(`SELECT count(*) AS n FROM policy_versions WHERE ${where}`).get() as { n: number }
  ).n;
}

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

describe("createDraft", () => {
  it("stores a draft and its policy.draft entry naming the published version it starts from", () => {
    const t = fixtureDb();
    const published = getPublishedPolicy(t.db, POLICY).row;
    const { row, supersededBy } = createDraft(t.db, {
      policyId: POLICY,
      yaml: variant("2.1"),
      actor: AUTHOR,
    });
    expect(row).toMatchObject({
      policyId: POLICY,
      version: "2.1",
      status: "draft",
      author: AUTHOR,
      publishedAt: null,
      yaml: variant("2.1"),
    });
    expect(supersededBy).toBeNull();
    const last = entries(t).at(-1)!;
    expect(last).toMatchObject({ actor: AUTHOR, action: "policy.draft", subject: `policy:${POLICY}` });
    expect(last.payload).toEqual({
      policy_id: POLICY,
      draft_id: row.id,
      version: "2.1",
      sha256: row.sha256,
      base_version_id: published.id,
    });
    // the published version is untouched
    expect(getPublishedPolicy(t.db, POLICY).row.id).toBe(published.id);
  });

  it("may start from the published text unchanged (the editor's starting point)", () => {
    const t = fixtureDb();
    const { row } = createDraft(t.db, { policyId: POLICY, yaml: SHIPPED, actor: AUTHOR });
    expect(row.sha256).toBe(getPublishedPolicy(t.db, POLICY).row.sha256);
  });

  it("a new policy id with nothing published is allowed (base_version_id null)", () => {
    const t = fixtureDb();
    const yaml = SHIPPED.replace(`id: ${POLICY}\n`, "id: acme-frontier-policy\n");
    const { row } = createDraft(t.db, { policyId: "acme-frontier-policy", yaml, actor: AUTHOR });
    expect(row.policyId).toBe("acme-frontier-policy");
    expect(entries(t).at(-1)!.payload).toMatchObject({ base_version_id: null, draft_id: row.id });
  });

  const invalid = [
    {
      label: "YAML syntax error (a duplicate key)",
      yaml: SHIPPED.replace('version: "2"\n', 'version: "2.1"\ntitle: again\n'),
      line: 23,
      message: /YAML syntax/,
    },
    {
      label: "a schema problem (unknown key)",
      yaml: SHIPPED.replace('version: "2"\n', 'version: "2.1"\nversoin: "x"\n'),
      line: 23,
      message: /unknown key "versoin"/,
    },
    {
      label: "a value of the wrong type",
      yaml: variant("2.1", "high"),
      line: 189,
      message: /gte/,
    },
    {
      label: "the id of another policy",
      yaml: SHIPPED.replace(`id: ${POLICY}\n`, "id: deepmind-fsf-v3\n"),
      line: 20,
      message: /id "deepmind-fsf-v3" must be "openai-preparedness-v2", the policy this draft belongs to/,
    },
  ];
  for (const row of invalid) {
    it(`${row.label} → VALIDATION located by line and column; nothing stored, nothing logged`, () => {
      const t = fixtureDb();
      const before = fingerprint(t.db, t.file);
      const versions = rowCount(t);
      const e = domainError(() => createDraft(t.db, { policyId: POLICY, yaml: row.yaml, actor: AUTHOR }));
      expect(e.code).toBe("VALIDATION");
      expect(e.issues.length).toBeGreaterThan(0);
      for (const i of e.issues) expect(i.path).toMatch(/^line \d+, column \d+$/);
      const hit = e.issues.find((i) => row.message.test(i.message));
      expect(hit, JSON.stringify(e.issues)).toBeDefined();
      expect(hit!.path).toMatch(new RegExp(`^line ${row.line}, column \\d+$`));
      expect(rowCount(t)).toBe(versions);
      expect(fingerprint(t.db, t.file)).toEqual(before);
    });
  }

  it("empty text, a non-string, a bad policy id or no actor → VALIDATION, nothing stored", () => {
    const t = fixtureDb();
    const before = fingerprint(t.db, t.file);
    const cases = [
      () => createDraft(t.db, { policyId: POLICY, yaml: "  \n", actor: AUTHOR }),
      () => createDraft(t.db, { policyId: POLICY, yaml: 42 as unknown as string, actor: AUTHOR }),
      () => createDraft(t.db, { policyId: "Not An Id", yaml: SHIPPED, actor: AUTHOR }),
      () => createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: " " }),
    ];
    for (const c of cases) expect(domainError(c).code).toBe("VALIDATION");
    expect(fingerprint(t.db, t.file)).toEqual(before);
  });

  it("a second draft with the very same text → CONFLICT naming the first", () => {
    const t = fixtureDb();
    const first = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const e = domainError(() => createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: OTHER }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toContain(`draft ${first.id}`);
    expect(rowCount(t, "status = 'draft'")).toBe(1);
  });
});

describe("updateDraft", () => {
  it("replaces the text and logs policy.draft with the previous hash; the author stays", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const { row } = updateDraft(t.db, d.id, { yaml: variant("2.2", "0.4"), actor: OTHER });
    expect(row).toMatchObject({ id: d.id, version: "2.2", status: "draft", author: AUTHOR });
    expect(row.sha256).not.toBe(d.sha256);
    const last = entries(t).at(-1)!;
    expect(last).toMatchObject({ actor: OTHER, action: "policy.draft" });
    expect(last.payload).toMatchObject({ draft_id: d.id, version: "2.2", previous_sha256: d.sha256 });
  });

  it("the same text again changes nothing and logs nothing", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const before = fingerprint(t.db, t.file);
    updateDraft(t.db, d.id, { yaml: variant("2.1"), actor: AUTHOR });
    expect(fingerprint(t.db, t.file)).toEqual(before);
  });

  it("invalid text → VALIDATION, the stored draft and the log unchanged", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const before = fingerprint(t.db, t.file);
    const e = domainError(() => updateDraft(t.db, d.id, { yaml: "schema: nope\n", actor: AUTHOR }));
    expect(e.code).toBe("VALIDATION");
    expect(e.issues[0]!.path).toMatch(/^line \d+, column \d+$/);
    expect(fingerprint(t.db, t.file)).toEqual(before);
    expect(getDraft(t.db, d.id).row.yaml).toBe(variant("2.1"));
  });

  it("a published row, a discarded draft or an unknown id is not a draft", () => {
    const t = fixtureDb();
    const published = getPublishedPolicy(t.db, POLICY).row;
    expect(
      domainError(() => updateDraft(t.db, published.id, { yaml: variant("9"), actor: AUTHOR })).code,
    ).toBe("CONFLICT");
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    discardDraft(t.db, d.id, AUTHOR);
    const e = domainError(() => updateDraft(t.db, d.id, { yaml: variant("2.2"), actor: AUTHOR }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/discarded draft/);
    expect(domainError(() => updateDraft(t.db, 9999, { yaml: variant("2.2"), actor: AUTHOR })).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("listVersions and getDraft", () => {
  it("every row of the policy, newest first, with status, author and dates", () => {
    const t = fixtureDb();
    const shipped = getPublishedPolicy(t.db, POLICY).row;
    const a = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const b = createDraft(t.db, { policyId: POLICY, yaml: variant("2.2", "0.4"), actor: OTHER }).row;
    publishDraft(t.db, b.id, AUTHOR);
    discardDraft(t.db, a.id, AUTHOR);
    const rows = listVersions(t.db, POLICY);
    expect(rows.map((r) => [r.id, r.status, r.author, r.publishedAt === null])).toEqual([
      [b.id, "published", OTHER, false],
      [a.id, "retired", AUTHOR, true],
      [shipped.id, "retired", SHIPPED_POLICY_ACTOR, false],
    ]);
    expect(listVersions(t.db, "no-such-policy")).toEqual([]);
  });

  it("getDraft scoped to a policy: another policy's row is NOT_FOUND", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    expect(getDraft(t.db, d.id, POLICY).row.id).toBe(d.id);
    expect(domainError(() => getDraft(t.db, d.id, "deepmind-fsf-v3")).code).toBe("NOT_FOUND");
    expect(domainError(() => getDraft(t.db, Number.NaN)).code).toBe("NOT_FOUND");
  });
});

describe("publishDraft", () => {
  it("retires the published version, publishes the draft, logs policy.publish; evaluations use the new version", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    const before = getSnapshot(t.db, "2026-07-01");
    expect(before.evaluations.get(POLICY)!.get(MODELS.conditional)!.policy_version_id).toBe(old.id);
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1", "0.25"), actor: AUTHOR }).row;
    // a draft changes no evaluation
    expect(
      getSnapshot(t.db, "2026-07-01").evaluations.get(POLICY)!.get(MODELS.conditional)!.policy_version_id,
    ).toBe(old.id);

    const r = publishDraft(t.db, d.id, OTHER);
    expect(r.replaced).toBe(old.id);
    expect(r.row).toMatchObject({ id: d.id, status: "published", version: "2.1" });
    expect(r.row.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(getPublishedPolicy(t.db, POLICY).row.id).toBe(d.id);
    expect(getDraft(t.db, old.id).row.status).toBe("retired");
    const last = entries(t).at(-1)!;
    expect(last).toMatchObject({ actor: OTHER, action: "policy.publish", subject: `policy:${POLICY}` });
    expect(last.payload).toEqual({
      policy_id: POLICY,
      version: "2.1",
      policy_version_id: d.id,
      sha256: d.sha256,
      replaces: old.id,
    });

    const after = getSnapshot(t.db, "2026-07-01");
    expect(after.version).not.toBe(before.version);
    const ev = after.evaluations.get(POLICY)!.get(MODELS.conditional)!;
    expect(ev.policy_version_id).toBe(d.id);
    expect(ev.policy.version).toBe("2.1");
    expect(verifyAuditLog(t.db).ok).toBe(true);
  });

  it("CONFLICT when another version was published after the draft was made; nothing changes", () => {
    const t = fixtureDb();
    const mine = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const theirs = createDraft(t.db, { policyId: POLICY, yaml: variant("2.2", "0.4"), actor: OTHER }).row;
    publishDraft(t.db, theirs.id, OTHER);
    expect(getDraft(t.db, mine.id).supersededBy).toMatchObject({
      policy_version_id: theirs.id,
      version: "2.2",
    });
    const before = fingerprint(t.db, t.file);
    const e = domainError(() => publishDraft(t.db, mine.id, AUTHOR));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(new RegExp(`version 2\\.2 \\(policy version ${theirs.id}\\) was published on`));
    expect(fingerprint(t.db, t.file)).toEqual(before);
    // editing the stale draft does not make it current; a new draft made now is
    updateDraft(t.db, mine.id, { yaml: variant("2.3"), actor: AUTHOR });
    expect(domainError(() => publishDraft(t.db, mine.id, AUTHOR)).code).toBe("CONFLICT");
    discardDraft(t.db, mine.id, AUTHOR);
    const again = createDraft(t.db, { policyId: POLICY, yaml: variant("2.3"), actor: AUTHOR }).row;
    expect(getDraft(t.db, again.id).supersededBy).toBeNull();
    expect(publishDraft(t.db, again.id, AUTHOR).replaced).toBe(theirs.id);
  });

  it("a draft made before a shipped file was published on restart is stale too", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const dir = shippedDir([POLICY]);
    writeFileSync(path.join(dir, `${POLICY}.yaml`), variant("2.0.1", "0.45"));
    expect(syncShippedPolicies(t.db, { dir }).published).toEqual([POLICY]);
    expect(domainError(() => publishDraft(t.db, d.id, AUTHOR)).code).toBe("CONFLICT");
  });

  it("a version label used before → VALIDATION naming the version and its date; nothing changes", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2", "0.4"), actor: AUTHOR }).row;
    const before = fingerprint(t.db, t.file);
    const e = domainError(() => publishDraft(t.db, d.id, AUTHOR));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toBe(
      `version 2 was already published on ${old.publishedAt!.slice(0, 10)}; give the draft a new version`,
    );
    expect(e.issues[0]!.path).toBe("version");
    expect(fingerprint(t.db, t.file)).toEqual(before);
    // a retired version's label counts too
    const next = createDraft(t.db, { policyId: POLICY, yaml: variant("3"), actor: AUTHOR }).row;
    publishDraft(t.db, next.id, AUTHOR);
    updateDraft(t.db, d.id, { yaml: variant("2", "0.3"), actor: AUTHOR });
    discardDraft(t.db, d.id, AUTHOR);
    const again = createDraft(t.db, { policyId: POLICY, yaml: variant("2", "0.35"), actor: AUTHOR }).row;
    expect(domainError(() => publishDraft(t.db, again.id, AUTHOR)).message).toMatch(
      /^version 2 was already published/,
    );
  });

  it("the exact text of a former version under its own label restores that version; one byte more is refused", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    const next = createDraft(t.db, { policyId: POLICY, yaml: variant("3", "0.25"), actor: AUTHOR }).row;
    publishDraft(t.db, next.id, AUTHOR);
    const changed = createDraft(t.db, { policyId: POLICY, yaml: `${SHIPPED}\n`, actor: AUTHOR }).row;
    expect(domainError(() => publishDraft(t.db, changed.id, AUTHOR)).message).toMatch(
      /^version 2 was already published/,
    );
    discardDraft(t.db, changed.id, AUTHOR);

    const copy = createDraft(t.db, { policyId: POLICY, yaml: SHIPPED, actor: AUTHOR }).row;
    const r = publishDraft(t.db, copy.id, AUTHOR);
    expect(r.replaced).toBe(next.id);
    // the former row itself is published again (decisions naming it stay valid); the copy is gone
    expect(r.row).toMatchObject({ id: old.id, status: "published", version: "2", sha256: old.sha256 });
    expect(getPublishedPolicy(t.db, POLICY).row.id).toBe(old.id);
    expect(rowCount(t, `id = ${copy.id}`)).toBe(0);
    expect(entries(t).at(-1)!.payload).toEqual({
      policy_id: POLICY,
      version: "2",
      policy_version_id: old.id,
      sha256: old.sha256,
      replaces: next.id,
      restores: old.id,
      draft_id: copy.id,
    });
    // and it can be replaced (retired) again later
    const later = createDraft(t.db, { policyId: POLICY, yaml: variant("4", "0.3"), actor: AUTHOR }).row;
    expect(publishDraft(t.db, later.id, AUTHOR).replaced).toBe(old.id);
    expect(verifyAuditLog(t.db).ok).toBe(true);
  });

  it("the first version of a new policy replaces nothing", () => {
    const t = fixtureDb();
    const yaml = SHIPPED.replace(`id: ${POLICY}\n`, "id: acme-frontier-policy\n");
    const d = createDraft(t.db, { policyId: "acme-frontier-policy", yaml, actor: AUTHOR }).row;
    expect(publishDraft(t.db, d.id, AUTHOR).replaced).toBeNull();
    expect(getPublishedPolicy(t.db, "acme-frontier-policy").row.id).toBe(d.id);
    expect(getSnapshot(t.db).evaluations.get("acme-frontier-policy")?.size).toBeGreaterThan(0);
  });

  it("a published or unknown row cannot be published", () => {
    const t = fixtureDb();
    const published = getPublishedPolicy(t.db, POLICY).row;
    expect(domainError(() => publishDraft(t.db, published.id, AUTHOR)).code).toBe("CONFLICT");
    expect(domainError(() => publishDraft(t.db, 9999, AUTHOR)).code).toBe("NOT_FOUND");
  });
});

describe("discardDraft and retirePolicy", () => {
  it("discard: the draft becomes retired, never published, logged as policy.retire discarded", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    const row = discardDraft(t.db, d.id, OTHER);
    expect(row).toMatchObject({ id: d.id, status: "retired", publishedAt: null, yaml: variant("2.1") });
    expect(entries(t).at(-1)).toMatchObject({
      actor: OTHER,
      action: "policy.retire",
      payload: { policy_id: POLICY, policy_version_id: d.id, discarded: true },
    });
    expect(domainError(() => discardDraft(t.db, d.id, OTHER)).code).toBe("CONFLICT");
  });

  it("a discarded copy of the published text does not block retiring that version later", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    // twice: the second discard of the same text replaces the first discarded copy
    for (let i = 0; i < 2; i++) {
      const copy = createDraft(t.db, { policyId: POLICY, yaml: SHIPPED, actor: AUTHOR }).row;
      discardDraft(t.db, copy.id, AUTHOR);
    }
    expect(rowCount(t, `sha256 = '${old.sha256}'`)).toBe(2);
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    publishDraft(t.db, d.id, AUTHOR);
    const same = listVersions(t.db, POLICY).filter((r) => r.sha256 === old.sha256);
    expect(same.map((r) => [r.id, r.status])).toEqual([[old.id, "retired"]]);
    expect(verifyAuditLog(t.db).ok).toBe(true);
  });

  it("retirePolicy: nothing is published any more; logged; a second retire is NOT_FOUND", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    expect(retirePolicy(t.db, POLICY, AUTHOR)).toMatchObject({ id: old.id, status: "retired" });
    expect(domainError(() => getPublishedPolicy(t.db, POLICY)).code).toBe("NOT_FOUND");
    expect(entries(t).at(-1)).toMatchObject({
      action: "policy.retire",
      payload: { policy_id: POLICY, policy_version_id: old.id, discarded: false },
    });
    expect(getSnapshot(t.db).evaluations.has(POLICY)).toBe(false);
    expect(domainError(() => retirePolicy(t.db, POLICY, AUTHOR)).code).toBe("NOT_FOUND");
    expect(domainError(() => retirePolicy(t.db, "no-such-policy", AUTHOR)).code).toBe("NOT_FOUND");
  });
});

describe("reviewDraft", () => {
  it("the draft against the published version: the diff and the models whose results change", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1", "0.25"), actor: AUTHOR }).row;
    const c = reviewDraft(t.db, d.id, "2026-07-01");
    expect(c.from).toMatchObject({ policy_version_id: old.id, status: "published", version: "2" });
    expect(c.to).toMatchObject({ policy_version_id: d.id, status: "draft", version: "2.1" });
    expect(c.diff.empty).toBe(false);
    const numbers = c.diff.thresholds.changed.flatMap((x) => x.numbers);
    expect(numbers).toContainEqual(
      expect.objectContaining({ metric: "cybench.unguided", from: 0.5, to: 0.25 }),
    );
    expect(c.models.as_of).toBe("2026-07-01");
    expect(c.models.evaluated).toBeGreaterThanOrEqual(3);
    // cybench 0.3 now reaches cyber High; 0.62 was High already
    const moved = c.models.changes.map((m) => m.model);
    expect(moved).toContain(MODELS.conditional);
    expect(moved).not.toContain(MODELS.block);
  });

  it("the unchanged text reviews as empty; a bad date is VALIDATION", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: SHIPPED, actor: AUTHOR }).row;
    const c = reviewDraft(t.db, d.id, "2026-07-01");
    expect(c.diff.empty).toBe(true);
    expect(c.models.changes).toEqual([]);
    expect(domainError(() => reviewDraft(t.db, d.id, "2026-02-30")).code).toBe("VALIDATION");
  });

  it("a retired policy reviews against the version published last; a never-published one is NOT_FOUND", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    retirePolicy(t.db, POLICY, AUTHOR);
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1"), actor: AUTHOR }).row;
    expect(reviewDraft(t.db, d.id).from).toMatchObject({ policy_version_id: old.id, status: "retired" });
    const yaml = SHIPPED.replace(`id: ${POLICY}\n`, "id: acme-frontier-policy\n");
    const fresh = createDraft(t.db, { policyId: "acme-frontier-policy", yaml, actor: AUTHOR }).row;
    const e = domainError(() => reviewDraft(t.db, fresh.id));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toMatch(/has never been published/);
  });
});

/** A directory holding copies of some shipped policy files, as policies/ would on another start. */
function shippedDir(ids: string[]): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const id of ids) copyFileSync(path.join("policies", `${id}.yaml`), path.join(dir, `${id}.yaml`));
  return dir;
}

describe("syncShippedPolicies on restart", () => {
  it("a fresh database: every shipped file published, each with its policy.publish entry", () => {
    const t = openTempDb();
    open.push(t);
    const r = syncShippedPolicies(t.db);
    expect(r.invalid).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.published.length).toBeGreaterThanOrEqual(6);
    const log = entries(t);
    expect(log.map((e) => e.action)).toEqual(r.published.map(() => "policy.publish"));
    expect(log[0]).toMatchObject({ actor: SHIPPED_POLICY_ACTOR, subject: `policy:${r.published[0]}` });
    expect(log[0]!.payload).toMatchObject({ replaces: null, file: `policies/${r.published[0]}.yaml` });
    // and again: nothing to do, nothing logged
    const before = fingerprint(t.db, t.file);
    expect(syncShippedPolicies(t.db)).toEqual({ published: [], invalid: [], skipped: [] });
    expect(fingerprint(t.db, t.file)).toEqual(before);
  });

  it("a changed shipped file replaces a version the shipped file published", () => {
    const t = fixtureDb();
    const old = getPublishedPolicy(t.db, POLICY).row;
    const dir = shippedDir([POLICY]);
    writeFileSync(path.join(dir, `${POLICY}.yaml`), variant("2.0.1", "0.45"));
    expect(syncShippedPolicies(t.db, { dir })).toEqual({ published: [POLICY], invalid: [], skipped: [] });
    const now = getPublishedPolicy(t.db, POLICY).row;
    expect(now).toMatchObject({ version: "2.0.1", author: SHIPPED_POLICY_ACTOR });
    expect(entries(t).at(-1)!.payload).toMatchObject({ policy_version_id: now.id, replaces: old.id });
  });

  it("a version published through the editor is not overwritten by a restart", () => {
    const t = fixtureDb();
    const d = createDraft(t.db, { policyId: POLICY, yaml: variant("2.1", "0.4"), actor: AUTHOR }).row;
    publishDraft(t.db, d.id, AUTHOR);
    // the unchanged shipped file: its text is stored (retired), so it is not brought back
    const same = syncShippedPolicies(t.db);
    expect(same.published).toEqual([]);
    expect(same.skipped).toEqual([
      { policy: POLICY, file: `policies/${POLICY}.yaml`, reason: expect.stringMatching(/already stored/) },
    ]);
    // a changed shipped file: the author's version stays
    const dir = shippedDir([POLICY]);
    writeFileSync(path.join(dir, `${POLICY}.yaml`), variant("2.0.1", "0.45"));
    const before = fingerprint(t.db, t.file);
    const changed = syncShippedPolicies(t.db, { dir });
    expect(changed.published).toEqual([]);
    expect(changed.skipped[0]!.reason).toBe(
      `version 2.1 (policy version ${d.id}) was published through the editor (author ${AUTHOR}); the shipped file does not replace it`,
    );
    expect(fingerprint(t.db, t.file)).toEqual(before);
    expect(getPublishedPolicy(t.db, POLICY).row.id).toBe(d.id);
  });

  it("a policy an author retired stays retired, even when its shipped file changes", () => {
    const t = fixtureDb();
    retirePolicy(t.db, POLICY, AUTHOR);
    const dir = shippedDir([POLICY]);
    writeFileSync(path.join(dir, `${POLICY}.yaml`), variant("2.0.1", "0.45"));
    const r = syncShippedPolicies(t.db, { dir });
    expect(r.published).toEqual([]);
    expect(r.skipped[0]!.reason).toMatch(/the policy was retired/);
    expect(domainError(() => getPublishedPolicy(t.db, POLICY)).code).toBe("NOT_FOUND");
  });

  it("an invalid shipped file is reported and stores nothing", () => {
    const t = fixtureDb();
    const dir = shippedDir([]);
    writeFileSync(path.join(dir, `${POLICY}.yaml`), "schema: nope\n");
    const before = fingerprint(t.db, t.file);
    expect(syncShippedPolicies(t.db, { dir })).toEqual({
      published: [],
      invalid: [`policies/${POLICY}.yaml`],
      skipped: [],
    });
    expect(fingerprint(t.db, t.file)).toEqual(before);
  });
});
