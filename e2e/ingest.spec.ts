import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ACCOUNTS } from "./accounts";

// Synthetic model names, never real data. The second row's value is not a number.
const BAD =
  "model,metric,value\nsynthetic-e2e-a,cybench.unguided,0.4\nsynthetic-e2e-b,cybench.unguided,abc\n";
const GOOD = "model,metric,value\nsynthetic-e2e-a,cybench.unguided,0.4\n";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

function batchTable(page: Page) {
  return page.getByRole("table", { name: /^Import batches/ });
}

async function upload(page: Page, name: string, text: string) {
  await page
    .getByLabel("Results file")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await expect(page.getByText(`Selected: ${name}`)).toBeVisible();
  await page.getByRole("button", { name: "Upload", exact: true }).click();
}

test.describe("ingest", () => {
  test.describe.configure({ mode: "serial" });

  test("a file with a bad row is rejected whole: the row is listed and no batch appears", async ({
    page,
  }) => {
    await page.goto("/ingest");
    const rows = batchTable(page).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();

    await upload(page, "e2e-bad.csv", BAD);
    const errors = page.getByRole("table", { name: "Rejected rows of e2e-bad.csv" });
    // Row 2's value is the bad one; row 1 is fine. (On a reused database row 2's model may also be
    // flagged as a near-duplicate of synthetic-e2e-a, so other rows of the table are not pinned.)
    const row2 = errors
      .locator("tbody tr")
      .filter({ has: page.getByRole("cell", { name: "value", exact: true }) });
    await expect(row2.getByRole("cell")).toHaveText(["2", "value", 'value is not a number: "abc"']);
    await expect(errors.getByRole("cell", { name: "1", exact: true })).toHaveCount(0);
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported." })).toBeVisible();

    await expect(rows).toHaveCount(before);
    await page.screenshot({ path: "test-results/screenshots/ingest.png", fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expect(rows).toHaveCount(before);
  });

  test("a good file becomes a batch with its progress shown, and it can be rolled back", async ({ page }) => {
    // Hold the answer a moment so the progress bar can be seen while the server works.
    await page.route("**/api/v1/ingest?**", async (route) => {
      await new Promise((r) => setTimeout(r, 750));
      await route.continue();
    });
    await page.goto("/ingest");
    const table = batchTable(page);
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const before = await table.locator("tbody tr").count();

    await upload(page, "e2e-good.csv", GOOD);
    await expect(page.getByRole("progressbar", { name: /e2e-good\.csv/ })).toBeVisible();

    const summary = page.getByRole("region", { name: "Import of e2e-good.csv" });
    await expect(summary).toContainText(/Imported 1 score from e2e-good\.csv as batch \d+\./);
    await expect(summary).toContainText("synthetic-e2e-a");
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    const batchId = /as batch (\d+)/.exec((await summary.textContent()) ?? "")?.[1];
    expect(batchId).toBeDefined();

    await expect(table.locator("tbody tr")).toHaveCount(before + 1);
    const row = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: batchId, exact: true }) });
    const cells = row.getByRole("cell");
    // file, format, inserted, duplicates, rejected, status
    await expect(cells.nth(0)).toHaveText("e2e-good.csv");
    await expect(cells.nth(1)).toHaveText("generic-csv");
    await expect(cells.nth(2)).toHaveText("1");
    await expect(cells.nth(5)).toHaveText("active");

    await row.getByRole("button", { name: /^Roll back/ }).click();
    const confirm = row.getByRole("button", { name: "Confirm rollback" });
    await expect(confirm).toBeFocused();
    await confirm.click();
    await expect(cells.nth(5)).toContainText("rolled back");
    await expect(
      page.getByRole("status").filter({ hasText: `Batch ${batchId} rolled back: 1 score removed.` }),
    ).toBeVisible();
    await expect(row.getByRole("button")).toHaveCount(0);

    await page.reload();
    await expect(cells.nth(5)).toContainText("rolled back");
  });

  test("the drop zone takes a dropped file", async ({ page }) => {
    await page.goto("/ingest");
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
      return dt;
    }, GOOD);
    await page.locator("[data-dragging]").dispatchEvent("drop", { dataTransfer });
    await expect(page.getByText("Selected: dropped.csv")).toBeVisible();
    const names = await page
      .getByLabel("Results file")
      .evaluate((el) => [...((el as HTMLInputElement).files ?? [])].map((f) => f.name));
    expect(names).toEqual(["dropped.csv"]);
    await expect(page.getByRole("button", { name: "Upload", exact: true })).toBeEnabled();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/ingest");
    await expect(batchTable(page)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("ingest as a viewer", () => {
  test.use({ storageState: ACCOUNTS.viewer.state });

  test("sees the batches, but no upload form and no rollback", async ({ page }) => {
    await page.goto("/ingest");
    await expect(batchTable(page).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByLabel("Results file")).toHaveCount(0);
    await expect(page.getByRole("note").filter({ hasText: "can upload files" })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "can roll a batch back" })).toBeVisible();
    await expect(batchTable(page).getByRole("button")).toHaveCount(0);
  });
});
