import { readFileSync } from "node:fs";
import path from "node:path";
import type { CliIo } from "../../types";

/** A CliIo for handler tests: in-memory files first, then the repository (cwd = project root). */
export function fakeIo(files: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const cwd = path.resolve(import.meta.dirname, "../../..");
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    isTTY: false,
    readText: (p) => files[p] ?? readFileSync(path.resolve(cwd, p), "utf8"),
    out: () => out,
    err: () => err,
  };
}

export const FIXTURES = "test/fixtures/projection";
