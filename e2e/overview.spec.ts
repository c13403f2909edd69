import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

// Real demo data (db/seed). Under Anthropic's RSP v2.2, Claude Opus 4 is at ASL-3: its CBRN-3 is
// determined "cannot rule out" from Anthropic's published determination (2025-05-22).
const POLICY = "anthropic-rsp-v2-2";
const OPUS = "claude-opus-4-20250514";

const domainMatrix = (page: Page) => page.getByRole("table", { name: /^Level of each domain under/ });
const policyMatrix = (page: Page) =>
  page.getByRole("table", { name: /^Overall level \(before mitigation\)/ });

async function rowNames(page: Page): Promise<string[]> {
  return domainMatrix(page).locator("tbody th[scope=row] a").allInnerTexts();
}

test.describe("overview", () => {
  test("shows a known model's levels, each cell linking to its evidence", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByLabel("Policy", { exact: true })).toHaveValue(POLICY);

    const row = domainMatrix(page).getByRole("row", { name: new RegExp(OPUS) });
    const cbrn = row.getByRole("link", {
      name: `CBRN weapons for ${OPUS}: asl-3; cannot be ruled out; human determination`,
    });
    await expect(cbrn).toHaveText(/^asl-3/);
    await expect(row.getByRole("link", { name: new RegExp(`^Overall for ${OPUS}: asl-3;`) })).toHaveText(
      /^asl-3/,
    );
    await expect(cbrn).toHaveAttribute("href", `/models/${OPUS}?policy=${POLICY}#domain-cbrn`);

    // The model × policy matrix: the same model under every policy.
    const byPolicy = policyMatrix(page).getByRole("row", { name: new RegExp(OPUS) });
    await expect(
      byPolicy.getByRole("link", {
        name: new RegExp(`^Anthropic Responsible Scaling Policy for ${OPUS}: asl-3`),
      }),
    ).toBeVisible();
    await expect(byPolicy.getByRole("link")).toHaveCount(7); // the model and six policies

    // The legend explains every marker in words.
    await expect(page.getByRole("definition").filter({ hasText: "missing evidence" })).toBeVisible();

    await cbrn.click();
    await expect(page).toHaveURL(`/models/${OPUS}?policy=${POLICY}#domain-cbrn`);
  });

  test("a cell shows the evidenced level when it differs, and missing evidence", async ({ page }) => {
    await page.goto(`/?policy=${POLICY}&q=claude-sonnet-4-6`);
    const cell = domainMatrix(page).getByRole("link", {
      name: "CBRN weapons for claude-sonnet-4-6: asl-4; evidenced level asl-2; missing evidence",
    });
    await expect(cell).toContainText("asl-4");
    await expect(cell).toContainText("evidenced: asl-2");
  });

  test("search, developer, level and sort change the URL and the rows", async ({ page }) => {
    await page.goto("/");
    const all = (await rowNames(page)).length;
    expect(all).toBeGreaterThan(50);

    await page.getByLabel("Search models", { exact: true }).fill("claude");
    await expect(page).toHaveURL(/[?&]q=claude\b/);
    await expect.poll(async () => (await rowNames(page)).length).toBeLessThan(all);
    const claude = await rowNames(page);
    expect(claude.length).toBeGreaterThan(5);
    for (const name of claude) expect(name).toMatch(/claude/i);
    await expect(page.getByText(/^Models 1–\d+ of \d+ with evidence/)).toBeVisible();

    await page.getByLabel("Search models", { exact: true }).fill("");
    await expect(page).not.toHaveURL(/[?&]q=/);
    await page.getByLabel("Developer", { exact: true }).selectOption("OpenAI");
    await expect(page).toHaveURL(/[?&]developer=OpenAI\b/);
    await expect(domainMatrix(page).locator("tbody th[scope=row] .meta").first()).toHaveText("OpenAI");
    expect(new Set(await domainMatrix(page).locator("tbody th[scope=row] .meta").allInnerTexts())).toEqual(
      new Set(["OpenAI"]),
    );

    await page.getByLabel("Developer", { exact: true }).selectOption("");
    await page.getByLabel("Level", { exact: true }).selectOption("asl-3");
    await expect(page).toHaveURL(/[?&]level=asl-3\b/);
    await expect.poll(() => rowNames(page)).toEqual([OPUS]);

    await page.getByLabel("Level", { exact: true }).selectOption("");
    await page.getByLabel("Sort by", { exact: true }).selectOption("compute-desc");
    await expect(page).toHaveURL(/[?&]sort=compute-desc\b/);
    const compute = await domainMatrix(page).locator("tbody tr td:nth-of-type(2)").allInnerTexts();
    expect(compute[0]).toMatch(/e\d+ FLOP$/);
    expect(compute.at(-1)).toBe("unknown");
  });

  test("a shared link restores its filters", async ({ page }) => {
    await page.goto(`/?policy=${POLICY}&q=claude&sort=release-asc`);
    await expect(page.getByLabel("Search models", { exact: true })).toHaveValue("claude");
    await expect(page.getByLabel("Sort by", { exact: true })).toHaveValue("release-asc");
    expect((await rowNames(page))[0]).toBe("claude-3-opus-20240229");
  });

  test("the policy switcher changes the domains", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Policy", { exact: true }).selectOption("openai-preparedness-v2");
    await expect(page).toHaveURL(/[?&]policy=openai-preparedness-v2\b/);
    await expect(
      page.getByRole("heading", { level: 2, name: /^Levels by domain under OpenAI/ }),
    ).toBeVisible();
    await expect(domainMatrix(page).getByRole("columnheader", { name: "Cybersecurity" })).toBeVisible();
    await expect(domainMatrix(page).getByRole("columnheader", { name: "CBRN weapons" })).toHaveCount(0);
  });

  test("models without evidence are counted, and listed on request, page by page", async ({ page }) => {
    await page.goto("/");
    const hidden = page.getByText(/^\d+ matching models have no evidence under/);
    await expect(hidden).toBeVisible();
    await page.getByLabel("Only models with evidence under this policy", { exact: true }).uncheck();
    await expect(page).toHaveURL(/[?&]evidence=all\b/);
    await expect(page.getByText(/^Models 1–100 of \d{3,} with or without evidence/)).toBeVisible();
    await expect(hidden).toHaveCount(0);

    const pages = page.getByRole("navigation", { name: "Pages of the domain matrix" });
    await expect(pages).toContainText("Page 1 of 4");
    await pages.getByRole("link", { name: /Next/ }).click();
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(page.getByText(/^Models 101–200 of \d{3,}/)).toBeVisible();
  });

  test("lists what needs attention, linked to the model page sections", async ({ page }) => {
    await page.goto(`/?policy=${POLICY}&q=${OPUS}`);
    const section = page.getByRole("region", { name: "Needs attention" });
    await expect(section.getByText(/^1 of the 1 listed model has something to act on/)).toBeVisible();
    const table = section.getByRole("table", { name: /What needs attention/ });
    const row = table.getByRole("row", { name: new RegExp(OPUS) });
    const gate = row.getByRole("link", { name: `${OPUS}: gate deploy is block` });
    await expect(gate).toHaveText("deploy: block");
    await expect(gate).toHaveAttribute("href", `/models/${OPUS}?policy=${POLICY}#gates`);
    await expect(row.getByRole("link", { name: /required safeguards? missing/ })).toHaveAttribute(
      "href",
      /#safeguards$/,
    );
  });

  test("unknown parameters are ignored with a visible note, never a crash", async ({ page }) => {
    const res = await page.goto("/?developer=Nobody&sort=size&page=0&policy=no-such-policy&utm=1");
    expect(res?.status()).toBe(200);
    const note = page.getByRole("status").filter({ hasText: "parameters were ignored" });
    await expect(note).toContainText('No model lists the developer "Nobody"');
    await expect(note).toContainText('Ignored sort "size"');
    await expect(note).toContainText('Unknown policy "no-such-policy"');
    await expect(note).toContainText('unknown parameter "utm"');
    await expect(page.getByLabel("Policy", { exact: true })).toHaveValue(POLICY);
    expect((await rowNames(page)).length).toBeGreaterThan(50);
  });

  test("no match: an empty state that offers to clear the filters", async ({ page }) => {
    await page.goto("/?q=zzzz-no-such-model");
    await expect(page.getByText("No model matches these filters")).toBeVisible();
    await page.getByRole("link", { name: "Clear the filters" }).click();
    await expect(page).toHaveURL(`/?policy=${POLICY}`);
    expect((await rowNames(page)).length).toBeGreaterThan(50);
  });

  test("GET /api/v1/overview answers the page's data, and 400 for a bad query", async ({ request }) => {
    const ok = await request.get(`/api/v1/overview?policy=${POLICY}&q=claude-opus-4`);
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { rows: { model: { id: string }; overall: { level: string } }[] };
    expect(body.rows.find((r) => r.model.id === OPUS)?.overall.level).toBe("asl-3");

    const bad = await request.get("/api/v1/overview?developer=Nobody&bogus=1");
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    test.setTimeout(120_000); // axe over a few hundred linked cells takes a while
    await page.goto("/");
    await expect(domainMatrix(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    ).toEqual([]);
    await page.screenshot({ path: "test-results/screenshots/overview.png", fullPage: true });
  });
});

test.describe("overview: forecasts for the next planned run", () => {
  // Real demo data: Google DeepMind's FSF v3.1 sets no compute multiple (4× is assumed); its Cybench
  // alert threshold is forecast crossed by a 2e27 FLOP run, while the PostTrainBench leaves (three
  // models, all at the chance floor) give P = 1 from a flat fit and must not read as a forecast.
  const FSF = "deepmind-fsf-v3-1";
  const attention = (page: Page) => page.getByRole("table", { name: /^What needs attention under/ });

  test("a forecast crossing links to its projection; a fit stuck at the floor is listed as unreliable, without a P", async ({
    page,
  }) => {
    await page.goto(`/?policy=${FSF}&planned=2e27`);
    await expect(page.getByText(/2e27 FLOP, as set by the planned parameter/)).toBeVisible();
    const table = attention(page);
    const forecast = table.getByRole("row", {
      name: /^Next planned run \(2e27 FLOP\)\s*forecast, not a finding/,
    });
    const cyber = forecast.getByRole("link", {
      name: /^forecast to cross cyber-uplift-1-alert \(.+\) by the next planned run \(P = \d+%, run of 2e27 FLOP\)$/,
    });
    await expect(cyber).toHaveAttribute(
      "href",
      `/projections?policy=${FSF}&planned=2e%2B27#leaf-cyber-uplift-1-alert-cybench-unguided`,
    );

    const unreliable = table.getByRole("row", { name: /forecasts too unreliable to count/ });
    await expect(
      unreliable.getByRole("link", {
        name: /^ml-rd-automation-1 \(.+\): forecast unreliable: TOO_FEW_POINTS, STUCK_AT_FLOOR$/,
      }),
    ).toBeVisible();
    await expect(unreliable).not.toContainText(/P [=>]|100%/);
    await expect(forecast).not.toContainText("ml-rd-automation");
    // The unreliable row sorts after every model (lowest severity): it is the table's last row.
    await expect(table.locator("tbody tr").last()).toContainText("forecasts too unreliable to count");

    await cyber.click();
    await expect(page).toHaveURL(
      /\/projections\?policy=deepmind-fsf-v3-1&planned=2e%2B27#leaf-cyber-uplift-1-alert/,
    );
    await expect(page.locator("#leaf-cyber-uplift-1-alert-cybench-unguided")).toBeVisible();
  });

  test("the default run is 4× the largest model, said to be assumed when the policy sets no multiple", async ({
    page,
  }) => {
    await page.goto(`/?policy=${FSF}`);
    await expect(
      page.getByText(
        /FLOP: 4× the largest effective compute of any model in the database \(.+\); the policy sets no effective-compute multiple, so 4× is assumed/,
      ),
    ).toBeVisible();
    await page.goto(`/?policy=${POLICY}`);
    await expect(
      page.getByText(/4× is the policy's effective-compute multiple for reassessment/),
    ).toBeVisible();
  });

  test("a small planned run is forecast to cross nothing on Cybench; a bad planned value is ignored with a note", async ({
    page,
  }) => {
    await page.goto(`/?policy=${FSF}&planned=1e24`);
    await expect(page.getByText(/1e24 FLOP, as set by the planned parameter/)).toBeVisible();
    await expect(page.getByRole("link", { name: /forecast to cross cyber-uplift/ })).toHaveCount(0);

    await page.goto(`/?policy=${FSF}&planned=lots`);
    await expect(page.getByRole("status").filter({ hasText: /Ignored planned "lots"/ })).toBeVisible();
    await expect(page.getByText(/so 4× is assumed/)).toBeVisible();
  });

  test("GET /api/v1/overview carries the forecast, and refuses a bad planned value", async ({ request }) => {
    const ok = await request.get(`/api/v1/overview?policy=${FSF}&planned=2e27`);
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as {
      attention: {
        forecast: {
          planned: { flop: number; source: string };
          rows: { kind: string; items: { threshold: string; p: number | null; reliable: boolean }[] }[];
        };
      };
    };
    expect(body.attention.forecast.planned).toMatchObject({ flop: 2e27, source: "override" });
    const items = body.attention.forecast.rows.flatMap((r) => r.items);
    expect(items.find((i) => i.threshold === "cyber-uplift-1-alert")?.p).toBeGreaterThanOrEqual(0.5);
    expect(items.find((i) => i.threshold === "ml-rd-automation-1")).toMatchObject({
      reliable: false,
      p: null,
    });

    const bad = await request.get(`/api/v1/overview?policy=${FSF}&planned=-1`);
    expect(bad.status()).toBe(400);
  });

  test("the forecast rows have no serious or critical accessibility violations", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/?policy=${FSF}&planned=2e27`);
    await expect(attention(page)).toBeVisible();
    const results = await new AxeBuilder({ page })
      .include("section[aria-labelledby=attention-heading]")
      .analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
