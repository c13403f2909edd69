import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS } from "./accounts";

// Real demo data (db/seed). The forms write to the shared e2e database, so they use a model and
// policy no other spec touches: GPT-4o (2024-05-13) under OpenAI Preparedness v2.
const OPUS = "/models/claude-opus-4-20250514?policy=anthropic-rsp-v2-2";
const GPT4O = "/models/gpt-4o-2024-05-13?policy=openai-preparedness-v2";
const SONNET_CHART =
  "/models/claude-3-7-sonnet-20250219?policy=anthropic-rsp-v2-2&metric=metr.p50_horizon_minutes.v1-1";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("model page", () => {
  test("shows a real evaluation with its evidence trace", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(OPUS);
    await expect(page.getByRole("heading", { level: 1, name: "claude-opus-4-20250514" })).toBeVisible();
    await expect(
      page
        .getByRole("navigation", { name: "Policy" })
        .getByRole("link", { name: /^Anthropic Responsible Scaling Policy v2\.2/ }),
    ).toHaveAttribute("aria-current", "page");

    // The overview links to #domain-<id>; the anchor must exist.
    await expect(page.locator("#domain-cbrn")).toBeVisible();
    await expect(page.locator("#domain-cbrn").getByRole("heading", { name: "CBRN weapons" })).toBeVisible();

    // CBRN-3: Anthropic's own determination, with its published quote and who/when.
    await expect(page.locator("#threshold-cbrn-3")).toContainText("cannot rule out (determined)");
    const cbrn3 = page.getByRole("article", { name: "Evidence trace: CBRN-3" });
    await expect(cbrn3).toContainText(
      "we have determined that clearly ruling out ASL-3 risks is not possible for Claude Opus 4",
    );
    await expect(cbrn3).toContainText("Anthropic (published)");
    await expect(cbrn3).toContainText("2025-05-22");
    await expect(cbrn3.getByRole("link", { name: /Activating AI Safety Level 3 Protections/ })).toBeVisible();

    // CBRN-4 rests on CBRN-3 as its prerequisite.
    await expect(page.getByRole("article", { name: "Evidence trace: CBRN-4" })).toContainText(
      /Prerequisite \(requires\):\s*cbrn-3/,
    );

    // The METR 50% horizon in the checkpoint's trace, with its source file row and batch.
    const checkpoint = page.getByRole("article", { name: /Evidence trace: Autonomy checkpoint/ });
    const metr = checkpoint.getByRole("row", { name: /metr\.p50_horizon_minutes\.v1-1/ });
    await expect(metr).toContainText("101.18");
    await expect(metr).toContainText("≥ 120");
    await expect(metr).toContainText("illustrative");
    await expect(metr).toContainText("db/seed/metr/benchmark_results_1_1.yaml:107");
    await expect(metr).toContainText(/batch \d+/);

    // Gates with outcome and reasons; cadence status.
    const gates = page.getByRole("region", { name: "Gates" });
    await expect(gates.getByRole("row", { name: /^deploy/ })).toContainText(/block|restrict|pause|allow/);
    await expect(page.getByRole("region", { name: "Reassessment" })).toContainText(
      /reassessment (due|current)/,
    );

    expect(consoleErrors.filter((e) => /hydrat/i.test(e))).toEqual([]);
    await page.screenshot({ path: "test-results/screenshots/model.png", fullPage: true });
  });

  test("a determination taken from a secondary source is labelled as such", async ({ page }) => {
    await page.goto("/models/claude-opus-4-1-20250805?policy=anthropic-rsp-v2-2");
    const row = page.locator("#threshold-cbrn-3");
    await expect(row).toContainText("reached (determined)");
    await expect(row).toContainText("secondary source");
    await expect(page.getByRole("article", { name: "Evidence trace: CBRN-3" })).toContainText(
      "secondary source",
    );
  });

  test("a score link in the trace scrolls to its row in the scores table", async ({ page }) => {
    await page.goto(OPUS);
    const checkpoint = page.getByRole("article", { name: /Evidence trace: Autonomy checkpoint/ });
    const link = checkpoint.getByRole("link", { name: /^score \d+$/ }).first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^#score-\d+$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    const row = page.locator(href!);
    await expect(row).toBeInViewport();
    await expect(row).toContainText("metr.p50_horizon_minutes.v1-1");
    await expect(row).toContainText("101.18");
    await expect(row).toContainText("db/seed/metr/benchmark_results_1_1.yaml:107");
  });

  test("the overview's domain link lands on the domain section", async ({ page }) => {
    await page.goto(`${OPUS}#domain-ai-rd`);
    await expect(page.locator("#domain-ai-rd")).toBeInViewport();
  });

  test("recording a determination re-evaluates the threshold; a missing rationale changes nothing", async ({
    page,
  }) => {
    await page.goto(GPT4O);
    const row = page.locator("#threshold-cyber-high");
    await expect(row).toContainText("cannot rule out");
    await expect(row).not.toContainText("(determined)");

    const form = page.getByRole("form", { name: "Record a determination" });
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/api/v1/determinations")) posts.push(r.url());
    });

    // Without a rationale: the field error, no request, no change.
    await form.getByLabel("Threshold").selectOption("cyber-high");
    await form.getByLabel("Outcome").selectOption("not_reached");
    await form.getByLabel("Determined by").fill("E2E Reviewer");
    await form.getByRole("button", { name: "Record determination" }).click();
    await expect(form.getByText("a rationale is required")).toBeVisible();
    await expect(form.getByLabel("Rationale")).toHaveAttribute("aria-invalid", "true");
    expect(posts).toEqual([]);
    await page.reload();
    await expect(page.locator("#threshold-cyber-high")).not.toContainText("(determined)");

    // With a rationale: 201, then the server-rendered evaluation shows the determination.
    await form.getByLabel("Threshold").selectOption("cyber-high");
    await form.getByLabel("Outcome").selectOption("not_reached");
    await form.getByLabel("Rationale").fill("SAG review: Cybench tasks are not reasonably hardened targets.");
    await form.getByLabel("Determined by").fill("E2E Reviewer");
    const [res] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes("/api/v1/determinations") && r.request().method() === "POST",
      ),
      form.getByRole("button", { name: "Record determination" }).click(),
    ]);
    expect(res.status()).toBe(201);
    await expect(page.locator("#threshold-cyber-high")).toContainText("not reached (determined)");
    const trace = page.getByRole("article", { name: "Evidence trace: Cybersecurity — High" });
    await expect(trace).toContainText("SAG review: Cybench tasks are not reasonably hardened targets.");
    await expect(trace).toContainText("E2E Reviewer");
    await expect(form.getByRole("status")).toContainText(/Recorded determination #\d+/);
  });

  test("recording an attestation changes the safeguard's status", async ({ page }) => {
    await page.goto(GPT4O);
    const row = page.locator("#safeguard-security-controls-high");
    await expect(row).toContainText("missing");
    const form = page.getByRole("form", { name: "Record a safeguard attestation" });
    await form.getByLabel("Safeguard").selectOption("security-controls-high");
    await form.getByLabel("Status").selectOption("verified");
    await form.getByLabel("Attested by").fill("E2E Security Lead");
    await form.getByLabel("Expires").fill("2099-01-01");
    await form.getByLabel("Evidence").fill("External audit report, e2e");
    await form.getByRole("button", { name: "Record attestation" }).click();
    await expect(row).toContainText("attested");
    await expect(row).toContainText("E2E Security Lead");
    await expect(row).toContainText("expires 2099-01-01");
  });

  test("field errors from the API's 400 issues are shown on their fields", async ({ page }) => {
    await page.route("**/api/v1/attestations", (route) =>
      route.fulfill({
        status: 400,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "VALIDATION",
            message: "invalid attestation",
            issues: [{ path: "safeguard", message: "not a safeguard of openai-preparedness-v2" }],
          },
        }),
      }),
    );
    await page.goto(GPT4O);
    const form = page.getByRole("form", { name: "Record a safeguard attestation" });
    await form.getByLabel("Attested by").fill("E2E");
    await form.getByRole("button", { name: "Record attestation" }).click();
    await expect(form.getByText("not a safeguard of openai-preparedness-v2")).toBeVisible();
    await expect(form.getByLabel("Safeguard")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("alert")).toContainText("invalid attestation");
  });

  test("the chart plots this model against the others by training compute", async ({ page }) => {
    await page.goto(SONNET_CHART);
    const chart = page.getByRole("region", { name: "Score against training compute" });
    await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(chart.locator(".recharts-reference-line").first()).toBeAttached();
    const legend = chart.getByRole("list", { name: "Chart legend" });
    await expect(legend).toContainText("claude-3-7-sonnet-20250219 (this model)");
    await expect(legend).toContainText(/× 10²⁵ FLOP/);
    await expect(legend).toContainText("Autonomy checkpoint (2-8 hour software engineering tasks) ≥ 120");
    await expect(chart).toContainText(/not plotted: \d+ models? without training compute/);

    // The metric picker keeps the policy and redraws for another metric.
    await chart.getByLabel("Metric").selectOption("cybench.unguided");
    await chart.getByRole("button", { name: "Plot metric" }).click();
    await expect(page).toHaveURL(/metric=cybench\.unguided/);
    expect(page.url()).toContain("policy=anthropic-rsp-v2-2");
    await expect(chart.getByText(/Cybench unguided solve rate/).first()).toBeVisible();
  });

  test("a model without training compute is listed, not plotted", async ({ page }) => {
    await page.goto(OPUS);
    await expect(page.getByRole("list", { name: "Chart legend" })).toContainText(
      "not plotted, no training compute on record",
    );
  });

  test("a model without scores says every threshold cannot be ruled out", async ({ page }) => {
    await page.goto("/models/chatgpt-agent");
    await expect(page.getByText("No scores are recorded for this model.")).toBeVisible();
    await expect(page.getByRole("note")).toContainText("cannot rule out");
  });

  test("an unknown model id shows the not-found page", async ({ page }) => {
    await page.goto("/models/no-such-model-1999");
    await expect(page.getByRole("heading", { level: 1, name: "Model not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Browse all models" })).toBeVisible();
    // The page streams behind loading.tsx, so the status is already sent; Next marks the page
    // noindex instead (a 404 status would need a check in proxy.ts, before streaming).
    await expect(page.locator('meta[name="robots"][content*="noindex"]').first()).toBeAttached();
  });

  // The page is long (every trace, the scores table, a chart): axe needs more than the default 30 s.
  for (const [label, url] of [
    ["evidence trace", OPUS],
    ["chart and forms", SONNET_CHART],
    ["not found", "/models/no-such-model-1999"],
  ] as const) {
    test(`has no serious or critical accessibility violations: ${label}`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe("model page for a viewer", () => {
  test.use({ storageState: ACCOUNTS.viewer.state });

  test("shows the evaluation but no recording forms, and says who may record", async ({ page }) => {
    await page.goto(GPT4O);
    await expect(page.locator("#threshold-cyber-high")).toBeVisible();
    await expect(page.getByRole("form", { name: "Record a determination" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Record a safeguard attestation" })).toHaveCount(0);
    const signOff = page.getByRole("region", { name: "Record a decision" });
    await expect(signOff).toContainText(/can record a determination/);
    await expect(signOff).toContainText(/can record a safeguard attestation/);
  });
});

test.describe("model page: anomaly flags", () => {
  // Real demo data: under Anthropic's RSP v2.2, GPT-4.5 (preview) scores 0.175 on Cybench, below the
  // 80% interval of the six other models with a known compute at its 3.8e26 FLOP.
  const GPT45 = "/models/gpt-4.5-preview-2025-02-27?policy=anthropic-rsp-v2-2";

  test("a score below the other models' interval is flagged in the trace and in the Anomalies panel", async ({
    page,
  }) => {
    await page.goto(GPT45);
    const cyber = page.getByRole("article", { name: /Evidence trace: Cyber operations/ });
    const row = cyber.getByRole("row", { name: /cybench\.unguided/ }).first();
    await expect(row).toContainText("0.175");
    await expect(row.getByTestId("anomaly-flag")).toContainText("anomaly: below");
    await expect(row.getByTestId("anomaly-flag")).toContainText(
      "Below the 80% interval of other models at this compute: possible under-elicitation or sandbagging. Re-run with stronger elicitation before relying on a 'below' result.",
    );
    await expect(row.getByTestId("anomaly-flag")).toContainText(/the other \d+ models put 80% of scores at/);

    const panel = page.getByRole("region", { name: "Anomalies" });
    const flagged = panel.getByRole("list", { name: "Flagged scores" });
    await expect(flagged.getByRole("listitem").filter({ hasText: "cybench.unguided" })).toContainText(
      "below the interval",
    );
  });

  test("a model without a known compute is not checked, and the page says why instead of 'normal'", async ({
    page,
  }) => {
    await page.goto(OPUS);
    const panel = page.getByRole("region", { name: "Anomalies" });
    await expect(panel.getByRole("list", { name: "Flagged scores" })).toHaveCount(0);
    await expect(panel).not.toContainText("Within the interval");
    await expect(panel.getByRole("list", { name: "Scores not checked" })).toContainText(
      /cybench\.unguided: not checked: no known training compute/,
    );
    const cyber = page.getByRole("article", { name: /Evidence trace: Cyber operations/ });
    await expect(cyber.getByRole("row", { name: /cybench\.unguided/ }).first()).toContainText(
      "Anomaly check not run: no known training compute",
    );
  });

  test("the Anomalies panel has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto(GPT45);
    const results = await new AxeBuilder({ page }).include("#anomalies").analyze();
    expect(
      results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
    ).toEqual([]);
  });
});
