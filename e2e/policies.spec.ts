import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** The shipped policies, as the list names them, with their level ladders lowest first. */
const SHIPPED = [
  {
    id: "anthropic-rsp-v2-2",
    name: "Anthropic Responsible Scaling Policy v2.2",
    levels: [
      "ASL-2 Standard (baseline)",
      "ASL-3 Standard required",
      "ASL-4 Standard required (expected; content not yet specified in v2.2)",
    ],
  },
  {
    id: "anthropic-rsp-v3-4",
    name: "Anthropic Responsible Scaling Policy (2026) v3.4",
    levels: [
      "Present protections (no v3.4 threshold counts)",
      "ASL-3 protections maintained",
      "Protections beyond the present ASL-3 protections",
    ],
  },
  {
    id: "deepmind-fsf-v3",
    name: "Google DeepMind Frontier Safety Framework v3.0",
    levels: ["Below all CCLs", "CCL reached or not ruled out"],
  },
  {
    id: "deepmind-fsf-v3-1",
    name: "Google DeepMind Frontier Safety Framework (2026) v3.1",
    levels: [
      "Below all T/CCLs",
      "TCL reached or not ruled out (significant harm)",
      "CCL reached or not ruled out (severe harm)",
    ],
  },
  {
    id: "openai-preparedness-beta",
    name: "OpenAI Preparedness Framework (Beta)",
    levels: ["Low", "Medium", "High", "Critical"],
  },
  {
    id: "openai-preparedness-v2",
    name: "OpenAI Preparedness Framework v2",
    levels: ["Below High", "High", "Critical"],
  },
];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("policies list", () => {
  test("lists the shipped policies with their levels and counts", async ({ page }) => {
    await page.goto("/policies");
    await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(SHIPPED.length);
    for (const p of SHIPPED) {
      const card = page.getByRole("region", { name: p.name, exact: true });
      await expect(card).toBeVisible();
      await expect(card.getByRole("list", { name: /^Levels of/ }).getByRole("listitem")).toHaveText(p.levels);
      await expect(card.getByRole("link", { name: p.name })).toHaveAttribute("href", `/policies/${p.id}`);
      await expect(card).toContainText(/Domains\s*\d+/);
      await expect(card).toContainText(/\d+ of \d+ numbers? illustrative \(\d+%\), \d+ from the framework/);
    }
    const v2 = page.getByRole("region", { name: "OpenAI Preparedness Framework v2", exact: true });
    await expect(v2.getByRole("link", { name: "OpenAI Preparedness Framework (Beta)" })).toHaveAttribute(
      "href",
      "/policies/openai-preparedness-beta",
    );
    await page.screenshot({ path: "test-results/screenshots/policies.png", fullPage: true });
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/policies");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("policy page", () => {
  test("RSP v2.2: CBRN-3 quoted with its illustrative number, gates as sentences, YAML source", async ({
    page,
  }) => {
    await page.goto("/policies/anthropic-rsp-v2-2");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Anthropic Responsible Scaling Policy v2.2",
    );

    const cbrn3 = page.locator("#threshold-cbrn-3");
    await expect(cbrn3.getByRole("heading", { level: 4 })).toContainText("CBRN-3");
    await expect(cbrn3.locator("blockquote")).toContainText(
      "The ability to significantly help individuals or groups with basic technical backgrounds",
    );
    await expect(cbrn3.locator("cite")).toContainText("ANT-RSP-v2-2-0083");
    const indicators = cbrn3.getByRole("list", { name: "Indicators of CBRN-3" });
    await expect(indicators).toContainText("safetywashing.wmdp_bio ≤ 0.2");
    await expect(indicators.getByText("illustrative", { exact: true }).first()).toBeVisible();
    // CBRN-4 names its prerequisite, and links to it.
    await expect(page.locator("#threshold-cbrn-4").getByRole("link", { name: "CBRN-3" })).toHaveAttribute(
      "href",
      "#threshold-cbrn-3",
    );

    const deploy = page.getByRole("list", { name: "Rules for Deploy, first match wins" });
    const sentences = deploy.locator("p:first-child");
    await expect(sentences.nth(1)).toHaveText(
      "if pre-mitigation level is at most ASL-2 Standard (baseline) → allow",
    );
    await expect(sentences.last()).toHaveText(/→ block$/);

    await expect(page.getByRole("heading", { name: "Security track" })).toBeVisible();
    await expect(page.locator("#cadence")).toContainText("grown 4×");

    const source = page.locator("#source details");
    await expect(source.locator("summary")).toContainText(/sha256 [0-9a-f]{64}/);
    await expect(source.locator("pre")).toBeHidden();
    await source.locator("summary").click();
    await expect(source.locator("pre")).toContainText("schema: scalegate/policy@1");
    await page.screenshot({ path: "test-results/screenshots/policy.png", fullPage: true });
  });

  test("a definition from a secondary source says so", async ({ page }) => {
    await page.goto("/policies/deepmind-fsf-v3");
    await expect(page.getByText("secondary source", { exact: true }).first()).toBeVisible();
  });

  test("an unknown id shows the not-found page", async ({ page }) => {
    await page.goto("/policies/no-such-policy");
    await expect(page.getByRole("heading", { level: 1, name: "Policy not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "See the published policies" })).toHaveAttribute(
      "href",
      "/policies",
    );
  });

  test("has no serious or critical accessibility violations, YAML source open", async ({ page }) => {
    await page.goto("/policies/anthropic-rsp-v2-2");
    await page.locator("#source summary").click();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
