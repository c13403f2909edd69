/**
 * The whole test suite, as the README's test command runs it: lint, format, typecheck, unit tests,
 * policy fixtures, a production build and the browser tests. Ends with one line
 * `N passed, M failed` totalling the unit, policy-fixture and browser tests.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

interface Step {
  name: string;
  cmd: string[];
  /** reads the step's test counts, when it runs tests */
  count?: (stdout: string) => { passed: number; failed: number } | null;
}

mkdirSync("test-results", { recursive: true });

const steps: Step[] = [
  { name: "lint", cmd: ["npx", "eslint", ".", "--max-warnings", "0"] },
  { name: "format", cmd: ["npx", "prettier", "--check", "."] },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit", "-p", "."] },
  {
    name: "unit",
    cmd: [
      "npx",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      "--outputFile.json=test-results/unit-report.json",
    ],
    count: () => {
      if (!existsSync("test-results/unit-report.json")) return null;
      const r = JSON.parse(readFileSync("test-results/unit-report.json", "utf8")) as {
        numPassedTests: number;
        numFailedTests: number;
      };
      return { passed: r.numPassedTests, failed: r.numFailedTests };
    },
  },
  {
    name: "policy fixtures",
    cmd: ["npx", "tsx", "cli/main.ts", "policy", "test"],
    count: (out) => {
      const m = /(\d+) passed, (\d+) failed\s*$/.exec(out);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
    },
  },
  { name: "build", cmd: ["npx", "next", "build"] },
  { name: "chromium", cmd: ["bash", "scripts/ensure-chromium.sh"] },
  {
    name: "browser",
    cmd: ["npx", "playwright", "test"],
    count: () => {
      if (!existsSync("test-results/e2e-report.json")) return null;
      const r = JSON.parse(readFileSync("test-results/e2e-report.json", "utf8")) as {
        stats: { expected: number; unexpected: number; flaky: number };
      };
      return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
    },
  },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failedSteps: string[] = [];
const started = Date.now();
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  rmSync("test-results/unit-report.json", { force: true });
  rmSync("test-results/e2e-report.json", { force: true });
  const t0 = Date.now();
  process.stdout.write(`\n=== ${step.name}: ${step.cmd.join(" ")}\n`);
  const r = spawnSync(step.cmd[0]!, step.cmd.slice(1), {
    stdio: step.count ? ["inherit", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  if (step.count) process.stdout.write(r.stdout ?? "");
  const ok = r.status === 0;
  if (step.count) {
    const c = step.count(r.stdout ?? "");
    if (c) {
      passed += c.passed;
      failed += c.failed;
    } else if (!ok) failed += 1; // the runner died before reporting: count it, never hide it
  }
  if (!ok) failedSteps.push(step.name);
  process.stdout.write(
    `=== ${step.name}: ${ok ? "ok" : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`,
  );
}
process.stdout.write(
  `\n${failedSteps.length ? `failed steps: ${failedSteps.join(", ")}` : "all steps ok"} (${((Date.now() - started) / 1000).toFixed(0)}s)\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failedSteps.length > 0 ? 1 : 0);
