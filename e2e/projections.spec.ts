import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS } from "./accounts";

const PAGE = "/projections?policy=anthropic-rsp-v2-2";
async function open(page: Page, url = PAGE) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "Projections" })).toBeVisible();
  // Charts draw after hydration: wait for the first plotted curve.
  await expect(page.locator("article svg.recharts-surface").first()).toBeVisible();
}

test.describe("projections", () => {
  // A read-only page: the least privileged account is enough.
  test.use({ storageState: ACCOUNTS.viewer.state });

  test("the autonomy checkpoint shows METR's time trend with a doubling time of about 131 days", async ({
    page,
  }) => {
    await open(page);
    const leaf = page.getByRole("article", { name: /^Autonomy checkpoint.*METR time horizon/ });
    await expect(leaf).toBeVisible();
    await expect(
      leaf.getByText(/Doubling time: 131 days \(95% interval \d+ – \d+ days\)/).first(),
    ).toBeVisible();
    await expect(leaf.locator("figcaption")).toContainText(/n = 11 state-of-the-art models of \d+/);
    await expect(leaf.locator("figcaption")).toContainText(/reaches it around \d{4}-\d{2}-\d{2}/);
    await expect(leaf.getByText("illustrative", { exact: true })).toBeVisible();
    // The table alternative links every model to its page under this policy.
    await leaf.getByText(/^Data table/).click();
    const link = leaf.getByRole("link", { name: "claude-3-5-sonnet-20240620" });
    await expect(link).toHaveAttribute(
      "href",
      "/models/claude-3-5-sonnet-20240620?policy=anthropic-rsp-v2-2",
    );
  });

  test("the Cybench leaf shows a crossing in FLOP with its interval, a date and a backtest MAE", async ({
    page,
  }) => {
    await open(page);
    const leaf = page.getByRole("article", { name: /^Cyber operations.*Cybench/ });
    const facts = leaf.locator("dl").first();
    await expect(facts).toContainText(
      /Crossing compute\s*\d(\.\d)?e\d+ FLOP \(80% interval \d(\.\d)?e\d+ – \d(\.\d)?e\d+ FLOP\)/,
    );
    await expect(facts).toContainText(/Crossing date\s*around \d{4}-\d{2}-\d{2} \(80% interval/);
    await expect(leaf.getByText("MAE", { exact: true })).toBeVisible();
    await expect(leaf.locator("dt:text-is('MAE') + dd")).toHaveText(/^\d\.\d+$/);
    await expect(leaf.getByText(/fit on models ≤ .* FLOP/)).toBeVisible();
    await expect(leaf.locator("figcaption")).toContainText(/n = 7 models/);
    // Chart marks: the threshold line, the crossing line and its interval.
    await expect(leaf.locator(".recharts-reference-area")).toHaveCount(1);
    await expect(leaf.locator(".recharts-reference-line")).toHaveCount(2);
  });

  test("a planned run of 1e28 FLOP goes to the URL and gives P(crossing) for Cybench", async ({ page }) => {
    await open(page);
    const leaf = page.getByRole("article", { name: /^Cyber operations.*Cybench/ });
    await expect(leaf.getByTestId("p-planned")).toHaveCount(0);
    await page.getByLabel("Planned run (FLOP)").fill("1e28");
    await page.getByRole("button", { name: "Show P(crossing)" }).click();
    await expect(page).toHaveURL(/[?&]planned=1e28(&|$)/);
    await expect(page).toHaveURL(/[?&]policy=anthropic-rsp-v2-2(&|$)/);
    await expect(leaf.getByTestId("p-planned")).toHaveText(
      /P\(crossing\) for a planned run of 1e28 FLOP: (\d{1,3}%|<1%|>99%)/,
    );
    await expect(page.getByRole("region", { name: /Anthropic Responsible Scaling Policy/ })).toContainText(
      /A planned run of 1e28 FLOP is forecast to cross/,
    );
    // Reloading the URL gives the same answer from the server.
    await page.reload();
    await expect(
      page.getByRole("article", { name: /^Cyber operations.*Cybench/ }).getByTestId("p-planned"),
    ).toHaveText(/P\(crossing\) for a planned run of 1e28 FLOP/);
    await expect(page.getByLabel("Planned run (FLOP)")).toHaveValue("1e28");
  });

  test("an invalid planned run is refused at the input, not sent", async ({ page }) => {
    await open(page);
    await page.getByLabel("Planned run (FLOP)").fill("soon");
    await page.getByRole("button", { name: "Show P(crossing)" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Planned run" })).toHaveText(
      "Planned run must be a number of FLOP such as 1e27.",
    );
    await expect(page).not.toHaveURL(/planned=/);
  });

  test("a leaf with few points says so: TOO_FEW_POINTS and stuck at the floor", async ({ page }) => {
    await open(page);
    const leaf = page.getByRole("article", { name: /^AI R&D-4.*PostTrainBench/ });
    await expect(leaf.getByText("TOO_FEW_POINTS")).toBeVisible();
    await expect(leaf.getByText(/only 3 models with this metric/)).toBeVisible();
    await expect(leaf.getByText("Stuck at the floor")).toBeVisible();
    await expect(leaf.getByText(/Skipped: 3 points: a backtest needs at least 6/)).toBeVisible();
  });

  test("the policy switcher changes the URL and the leaves", async ({ page }) => {
    await open(page);
    await page.getByRole("combobox", { name: "Policy", exact: true }).selectOption("openai-preparedness-v2");
    await expect(page).toHaveURL(/policy=openai-preparedness-v2/);
    await expect(page.getByRole("heading", { level: 2, name: /Preparedness Framework/ })).toBeVisible();
    await expect(page.getByRole("article", { name: /Cybench/ }).first()).toBeVisible();
  });

  test("an unknown policy is reported, not a crash", async ({ page }) => {
    await page.goto("/projections?policy=no-such-policy");
    await expect(page.getByRole("alert").filter({ hasText: "Could not load" })).toContainText(
      'no published policy "no-such-policy"',
    );
  });

  test("the API answers with the same data, validated", async ({ page }) => {
    const request = page.request;
    const ok = await request.get("/api/v1/projections?policy=anthropic-rsp-v2-2&planned=1e28");
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as {
      planned_flop: number;
      leaves: { threshold: string; p_planned?: number }[];
    };
    expect(body.planned_flop).toBe(1e28);
    const cyber = body.leaves.find((l) => l.threshold === "cyber-operations");
    expect(cyber?.p_planned).toBeGreaterThanOrEqual(0);
    const bad = await request.get("/api/v1/projections?policy=anthropic-rsp-v2-2&planned=lots");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
    expect((await request.get("/api/v1/projections?policy=nope")).status()).toBe(404);
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await open(page, `${PAGE}&planned=1e28`);
    for (const s of await page.locator("details > summary").all()) await s.click();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    ).toEqual([]);
  });

  test("full-page screenshot", async ({ page }) => {
    await open(page, `${PAGE}&planned=1e28`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: "test-results/screenshots/projections.png", fullPage: true });
  });
});

test.describe("projections without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the API answers 401, not data", async ({ request }) => {
    const res = await request.get("/api/v1/projections?policy=anthropic-rsp-v2-2");
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });
});
