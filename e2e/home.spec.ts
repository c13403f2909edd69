import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

test.describe("home page", () => {
  test("is the overview: policies, filters, legend, matrices", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto("/");
    await expect(page).toHaveTitle(/Overview/);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Overview", "Compare", "Policies", "Ingest"])
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();

    // Every published policy can be chosen; the first is the default.
    const policy = page.getByLabel("Policy", { exact: true });
    await expect(policy.locator("option")).toHaveText([
      "Anthropic Responsible Scaling Policy",
      "Anthropic Responsible Scaling Policy (2026)",
      "Google DeepMind Frontier Safety Framework",
      "Google DeepMind Frontier Safety Framework (2026)",
      /OpenAI Preparedness Framework/,
      /OpenAI Preparedness Framework/,
    ]);
    await expect(page.getByRole("search", { name: "Filter models" })).toBeVisible();
    await expect(page.getByRole("definition")).toHaveText([
      "missing evidence",
      "cannot be ruled out",
      "early warning",
      "human determination",
      "determination disagrees with the indicators",
    ]);
    await expect(
      page.getByRole("list", { name: /^Levels of Anthropic Responsible Scaling Policy/ }),
    ).toContainText("ASL-3 Standard required");
    await expect(
      page.getByRole("heading", { level: 2, name: "Overall level under every policy" }),
    ).toBeVisible();
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    test.setTimeout(120_000); // axe over a few hundred linked cells takes a while
    await page.goto("/");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
});
