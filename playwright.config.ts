import { defineConfig, devices } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import { ACCOUNTS, E2E_PORT as port, SETUP_PORT as setupPort } from "./e2e/accounts";

// Each run gets a fresh database file (E2E_DATABASE_URL, when given, must name a fresh file too).
// The runner names it and publishes it as E2E_DATABASE_FILE for the specs that read the server's
// database from outside (the CLI's `audit verify`): workers inherit the runner's environment and load
// this file again, with another pid, so they must take the runner's name rather than make their own.
const dbFile =
  process.env.E2E_DATABASE_FILE ??
  process.env.E2E_DATABASE_URL ??
  path.join(os.tmpdir(), `scalegate-e2e-${process.pid}.db`);
process.env.E2E_DATABASE_FILE = dbFile;
const setupDbFile = path.join(os.tmpdir(), `scalegate-e2e-setup-${process.pid}.db`);

// The accounts are made with the CLI before the server starts: there is no default password.
const createAccounts = Object.values(ACCOUNTS)
  .map(
    (a) =>
      `npx tsx cli/main.ts --db ${JSON.stringify(dbFile)} users create --email ${a.email} ` +
      `--name ${JSON.stringify(a.name)} --role ${a.role} --password ${a.password}`,
  )
  .join(" && ");

const serverEnv = (p: number, file: string) => ({
  DATABASE_URL: file,
  NODE_ENV: "production",
  BETTER_AUTH_URL: `http://127.0.0.1:${p}`,
  // The whole suite signs in from one address; the default (5 a minute) is for people.
  SCALEGATE_SIGNIN_LIMIT: "100/60",
});

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: `npx playwright install` cannot download browsers here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // Signs each account in once and saves its cookies; every other test starts from one of those.
    { name: "auth", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: ACCOUNTS.admin.state },
      dependencies: ["auth"],
    },
  ],
  webServer: [
    {
      // A production build (`next build` runs before the e2e step in `npm test`).
      command: `${createAccounts} && npx next start -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv(port, dbFile),
    },
    {
      // A second server on an empty database, for the first-start /setup tests.
      command: `npx next start -p ${setupPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${setupPort}/setup`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: serverEnv(setupPort, setupDbFile),
    },
  ],
});
