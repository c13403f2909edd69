import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const POLICY = "anthropic-rsp-v2-2";
const OPUS = "claude-opus-4-20250514";
const SONNET = "claude-sonnet-4-20250514";
const PAIR = `/compare?models=${OPUS},${SONNET}&policy=${POLICY}`;

test.describe("compare", () => {
  test("two models side by side, the differences marked in words", async ({ page }) => {
    await page.goto(PAIR);
    await expect(page.getByRole("heading", { level: 1, name: "Compare models" })).toBeVisible();
    const table = page.getByRole("table", {
      name: `${OPUS} vs ${SONNET} under Anthropic Responsible Scaling Policy`,
    });
    await expect(table.getByRole("columnheader")).toHaveText(["Measure", OPUS, SONNET]);

    // Overall: Opus 4 at ASL-3 (CBRN-3 not ruled out, by Anthropic's determination), Sonnet 4 at ASL-4
    // (AI R&D thresholds left open for lack of evidence).
    const overall = table.getByRole("row", { name: /^Level before mitigation ≠ differs/ }).first();
    await expect(overall.getByRole("rowheader")).toContainText("differs");
    await expect(
      overall.getByRole("link", { name: `${OPUS}, Overall level before mitigation: asl-3` }),
    ).toBeVisible();
    await expect(
      overall.getByRole("link", { name: `${SONNET}, Overall level before mitigation: asl-4` }),
    ).toBeVisible();

    const cbrn3 = table.getByRole("row", { name: /^CBRN-3 \(before mitigation\)/ });
    await expect(cbrn3.getByRole("rowheader")).toContainText("≠ differs");
    await expect(cbrn3.getByRole("cell").first()).toContainText("cannot rule out (determined)");
    await expect(cbrn3.getByRole("cell").nth(1)).toContainText("not reached (determined)");
    await expect(
      cbrn3.getByRole("link", {
        name: new RegExp(`^${OPUS}, CBRN-3 \\(before mitigation\\): cannot rule out`),
      }),
    ).toHaveAttribute("href", `/models/${OPUS}?policy=${POLICY}#threshold-cbrn-3`);

    // A row where both agree carries no marker; values are printed with their threshold.
    const cyber = table.getByRole("row", { name: /^Cyber operations \(watch list\) \(before mitigation\)/ });
    await expect(cyber.getByRole("rowheader")).not.toContainText("differs");
    await expect(cyber.getByRole("cell").first()).toContainText(
      /cybench\.unguided = [\d.]+ \(threshold ≥ 0\.5\)/,
    );

    await page.screenshot({ path: "test-results/screenshots/compare.png", fullPage: true });
  });

  test("the picker adds a model to the URL; remove takes it out", async ({ page }) => {
    await page.goto(PAIR);
    await page.getByLabel("Add a model", { exact: true }).fill("gpt-4o-2024-05-13");
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page).toHaveURL(`/compare?models=${OPUS},${SONNET},gpt-4o-2024-05-13&policy=${POLICY}`);
    await expect(page.getByRole("columnheader", { name: "gpt-4o-2024-05-13" })).toBeVisible();

    await page.getByLabel("Add a model", { exact: true }).fill("not a model");
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "No model is called" })).toHaveText(
      'No model is called "not a model". Pick one from the list.',
    );

    await page.getByRole("link", { name: `Remove ${SONNET} from the comparison` }).click();
    await expect(page).toHaveURL(`/compare?models=${OPUS},gpt-4o-2024-05-13&policy=${POLICY}`);
    await expect(page.getByRole("columnheader", { name: SONNET })).toHaveCount(0);
  });

  test("only the rows that differ", async ({ page }) => {
    await page.goto(PAIR);
    await page.getByRole("link", { name: "Show only the rows that differ" }).click();
    await expect(page).toHaveURL(/[?&]diff=only\b/);
    const heads = page.locator("tbody th[scope=row]");
    await expect(heads.first()).toBeVisible();
    for (const text of await heads.allInnerTexts()) expect(text).toContain("differs");
  });

  test("every policy when none is chosen", async ({ page }) => {
    await page.goto(`/compare?models=${OPUS},${SONNET}`);
    await expect(page.getByLabel("Policy", { exact: true })).toHaveValue("");
    await expect(page.getByRole("table")).toHaveCount(6); // one per published policy
    await page.getByLabel("Policy", { exact: true }).selectOption("deepmind-fsf-v3");
    await expect(page).toHaveURL(`/compare?models=${OPUS},${SONNET}&policy=deepmind-fsf-v3`);
    await expect(page.getByRole("table")).toHaveCount(1);
  });

  test("unknown model ids are named; fewer than two models asks for more", async ({ page }) => {
    await page.goto(`/compare?models=${OPUS},no-such-model,gpt-99`);
    await expect(page.getByRole("alert").filter({ hasText: "Unknown model" })).toContainText(
      "Unknown model ids: no-such-model, gpt-99.",
    );
    await expect(page.getByText(`Choose at least two models to compare (${OPUS} is chosen).`)).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    test.setTimeout(120_000); // axe over a few hundred linked cells takes a while
    await page.goto(PAIR);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    ).toEqual([]);
  });
});
