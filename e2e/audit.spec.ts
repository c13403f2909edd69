import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * The server's database, as playwright.config.ts publishes it to the workers. Accounts are made there
 * with the CLI, as an operator would.
 */
const DB_FILE =
  process.env.E2E_DATABASE_FILE ??
  process.env.E2E_DATABASE_URL ??
  path.join(os.tmpdir(), `scalegate-e2e-${process.ppid}.db`);
const PASSWORD = "e2e audit password 1";
const USERS = {
  admin: { email: "e2e-audit-admin@example.org", role: "admin" },
  reviewer: { email: "e2e-audit-reviewer@example.org", role: "reviewer" },
} as const;
const STATE_DIR = path.join("test-results", "e2e", ".auth");
const stateFile = (who: keyof typeof USERS) => path.join(STATE_DIR, `audit-${who}.json`);

function ensureUser(who: keyof typeof USERS): void {
  const u = USERS[who];
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "cli/main.ts",
      "--db",
      DB_FILE,
      "users",
      "create",
      "--email",
      u.email,
      "--name",
      `E2E ${who}`,
      "--role",
      u.role,
      "--password-env",
      "E2E_AUDIT_PASSWORD",
    ],
    { env: { ...process.env, E2E_AUDIT_PASSWORD: PASSWORD }, encoding: "utf8" },
  );
  // A rerun against the same server finds the account already there.
  if (r.status !== 0 && !/exists|already/i.test(r.stderr))
    throw new Error(`users create ${u.email}: ${r.stderr}`);
}

test.beforeAll(async ({ baseURL }) => {
  if (!existsSync(DB_FILE)) throw new Error(`no e2e database at ${DB_FILE}; set E2E_DATABASE_URL`);
  mkdirSync(STATE_DIR, { recursive: true });
  for (const who of Object.keys(USERS) as (keyof typeof USERS)[]) {
    ensureUser(who);
    const ctx = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const res = await ctx.post("/api/auth/sign-in/email", {
      data: { email: USERS[who].email, password: PASSWORD },
    });
    expect(res.ok(), await res.text()).toBe(true);
    await ctx.storageState({ path: stateFile(who) });
    await ctx.dispose();
  }
});

/** The number of entries the page says the (filtered) log holds. */
async function shownTotal(page: Page): Promise<number> {
  const text = await page.locator("#audit-count").innerText();
  const m = /^(\d+) entr/.exec(text);
  if (!m) throw new Error(`no entry count in "${text}"`);
  return Number(m[1]);
}

test.describe("audit page (administrator)", () => {
  test.use({ storageState: stateFile("admin") });

  test("the seeded log, filtered by action, verified in the browser, exported", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const entries = page.getByRole("table", { name: /Audit log entries/ });
    await expect(entries.locator("tbody tr").first()).toBeVisible();
    const total = await shownTotal(page);
    expect(total).toBeGreaterThanOrEqual(70); // the demo seed alone writes 10 imports and 60 determinations

    // Filter by action: the URL carries it and every row shown is an import.
    await page.getByLabel("Action").selectOption("import");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]action=import\b/);
    const imports = await shownTotal(page);
    expect(imports).toBeGreaterThanOrEqual(10);
    expect(imports).toBeLessThan(total);
    const actions = await entries.locator("tbody tr td:nth-child(4)").allInnerTexts();
    expect(actions.length).toBe(Math.min(imports, 25)); // PAGE_SIZE
    expect(new Set(actions)).toEqual(new Set(["import"]));

    // Export JSONL with the same filter: a download of import entries only.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export JSONL" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^scalegate-audit-.*\.jsonl$/);
    const lines = readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(imports);
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(
      Array(imports).fill("import"),
    );

    // Verify the whole chain in the browser; the count is the server's own.
    const server = (await (await page.request.get("/api/v1/audit/verify")).json()) as {
      ok: boolean;
      count: number;
    };
    expect(server.ok).toBe(true);
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(
      page.getByText(`Chain intact: ${server.count} entries verified in this browser`),
    ).toBeVisible({
      timeout: 15_000,
    });

    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByText(/Chain intact: \d+ entries verified/)).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: "test-results/screenshots/audit.png", fullPage: true });
  });

  test("a gate decision appears with its status and replays", async ({ page, baseURL }) => {
    const models = (await (await page.request.get("/api/v1/models")).json()) as { models: { id: string }[] };
    const model = models.models[0]!.id;
    const gate = await page.request.post("/api/v1/gate", {
      data: { model, policy: "openai-preparedness-v2", action: "deploy-external" },
      headers: { origin: baseURL! },
    });
    expect(gate.status()).toBe(201);
    const { decision_id: id } = (await gate.json()) as { decision_id: number };

    await page.goto("/audit");
    const decisions = page.getByRole("table", { name: /most recent decisions/ });
    const row = decisions.locator("tbody tr").filter({ hasText: USERS.admin.email }).first();
    await expect(row).toContainText(model);
    await expect(row).toContainText("✓ current");
    await row.getByRole("button", { name: `Replay decision ${id}` }).click();
    await expect(row.getByText(/Replay ok: input and result hashes match/)).toBeVisible();

    // The decision is in the log as well.
    await page.goto("/audit?action=evaluation.record");
    await expect(page.getByRole("table", { name: /Audit log entries/ })).toContainText(`decision:${id}`);
  });

  test("50 sign-offs and imports sent at once to the server are all recorded and the chain verifies", async ({
    page,
    baseURL,
  }) => {
    const verify = async () =>
      (await (await page.request.get("/api/v1/audit/verify")).json()) as {
        ok: boolean;
        count: number;
      };
    const before = await verify();
    expect(before.ok).toBe(true);
    const models = (await (await page.request.get("/api/v1/models")).json()) as { models: { id: string }[] };
    const headers = { origin: baseURL! };
    const tag = Date.now();
    const signoffs = Array.from({ length: 25 }, (_, i) =>
      page.request.post("/api/v1/decisions", {
        headers,
        data: {
          model: models.models[i % 5]!.id,
          policy: "openai-preparedness-v2",
          action: "deploy-external",
          outcome: "block",
          rationale: `e2e concurrency ${tag} #${i}`,
        },
      }),
    );
    const imports = Array.from({ length: 25 }, (_, i) =>
      page.request.post(`/api/v1/ingest?filename=concurrent-${tag}-${i}.csv`, {
        headers: { ...headers, "content-type": "text/csv" },
        data: `model,metric,value,evaluated_at\n${models.models[i % 5]!.id},e2e.concurrent_${tag}_${i},0.${i + 1},2026-06-01\n`,
      }),
    );
    const answers = await Promise.all([...signoffs, ...imports]);
    expect(answers.map((a) => a.status())).toEqual([...Array(25).fill(201), ...Array(25).fill(200)]);

    const after = await verify();
    expect(after).toMatchObject({ ok: true, count: before.count + 50 });
    const cli = spawnSync(
      process.execPath,
      ["--import", "tsx", "cli/main.ts", "--db", DB_FILE, "audit", "verify"],
      {
        encoding: "utf8",
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByText(/Chain intact/)).toBeVisible({ timeout: 15_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
});

test.describe("audit page (governance reviewer)", () => {
  test.use({ storageState: stateFile("reviewer") });

  test("reads the log, but export and verification are for auditors and administrators", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("table", { name: /Audit log entries/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Export JSONL" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Verify chain" })).toHaveCount(0);
    await expect(page.getByText(/can export the log/)).toBeVisible();
  });
});

test.describe("signed out", () => {
  // Every project starts signed in; this test needs a visitor without a session.
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the log is not shown: the visitor is sent to sign in first", async ({ page }) => {
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/login\?next=%2Faudit/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });
});
