import { expect, request as playwrightRequest, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS } from "./accounts";

/**
 * Sign-off on the model page (real demo data). The e2e database is shared by every spec in one worker,
 * so these use models no other spec asserts on: DeepSeek-R1 and DeepSeek-V3 under OpenAI Preparedness
 * v2. Under it both read "critical" for lack of evidence, so deploy-external is blocked.
 */
const POLICY = "openai-preparedness-v2";
const POLICY_NAME = "OpenAI Preparedness Framework v2";
const R1 = `/models/deepseek-r1?policy=${POLICY}`;
const V3 = "deepseek-v3";

async function seriousViolationsIn(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("sign-off (governance reviewer)", () => {
  test.use({ storageState: ACCOUNTS.reviewer.state });

  test("signs off, is listed as current, then a new determination makes it stale", async ({ page }) => {
    test.setTimeout(90_000);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && /\/api\/v1\/decisions$/.test(r.url())) posts.push(r.url());
    });
    await page.goto(R1);
    const section = page.getByRole("region", { name: "Record a decision" });
    await expect(section).toContainText(`No decisions yet for this model under ${POLICY_NAME}`);

    const form = section.getByRole("form", { name: "Record a sign-off" });
    // Each gate action shows the outcome the evaluation gives it now.
    await expect(form.getByLabel("Gate action").locator('option[value="deploy-external"]')).toHaveText(
      "deploy-external — now block",
    );
    await form.getByLabel("Gate action").selectOption("deploy-external");

    // No rationale: the field error, no request, nothing recorded.
    await form.getByLabel("Outcome").selectOption("approve");
    await form.getByRole("button", { name: "Record sign-off" }).click();
    await expect(form.getByText("a rationale is required")).toBeVisible();
    await expect(form.getByLabel("Rationale")).toHaveAttribute("aria-invalid", "true");
    // "Approve with conditions" asks for the conditions.
    await expect(form.getByLabel("Conditions")).toHaveCount(0);
    await form.getByLabel("Outcome").selectOption("approve_with_conditions");
    await form.getByLabel("Rationale").fill("E2E: staged rollout acceptable while the evidence is gathered.");
    await form.getByRole("button", { name: "Record sign-off" }).click();
    await expect(form.getByText("approve_with_conditions needs the conditions")).toBeVisible();
    await expect(form.getByLabel("Conditions")).toHaveAttribute("aria-invalid", "true");
    expect(posts).toEqual([]);
    const none = await page.request.get(`/api/v1/decisions?model=deepseek-r1&policy=${POLICY}`);
    expect(((await none.json()) as { decisions: unknown[] }).decisions).toEqual([]);

    // Complete: 201, the confirmation names the decision, the policy version and the outcome.
    await form.getByLabel("Conditions").fill("E2E: internal red-team access only until WMDP scores arrive.");
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/decisions$/.test(r.url()) && r.request().method() === "POST"),
      form.getByRole("button", { name: "Record sign-off" }).click(),
    ]);
    expect(res.status()).toBe(201);
    const { decision } = (await res.json()) as {
      decision: { id: number; policy_version: { id: number; version: string } };
    };
    const id = decision.id;
    const version = `v2 (version #${decision.policy_version.id})`;
    await expect(form.getByRole("status")).toContainText(
      `Recorded decision #${id}: approve with conditions on deploy-external (gate outcome block) under ${POLICY} ${version}`,
    );
    // The rationale box is cleared so the same sign-off is not sent twice.
    await expect(form.getByLabel("Rationale")).toHaveValue("");

    const row = section.locator(`#decision-${id}`);
    await expect(row).toContainText(`#${id} sign-off`);
    await expect(row).toContainText("deploy-external");
    await expect(row).toContainText("✗ block");
    await expect(row).toContainText("◐ approve with conditions");
    await expect(row).toContainText("E2E: staged rollout acceptable while the evidence is gathered.");
    await expect(row).toContainText(
      "Conditions: E2E: internal red-team access only until WMDP scores arrive.",
    );
    await expect(row).toContainText(ACCOUNTS.reviewer.email);
    await expect(row).toContainText(version);
    await expect(row).toContainText("✓ current");
    await expect(row.getByRole("link", { name: `Replay #${id} (JSON)` })).toHaveAttribute(
      "href",
      `/api/v1/decisions/${id}`,
    );
    await expect(section.getByText(`No decisions yet`)).toHaveCount(0);

    // The first HTML already holds the list, rendered: the server prefetched it (no loading state).
    const html = await (await page.request.get(R1)).text();
    expect(html).toContain(`id="decision-${id}"`);
    expect(html).toContain("✓ current");
    expect(html).not.toContain("Loading decisions…");

    // A determination changes the evaluation the sign-off was made on: the decision turns stale, with why.
    const det = section.getByRole("form", { name: "Record a determination" });
    await det.getByLabel("Threshold").selectOption("cyber-high");
    await det.getByLabel("Outcome").selectOption("not_reached");
    await det.getByLabel("Rationale").fill("E2E: Cybench run by the reviewer found no High capability.");
    await det.getByLabel("Determined by").fill("E2E Reviewer");
    const [detRes] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes("/api/v1/determinations") && r.request().method() === "POST",
      ),
      det.getByRole("button", { name: "Record determination" }).click(),
    ]);
    expect(detRes.status()).toBe(201);
    await expect(row).toContainText("⚠ stale");
    await expect(row.getByRole("listitem").first()).toContainText(/the evaluation (result )?changed/);
    await expect(row).not.toContainText("✓ current");
    // Still the same stored decision: its sign-off and version are unchanged.
    await expect(row).toContainText("◐ approve with conditions");
    await expect(row).toContainText(version);

    // And so after a reload, from the server.
    await page.reload();
    await expect(section.locator(`#decision-${id}`)).toContainText("⚠ stale");
    expect(await seriousViolationsIn(page, "#sign-off")).toEqual([]);
    await section.screenshot({ path: "test-results/screenshots/signoff.png" });
  });
});

test.describe("sign-off for a viewer", () => {
  test.use({ storageState: ACCOUNTS.viewer.state });

  test("sees the decisions with their status, but no sign-off form", async ({ page, baseURL }) => {
    // A reviewer signs off through the API (the viewer may not).
    const reviewer = await playwrightRequest.newContext({ baseURL, storageState: ACCOUNTS.reviewer.state });
    const posted = await reviewer.post("/api/v1/decisions", {
      data: {
        model: V3,
        policy: POLICY,
        action: "continue-development",
        outcome: "block",
        rationale: "E2E: no development past Critical without a Critical standard.",
      },
      headers: { origin: baseURL! },
    });
    expect(posted.status(), await posted.text()).toBe(201);
    const { decision } = (await posted.json()) as { decision: { id: number } };
    await reviewer.dispose();

    await page.goto(`/models/${V3}?policy=${POLICY}`);
    const section = page.getByRole("region", { name: "Record a decision" });
    const row = section.locator(`#decision-${decision.id}`);
    await expect(row).toContainText("✗ block");
    await expect(row).toContainText("E2E: no development past Critical without a Critical standard.");
    await expect(row).toContainText("✓ current");
    await expect(section.getByRole("form", { name: "Record a sign-off" })).toHaveCount(0);
    await expect(section).toContainText("Governance reviewers and administrators can sign off on a gate.");
    // The API refuses the viewer too; hiding the form is only a courtesy.
    const refused = await page.request.post("/api/v1/decisions", {
      data: { model: V3, policy: POLICY, action: "deploy-external", outcome: "approve", rationale: "x" },
      headers: { origin: baseURL! },
    });
    expect(refused.status()).toBe(403);
    expect(await seriousViolationsIn(page, "#sign-off")).toEqual([]);
  });
});
