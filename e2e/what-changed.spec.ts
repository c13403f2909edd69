import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Real content of the two shipped files, policies/anthropic-rsp-v2-2.yaml and anthropic-rsp-v3-4.yaml,
// and the real demo data (db/seed): nothing here is written to the database.
const RSP = "/policies/diff?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4";
const V22 = "Anthropic Responsible Scaling Policy v2.2";
const V34 = "Anthropic Responsible Scaling Policy (2026) v3.4";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("what changed between two policy versions", () => {
  test("RSP v2.2 → v3.4: thresholds, wording, numbers, gates and the models that change", async ({
    page,
  }) => {
    await page.goto(RSP);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`What changed: ${V22} → ${V34}`);

    // The pickers show what is compared (a GET form: it works without script).
    await expect(page.getByLabel("From (older)")).toHaveValue("anthropic-rsp-v2-2");
    await expect(page.getByLabel("To (newer)")).toHaveValue("anthropic-rsp-v3-4");

    // Removed with no successor: v3.x has no cyber threshold and no 2-8 hour checkpoint.
    const removed = page.getByRole("region", { name: "Removed (no successor in v3.4)" });
    await expect(removed).toContainText("cyber-operations");
    await expect(removed).toContainText("autonomy-checkpoint");
    await expect(removed).toContainText(
      "significantly enhance or automate sophisticated destructive cyber attacks",
    );

    // Continued under a new id, through v3.4's lineage.
    const continued = page.getByRole("region", { name: "Continued under a new id" });
    await expect(continued).toContainText("ai-rd-5 (v2.2) merged into t4-automated-rd (v3.4)");
    await expect(continued).toContainText("cbrn-3 (v2.2) narrowed into t1-non-novel-chem-bio (v3.4)");

    // Reworded: both wordings, side by side.
    const t1 = page.getByRole("article", {
      name: "Wording of T1: Non-novel chemical/biological weapons production",
    });
    await expect(t1).toContainText("(was cbrn-3)");
    await expect(t1.getByRole("heading", { name: "Before (v2.2)" })).toBeVisible();
    await expect(t1.getByRole("heading", { name: "After (v3.4)" })).toBeVisible();
    await expect(t1).toContainText(
      '"The ability to significantly help individuals or groups with basic technical backgrounds',
    );
    await expect(t1).toContainText("deploy CBRN weapons.");
    await expect(t1).toContainText(
      '"AI systems with the ability to significantly help individuals or groups',
    );
    await expect(t1).toContainText("deploy chemical and/or biological weapons with serious potential");
    // the words that changed are marked: struck through (older) and underlined (newer)
    await expect(t1.locator("del").filter({ hasText: "CBRN weapons" }).first()).toBeVisible();
    await expect(t1.locator("ins").filter({ hasText: "chemical and/or biological weapons" })).toHaveCount(1);
    await expect(t1.locator("ins").filter({ hasText: "CBRN" })).toHaveCount(0);

    // Numbers and levels: metric, comparator, from → to.
    const numbers = page.getByRole("region", { name: "Numbers and levels changed" });
    const horizon = numbers.getByRole("row", { name: /metr\.p50_horizon_minutes\.v1-1 ≥/ });
    await expect(horizon).toContainText("T4: Automated R&D in key domains");
    await expect(horizon).toContainText("2400");
    await expect(horizon).toContainText("→ none");
    await expect(horizon).toContainText("illustrative");
    await expect(numbers.getByRole("row", { name: /T1: Non-novel/ })).toContainText(
      /asl-3\s*→ asl-3-protections/,
    );

    // Gates: v2.2's automatic pause/restrict gates give way to v3.4's procedural ones.
    const gates = page.getByRole("region", { name: "Gates", exact: true });
    await expect(gates).toContainText("Gates removed (4)");
    await expect(gates).toContainText("continue-training");
    await expect(gates).toContainText("Gates added (4)");
    await expect(gates).toContainText("risk-report");
    await expect(gates).toContainText("No gate present in both versions changed its rules.");

    // The models table: Claude Opus 4 (its CBRN-3 determination under v2.2) moves up a rung.
    const models = page.getByRole("region", { name: "Models that change", exact: true });
    await expect(models).toContainText(/\d+ models evaluated under both versions/);
    const opus = models
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "claude-opus-4-20250514", exact: true }) });
    await expect(opus).toContainText("asl-3 → beyond-asl-3");
    await expect(opus).toContainText("deploy: block → no such gate in v3.4");
    await page.screenshot({ path: "test-results/screenshots/what-changed.png", fullPage: true });

    await opus.getByRole("link", { name: "claude-opus-4-20250514", exact: true }).click();
    await expect(page).toHaveURL(/\/models\/claude-opus-4-20250514$/);
    await expect(page.getByRole("heading", { level: 1, name: "claude-opus-4-20250514" })).toBeVisible();
  });

  test("the policy page links to what changed since the version it supersedes", async ({ page }) => {
    await page.goto("/policies/anthropic-rsp-v3-4");
    await page.getByRole("link", { name: `What changed since ${V22}` }).click();
    await expect(page).toHaveURL(/\/policies\/diff\?from=anthropic-rsp-v2-2&to=anthropic-rsp-v3-4$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`What changed: ${V22} → ${V34}`);
  });

  test("the pickers: `from` defaults to what `to` supersedes, and the form submits by GET", async ({
    page,
  }) => {
    await page.goto("/policies/diff");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "What changed between two policy versions",
    );
    await expect(page.getByRole("link", { name: `${V22} → ${V34}` })).toBeVisible();

    await page.getByLabel("To (newer)").selectOption("openai-preparedness-v2");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/policies\/diff\?from=&to=openai-preparedness-v2/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "What changed: OpenAI Preparedness Framework (Beta) → OpenAI Preparedness Framework v2",
    );
    await expect(page.getByLabel("From (older)")).toHaveValue("openai-preparedness-beta");
  });

  test("an unknown or malformed version is a clear error, not a server error", async ({ page }) => {
    const unknown = await page.goto("/policies/diff?from=no-such-policy&to=anthropic-rsp-v3-4");
    expect(unknown?.status()).toBe(200);
    const alert = page.getByRole("alert").filter({ hasText: "These versions cannot be compared." });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('from: no published policy "no-such-policy"');
    await expect(page.getByRole("region", { name: "Models that change" })).toHaveCount(0);

    await page.goto("/policies/diff?from=RSP%20v2.2&to=9999");
    await expect(page.locator(".error[role=alert]")).toContainText("no stored policy version 9999");

    await page.goto("/policies/diff?from=anthropic-rsp-v2-2");
    await expect(page.locator(".error[role=alert]")).toContainText(
      "Choose the newer version to compare with.",
    );
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto(RSP);
    await expect(page.getByRole("region", { name: "Models that change", exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("the version in force on the model page", () => {
  test("RSP v3.4 tab: says since when v3.4 is in force, and keeps the v2.2 determinations labelled", async ({
    page,
  }) => {
    await page.goto("/models/claude-opus-4-20250514?policy=anthropic-rsp-v3-4");
    const note = page.getByRole("region", { name: "Version in force" });
    await expect(note).toContainText(
      `Evaluated under ${V34}, in force since 2026-07-08; it superseded ${V22}.`,
    );
    const v22 = note.getByRole("region", {
      name: `Determined under ${V22}, in force 2025-05-14 – 2026-07-08, superseded by v3.4`,
    });
    await expect(v22).toContainText("CBRN-3 (cbrn-3):");
    await expect(v22).toContainText(
      "we have determined that clearly ruling out ASL-3 risks is not possible for Claude Opus 4",
    );
    await expect(v22).toContainText("CBRN-4 (cbrn-4):");
    await expect(v22).toContainText("AI R&D-4 (ai-rd-4):");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("RSP v2.2 tab: says it is no longer the version in force", async ({ page }) => {
    await page.goto("/models/claude-opus-4-20250514?policy=anthropic-rsp-v2-2");
    const note = page.getByRole("region", { name: "Version in force" });
    await expect(note).toContainText("Not the version in force.");
    await expect(note).toContainText(`superseded by ${V34} on 2026-07-08`);
    await expect(note.getByRole("link", { name: `See ${V34}` })).toHaveAttribute(
      "href",
      "/models/claude-opus-4-20250514?policy=anthropic-rsp-v3-4",
    );
  });
});
