import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS } from "./accounts";
import type { E2eAccount } from "./accounts";

/**
 * Policy authoring end to end: a policy author edits a shipped policy in the browser (an invalid edit
 * first, then a raised threshold and a new version label), saves a draft, reviews what it changes and
 * publishes it; a governance reviewer signs off a model under the new version; an auditor exports the
 * log, verifies it in the browser, and the CLI verifies the server's database too.
 *
 * The policy is Google DeepMind's FSF v3.0, whose CBRN CCL reads "WMDP-bio transformed score ≤ 0.20"
 * (lower is more hazardous). Raising that bar to 0.30 catches Llama 3 70B Instruct (0.244 in the
 * demo data). In the demo data alone no single number flips a gate for any model under any shipped
 * policy: every model has some capability left open for lack of evidence, which holds its gates at
 * block or pause whatever one threshold says. So the reviewer first settles the five other CCLs of that
 * model under FSF v3.0 as not reached (the test's own records, for a model and policy no other spec
 * reads); the CBRN indicator then decides its gates, and raising it turns "conditional" into "block".
 *
 * Specs share one database. This one leaves the shipped policy as it found it: at the end the author
 * publishes the original text again (a restore), so the names and numbers other specs read stay true.
 */

const POLICY = "deepmind-fsf-v3";
const NAME = "Google DeepMind Frontier Safety Framework";
const MODEL = "meta-llama-3-70b-instruct";
const NEW_LABEL = "3.0.1";
const OLD_LABEL = "3.0";
const ORIGINAL = readFileSync(path.join(import.meta.dirname, "..", "policies", `${POLICY}.yaml`), "utf8");
const SETTLED = [
  "harmful-manipulation-1",
  "ml-rd-acceleration-1",
  "ml-rd-automation-1",
  "instrumental-reasoning-1",
  "instrumental-reasoning-2",
];
const SHOTS = "test-results/screenshots";

/** 1-based number of the first line matching, searched from the line that matches `after`. */
function lineOf(pattern: RegExp, after?: RegExp): number {
  const lines = ORIGINAL.split("\n");
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const i = lines.findIndex((l, k) => k >= start && pattern.test(l));
  if (start < 0 || i < 0) throw new Error(`${POLICY}.yaml has no line ${pattern} after ${after}`);
  return i + 1;
}

// The CBRN CCL's WMDP-bio leaf, and the version label.
const BIO_LINE = lineOf(/^\s+lte: 0\.20$/, /^\s+- id: cbrn-uplift-1$/);
const VERSION_LINE = lineOf(/^version: "3\.0"$/);

async function as(browser: Browser, account: E2eAccount): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: account.state });
  return { context, page: await context.newPage() };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function gateOutcome(request: APIRequestContext, action: string): Promise<string> {
  const res = await request.get(`/api/v1/evaluations?policy=${POLICY}&model=${MODEL}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { evaluations: { gates: { action: string; outcome: string }[] }[] };
  const gate = body.evaluations[0]?.gates.find((g) => g.action === action);
  if (!gate) throw new Error(`no ${action} gate for ${MODEL} under ${POLICY}`);
  return gate.outcome;
}

/** Puts the cursor at the end of a line with the editor's "Go to line" and checks it is that line. */
async function endOfLine(page: Page, line: number, text: RegExp): Promise<void> {
  await page.getByLabel("Go to line").fill(String(line));
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page.locator(".cm-activeLine")).toHaveText(text);
  await page.keyboard.press("End");
}

const problems = (page: Page) => page.getByRole("list", { name: "Problems in the policy" });

test.describe("policy authoring", () => {
  test("author edits, reviews and publishes; a reviewer signs off under it; an auditor verifies the log", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    mkdirSync(SHOTS, { recursive: true });
    const origin = { origin: baseURL! };
    const author = await as(browser, ACCOUNTS.policy_author);
    const reviewer = await as(browser, ACCOUNTS.reviewer);
    const auditor = await as(browser, ACCOUNTS.auditor);

    await test.step("setup: the reviewer settles the model's other CCLs as not reached", async () => {
      for (const threshold of SETTLED) {
        const res = await reviewer.page.request.post("/api/v1/determinations", {
          headers: origin,
          data: {
            model: MODEL,
            policy: POLICY,
            threshold,
            outcome: "not_reached",
            rationale: "e2e authoring: settled so that the CBRN indicator decides the gates",
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      }
      expect(await gateOutcome(reviewer.page.request, "deploy-external")).toBe("conditional");
    });

    const { page } = author;
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      // The site has no favicon yet; that 404 is not the editor's.
      if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    let draftId = 0;
    let signoffId = 0;

    await test.step("the author opens the editor from the policy page", async () => {
      await page.goto(`/policies/${POLICY}`);
      await page.getByRole("link", { name: "Edit policy" }).click();
      await expect(page).toHaveURL(`/policies/${POLICY}/edit`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${NAME} v${OLD_LABEL}`);
      const editor = page.getByRole("textbox", { name: `YAML of ${NAME} v${OLD_LABEL}` });
      await expect(editor).toBeVisible();
      await expect(editor).toHaveAttribute("aria-describedby", /\S+ \S+/);
      await expect(page.getByText("No problems: the policy is valid.")).toBeVisible();
      // Versions: the shipped text is the published one, by the shipped-policy author.
      const versions = page.getByRole("table", { name: /Every stored version of deepmind-fsf-v3/ });
      await expect(versions.getByRole("row").filter({ hasText: "published (in force)" })).toContainText(
        "scalegate (shipped policy)",
      );
      expect(await seriousViolations(page)).toEqual([]);
    });

    await test.step("an invalid edit shows its line; fixing it clears it", async () => {
      await endOfLine(page, BIO_LINE, /^\s+lte: 0\.20$/);
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Backspace");
      await page.keyboard.type("3x");
      await expect(problems(page)).toContainText(`line ${BIO_LINE}: `);
      await expect(problems(page)).toContainText("lte");
      await expect(page.locator(".cm-lint-marker-error").first()).toBeVisible();
      await expect(page.getByRole("button", { name: "Save draft" })).toBeDisabled();
      await page.keyboard.press("Backspace");
      await expect(page.locator(".cm-activeLine")).toHaveText(/^\s+lte: 0\.3$/);
      await expect(problems(page)).toHaveCount(0);
    });

    await test.step("the version label changes, and the draft is saved", async () => {
      await endOfLine(page, VERSION_LINE, /^version: "3\.0"$/);
      await page.keyboard.press("ArrowLeft");
      await page.keyboard.type(".1");
      await page.keyboard.press("Escape");
      await expect(page.locator(".cm-activeLine")).toHaveText(`version: "${NEW_LABEL}"`);
      await expect(page.getByText("No problems: the policy is valid.")).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/policy-editor.png`, fullPage: true });

      await page.getByRole("button", { name: "Save draft" }).click();
      const saved = page.getByRole("status").filter({ hasText: "Saved as draft" });
      await expect(saved).toContainText(`(version ${NEW_LABEL})`);
      draftId = Number(/draft (\d+)/.exec(await saved.innerText())?.[1]);
      expect(draftId).toBeGreaterThan(0);
      await expect(page).toHaveURL(`/policies/${POLICY}/edit?draft=${draftId}`);
      const versions = page.getByRole("table", { name: /Every stored version of deepmind-fsf-v3/ });
      await expect(versions.getByRole("row", { name: new RegExp(`^#${draftId} `) })).toContainText(
        ACCOUNTS.policy_author.email,
      );
    });

    await test.step("the review shows the new number and the gate that flips", async () => {
      await page.getByRole("button", { name: "Review changes" }).click();
      const review = page.getByRole("region", { name: `Review of draft ${draftId} (version ${NEW_LABEL})` });
      await expect(review).toContainText("1 of them with a different gate outcome", { timeout: 30_000 });
      const flips = review.getByRole("region", { name: "Gate outcomes that would change" });
      await expect(flips).toContainText(MODEL);
      await expect(flips).toContainText(
        "deploy-external: conditional → block; would now stop deploy-external (block)",
      );
      await expect(flips.getByRole("link", { name: MODEL })).toHaveAttribute(
        "href",
        `/models/${MODEL}?policy=${POLICY}#gates`,
      );
      // The number itself, old and new, in the comparison.
      const numbers = review
        .getByRole("region", { name: "Numbers and levels changed, table" })
        .getByRole("row")
        .filter({ hasText: "safetywashing.wmdp_bio" });
      await expect(numbers).toHaveCount(1);
      await expect(numbers.getByRole("cell").nth(1)).toHaveText("0.2");
      await expect(numbers.getByRole("cell").nth(2)).toHaveText("→ 0.3");
      await review.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/policy-review.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    });

    await test.step("publish, after a confirmation that names the label and the models", async () => {
      await page.getByRole("button", { name: "Publish…" }).click();
      const confirm = page.getByRole("group", { name: `Publish version ${NEW_LABEL}?` });
      await expect(confirm).toContainText(`replacing version ${OLD_LABEL}`);
      await expect(confirm).toContainText(
        /\d+ of \d+ models would read differently; 1 of them with a different gate outcome/,
      );
      await confirm.getByRole("button", { name: `Publish version ${NEW_LABEL}` }).click();
      await expect(page.getByRole("status").filter({ hasText: "Published version" })).toContainText(
        `Published version ${NEW_LABEL} of ${NAME}`,
      );
      await expect(page).toHaveURL(`/policies/${POLICY}/edit`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${NAME} v${NEW_LABEL}`);
      expect(await gateOutcome(page.request, "deploy-external")).toBe("block");
      expect(consoleErrors).toEqual([]);
    });

    await test.step("the reviewer signs off the model under the new version", async () => {
      const rp = reviewer.page;
      await rp.goto(`/models/${MODEL}?policy=${POLICY}`);
      await expect(
        rp.getByRole("heading", { level: 2, name: `Levels under ${NAME} v${NEW_LABEL}` }),
      ).toBeVisible();
      await expect(rp.locator("#gates")).toContainText("block");
      // The sign-off form on the model page, as a reviewer would use it.
      const form = rp.getByRole("form", { name: "Record a sign-off" });
      await form.getByLabel("Gate action").selectOption("deploy-external");
      await form.getByLabel("Outcome").selectOption("block");
      await form.getByLabel("Rationale").fill(`e2e: CBRN CCL not ruled out under FSF v${NEW_LABEL}`);
      const [res] = await Promise.all([
        rp.waitForResponse((r) => /\/api\/v1\/decisions$/.test(r.url()) && r.request().method() === "POST"),
        form.getByRole("button", { name: "Record sign-off" }).click(),
      ]);
      expect(res.status(), await res.text()).toBe(201);
      const { decision } = (await res.json()) as {
        decision: {
          id: number;
          outcome: string;
          signoff: { outcome: string } | null;
          policy_version: { policy: string; version: string };
        };
      };
      expect(decision.policy_version).toMatchObject({ policy: POLICY, version: NEW_LABEL });
      expect(decision.outcome).toBe("block");
      expect(decision.signoff?.outcome).toBe("block");
      await expect(form.getByRole("status")).toContainText(`Recorded decision #${decision.id}`);
      await expect(rp.locator(`#decision-${decision.id}`)).toContainText("current");
      signoffId = decision.id;

      await rp.goto("/audit");
      const row = rp
        .getByRole("table", { name: /most recent decisions/ })
        .getByRole("row")
        .filter({ hasText: String(decision.id) })
        .filter({ hasText: MODEL })
        .first();
      await expect(row).toContainText(`${POLICY} v${NEW_LABEL}`);
      await expect(row).toContainText("block");
    });

    await test.step("the auditor exports the log and verifies it, in the browser and with the CLI", async () => {
      const ap = auditor.page;
      await ap.goto("/audit");
      const [download] = await Promise.all([
        ap.waitForEvent("download"),
        ap.getByRole("link", { name: "Export JSONL" }).click(),
      ]);
      const file = path.join("test-results", "e2e", "authoring-audit.jsonl");
      await download.saveAs(file);
      const entries = readFileSync(file, "utf8")
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as { action: string; subject: string; payload: Record<string, unknown> });
      const publish = entries.find((e) => e.action === "policy.publish" && e.payload.version === NEW_LABEL);
      expect(publish?.subject).toBe(`policy:${POLICY}`);
      expect(entries.filter((e) => e.action === "signoff").map((e) => e.subject)).toContain(
        `decision:${signoffId}`,
      );

      const server = (await (await ap.request.get("/api/v1/audit/verify")).json()) as {
        ok: boolean;
        count: number;
      };
      expect(server.ok).toBe(true);
      await ap.getByRole("button", { name: "Verify chain" }).click();
      await expect(ap.getByText(/Chain intact: \d+ entries verified in this browser/)).toBeVisible({
        timeout: 20_000,
      });

      const db = process.env.E2E_DATABASE_FILE;
      expect(db, "playwright.config.ts publishes the server's database as E2E_DATABASE_FILE").toBeTruthy();
      for (const args of [
        ["audit", "verify"],
        ["audit", "verify", "--file", file],
      ]) {
        const cli = spawnSync(process.execPath, ["--import", "tsx", "cli/main.ts", "--db", db!, ...args], {
          encoding: "utf8",
        });
        expect(cli.status, `${args.join(" ")}: ${cli.stdout}${cli.stderr}`).toBe(0);
      }
    });

    await test.step("restore: the original text is published again", async () => {
      const created = await page.request.post(`/api/v1/policies/${POLICY}/drafts`, {
        headers: origin,
        data: { yaml: ORIGINAL },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { draft } = (await created.json()) as { draft: { policy_version_id: number } };
      const restored = await page.request.post(
        `/api/v1/policies/${POLICY}/drafts/${draft.policy_version_id}/publish`,
        { headers: origin, data: {} },
      );
      expect(restored.status(), await restored.text()).toBe(200);
      const current = (await (await page.request.get(`/api/v1/policies/${POLICY}`)).json()) as {
        yaml: string;
      };
      expect(current.yaml).toBe(ORIGINAL);
    });

    await Promise.all([author.context.close(), reviewer.context.close(), auditor.context.close()]);
  });

  test("a draft can be discarded; it stays in the list and can no longer be published", async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await as(browser, ACCOUNTS.policy_author);
    const yaml = ORIGINAL.replace(/^version: "3\.0"$/m, 'version: "3.0-discard"');
    const res = await page.request.post(`/api/v1/policies/${POLICY}/drafts`, {
      headers: { origin: baseURL! },
      data: { yaml },
    });
    expect(res.status(), await res.text()).toBe(201);
    const id = ((await res.json()) as { draft: { policy_version_id: number } }).draft.policy_version_id;

    await page.goto(`/policies/${POLICY}/edit?draft=${id}`);
    await expect(page.getByText(`Showing draft ${id} (version 3.0-discard)`)).toBeVisible();
    await page.getByRole("button", { name: "Discard draft…" }).click();
    const confirm = page.getByRole("group", { name: `Discard draft ${id}?` });
    await expect(confirm.getByRole("heading")).toBeFocused();
    await confirm.getByRole("button", { name: `Discard draft ${id}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Discarded draft" })).toContainText(
      `Discarded draft ${id} (version 3.0-discard)`,
    );
    await expect(page).toHaveURL(`/policies/${POLICY}/edit`);
    const versions = page.getByRole("table", { name: /Every stored version of deepmind-fsf-v3/ });
    await expect(versions.getByRole("row", { name: new RegExp(`^#${id} `) })).toContainText(
      "discarded draft",
    );
    const publish = await page.request.post(`/api/v1/policies/${POLICY}/drafts/${id}/publish`, {
      headers: { origin: baseURL! },
      data: {},
    });
    expect(publish.status()).toBe(409);
    await context.close();
  });

  test("an administrator may publish but not edit: the text is read only, Save draft absent", async ({
    page,
  }) => {
    await page.goto(`/policies/${POLICY}/edit`);
    await expect(page.getByRole("note").filter({ hasText: "can edit the text" })).toContainText(
      "You are signed in as administrator.",
    );
    await expect(page.getByRole("textbox", { name: /^YAML of / })).toHaveAttribute("aria-readonly", "true");
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Publish…" })).toBeDisabled();
    await expect(page.getByText("Publish: Only a saved draft can be published")).toBeVisible();
  });

  test("a viewer sees the editor read only, with who may change the policy", async ({ browser }) => {
    const { context, page } = await as(browser, ACCOUNTS.viewer);
    await page.goto(`/policies/${POLICY}/edit`);
    await expect(
      page.getByRole("note").filter({ hasText: "Policy authors can edit a policy" }),
    ).toContainText("You are signed in as viewer.");
    await expect(page.getByRole("textbox", { name: /^YAML of / })).toHaveAttribute("aria-readonly", "true");
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);
    // Keyboard users can leave the editor: Tab moves on, it does not indent.
    await page.getByRole("textbox", { name: /^YAML of / }).focus();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("textbox", { name: /^YAML of / })).not.toBeFocused();
    await context.close();
  });
});
