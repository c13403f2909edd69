import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

test.describe("first page", () => {
  test("lists every shipped policy with its levels and thresholds", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Shipped policies" })).toBeVisible();
    const policies = page.locator("section.panel h2");
    await expect(policies).toHaveCount(4);
    await expect(page.getByRole("heading", { name: /Preparedness Framework/ }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: /Responsible Scaling Policy/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Frontier Safety Framework/ })).toBeVisible();
    // An illustrative number is marked as such, never passed off as the framework's own.
    await expect(page.getByText("illustrative", { exact: true }).first()).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/");
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
});
