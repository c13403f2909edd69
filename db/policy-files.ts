import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { loadPolicyText } from "@/lib/policy";
import type { Policy, PolicyProblem } from "@/lib/policy";

export interface ShippedPolicy {
  file: string;
  policy?: Policy;
  problems: PolicyProblem[];
}

/** The policy files shipped in policies/, validated. Invalid files are returned with their problems, not hidden. */
export function readShippedPolicies(
  dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "policies"),
): ShippedPolicy[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const file = `policies/${f}`;
      const r = loadPolicyText(readFileSync(path.join(dir, f), "utf8"), file, {
        expectedId: f.replace(/\.yaml$/, ""),
      });
      return r.ok ? { file, policy: r.policy, problems: [] } : { file, problems: r.problems };
    });
}
