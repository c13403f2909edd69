import path from "node:path";
import { existsSync, readdirSync } from "node:fs";
import { PolicyFixture, checkFixture } from "@/lib/engine/fixture";
import { formatProblem } from "@/lib/policy";
import type { CliIo } from "./types";
import { loadPolicyFiles, shippedPolicyFiles } from "./commands/policy";
import { formatZodIssues } from "./format";

/**
 * Runs every policy's fixtures (policies/<id>/pass-*.json, fail-*.json). Each fixture is one test;
 * an invalid policy, or one without a pass and a fail fixture, counts as a failure too.
 * Prints `N passed, M failed` as the last line.
 */
export async function runPolicyFixtures(io: CliIo, dir: string, opts: { verbose: boolean }): Promise<number> {
  let passed = 0;
  let failed = 0;
  const absDir = path.resolve(io.cwd, dir);
  if (!existsSync(absDir)) {
    io.stdout(`${dir}: no such directory\n0 passed, 1 failed\n`);
    return 1;
  }
  for (const loaded of loadPolicyFiles(
    io,
    shippedPolicyFiles(absDir).map((f) => path.relative(io.cwd, f)),
  )) {
    const id = path.basename(loaded.file).replace(/\.ya?ml$/, "");
    if (!loaded.policy) {
      failed++;
      io.stdout(
        `FAIL ${id}: policy is invalid\n${loaded.problems.map((p) => "  " + formatProblem(p)).join("\n")}\n`,
      );
      continue;
    }
    const fixtureDir = path.join(absDir, id);
    const files = existsSync(fixtureDir)
      ? readdirSync(fixtureDir)
          .filter((f) => /^(pass|fail)-.+\.json$/.test(f))
          .sort()
      : [];
    for (const kind of ["pass", "fail"]) {
      if (!files.some((f) => f.startsWith(`${kind}-`))) {
        failed++;
        io.stdout(`FAIL ${id}: no ${kind}-*.json fixture in ${path.relative(io.cwd, fixtureDir)}/\n`);
      }
    }
    for (const f of files) {
      const rel = path.relative(io.cwd, path.join(fixtureDir, f));
      let problems: string[];
      try {
        const parsed = PolicyFixture.safeParse(JSON.parse(io.readText(rel)));
        problems = parsed.success
          ? checkFixture(loaded.policy, f, parsed.data)
          : formatZodIssues(parsed.error.issues).map((m) => `invalid fixture: ${m}`);
      } catch (e) {
        problems = [`cannot read fixture: ${e instanceof Error ? e.message : String(e)}`];
      }
      if (problems.length === 0) {
        passed++;
        if (opts.verbose) io.stdout(`ok   ${rel}\n`);
      } else {
        failed++;
        io.stdout(`FAIL ${rel}\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
      }
    }
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
