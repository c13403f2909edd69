import type { z } from "zod";

/** `path.to[0].field: message` lines for zod issues, for people reading a terminal. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const where = i.path
      .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
      .join(".")
      .replace(/\.\[/g, "[");
    return `${where || "(root)"}: ${i.message}`;
  });
}
