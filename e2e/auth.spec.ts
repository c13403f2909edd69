import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS, SETUP_BASE_URL } from "./accounts";

const SIGNED_OUT = { cookies: [], origins: [] };
const MODEL = "gpt-4o-2024-05-13";

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a page sends you to /login, and back after signing in; sign-out ends it", async ({ page }) => {
    await page.goto("/models");
    await expect(page).toHaveURL(/\/login\?next=%2Fmodels$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

    await page.getByLabel("Email").fill(ACCOUNTS.reviewer.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");

    await page.getByLabel("Password").fill(ACCOUNTS.reviewer.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/models$/);
    const header = page.getByRole("banner");
    await expect(header.getByText(`${ACCOUNTS.reviewer.name} (Governance reviewer)`)).toBeVisible();

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/models");
    await expect(page).toHaveURL(/\/login\?next=%2Fmodels$/);
  });

  test("/login has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectAxeClean(page);
  });

  test("/setup is gone once accounts exist", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("the API answers 401 without credentials; the OpenAPI document stays public", async ({ request }) => {
    const models = await request.get("/api/v1/models");
    expect(models.status()).toBe(401);
    expect((await models.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);
  });
});

test.describe("reviewer", () => {
  test.use({ storageState: ACCOUNTS.reviewer.state });

  test("is offered the model page's record forms", async ({ page }) => {
    await page.goto(`/models/${MODEL}`);
    const section = page.locator("#sign-off");
    await expect(section.getByRole("heading", { name: "Record a determination" })).toBeVisible();
    await expect(section.getByRole("heading", { name: "Record a safeguard attestation" })).toBeVisible();
    await expect(section.getByRole("button").first()).toBeEnabled();
  });
});

test.describe("viewer", () => {
  test.use({ storageState: ACCOUNTS.viewer.state });

  test("is not offered the record forms, and is told who may", async ({ page }) => {
    await page.goto(`/models/${MODEL}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Record a determination" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Record a safeguard attestation" })).toHaveCount(0);
    await expect(page.getByText(/Governance reviewers and administrators can record/).first()).toBeVisible();
  });

  test("the API refuses the viewer's write even from the dashboard's own origin", async ({
    page,
    baseURL,
  }) => {
    const res = await page.request.post("/api/v1/determinations", {
      data: {},
      headers: { origin: baseURL! },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
  });
});

test.describe("first start", () => {
  test.use({ storageState: SIGNED_OUT, baseURL: SETUP_BASE_URL });

  test("/setup: accessible, creates the first admin and signs it in, then disappears", async ({
    page,
    browser,
  }) => {
    await page.goto("/models");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { level: 1, name: "Set up Scalegate" })).toBeVisible();
    await expectAxeClean(page);

    await page.getByLabel("Your name").fill("First Admin");
    await page.getByLabel("Email").fill("first@e2e.scalegate.test");
    await page.getByLabel("Password", { exact: true }).fill("first-admin-password");
    await page.getByLabel("Repeat the password").fill("something else entirely");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByText("the two passwords differ")).toBeVisible();

    await page.getByLabel("Password", { exact: true }).fill("first-admin-password");
    await page.getByLabel("Repeat the password").fill("first-admin-password");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page).toHaveURL(`${SETUP_BASE_URL}/`);
    await expect(page.getByRole("banner").getByText("First Admin (Administrator)")).toBeVisible();

    // Only once: a stranger now gets the sign-in page, not the setup form.
    const stranger = await browser.newContext({ storageState: SIGNED_OUT, baseURL: SETUP_BASE_URL });
    const other = await stranger.newPage();
    await other.goto("/setup");
    await expect(other).toHaveURL(/\/login$/);
    await stranger.close();
  });
});
