import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { z } from "zod";
import { Policy } from "./schema";
import { checkSemantics } from "./semantics";
import type { PolicyProblem, YamlPath } from "./problems";

/** Policy files are small documents; anything bigger is a mistake or an attack. */
export const MAX_POLICY_BYTES = 1024 * 1024;
/** Anchors are rarely useful in a policy; a hundred aliases stops a "billion laughs" expansion in ms. */
export const MAX_ALIAS_COUNT = 100;

export type LoadResult =
  { ok: true; policy: Policy; problems: [] } | { ok: false; policy?: undefined; problems: PolicyProblem[] };

interface Located {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Parses and validates one policy file. Never throws for bad input: every problem comes back
 * with the file, line and column it concerns.
 */
export function loadPolicyText(text: string, file: string, opts: { expectedId?: string } = {}): LoadResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES) {
    return fail([
      {
        file,
        line: 1,
        col: 1,
        message: `file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a policy file may be at most ${MAX_POLICY_BYTES / 1024 / 1024} MB`,
      },
    ]);
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const located: Located = { doc, lineCounter };
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => ({
        file,
        ...position(located, e.pos[0]),
        message: `YAML syntax: ${firstLine(e.message)}`,
      })),
    );
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fail([
      {
        file,
        line: 1,
        col: 1,
        message: `YAML: ${firstLine(message)} (aliases are limited to ${MAX_ALIAS_COUNT})`,
      },
    ]);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fail([
      { file, line: 1, col: 1, message: "a policy file must be a YAML mapping (key: value pairs)" },
    ]);
  }

  const parsed = Policy.safeParse(raw);
  if (!parsed.success) {
    return fail(zodProblems(parsed.error.issues, located, file));
  }

  const semantic = checkSemantics(parsed.data, opts.expectedId);
  if (semantic.length > 0) {
    return fail(semantic.map((p) => ({ file, ...nodePosition(located, p.path, p.key), message: p.message })));
  }
  return { ok: true, policy: parsed.data, problems: [] };
}

export function formatProblem(p: PolicyProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

function fail(problems: PolicyProblem[]): LoadResult {
  return { ok: false, problems };
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

function position(l: Located, offset: number | undefined): { line: number; col: number } {
  if (offset === undefined) return { line: 1, col: 1 };
  const { line, col } = l.lineCounter.linePos(offset);
  return { line, col };
}

/** Finds the YAML node at a path, walking up to the nearest existing ancestor. */
function nodePosition(l: Located, path: YamlPath, key?: string): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? l.doc.contents : l.doc.getIn(sub, true);
    if (!isNode(node)) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key);
      if (pair && isNode(pair.key)) return position(l, pair.key.range?.[0]);
    }
    // For a value whose key exists, point at the key's line: it is where an author looks.
    if (depth > 0 && depth === path.length) {
      const parent = depth === 1 ? l.doc.contents : l.doc.getIn(sub.slice(0, -1), true);
      const last = sub[sub.length - 1];
      if (isMap(parent) && typeof last === "string") {
        const pair = parent.items.find(
          (it) => isPair(it) && isScalar(it.key) && String(it.key.value) === last,
        );
        if (pair && isNode(pair.value)) return position(l, (pair.value as Node).range?.[0]);
      }
      if (isSeq(parent)) return position(l, (node as Node).range?.[0]);
    }
    return position(l, (node as Node).range?.[0]);
  }
  return { line: 1, col: 1 };
}

function pathLabel(path: YamlPath): string {
  return path.length === 0
    ? "(top level)"
    : path
        .map((p) => (typeof p === "number" ? `[${p}]` : p))
        .join(".")
        .replace(/\.\[/g, "[");
}

function zodProblems(issues: readonly z.core.$ZodIssue[], l: Located, file: string): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const issue of flattenUnions(issues)) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          file,
          ...nodePosition(l, path, key),
          message: `${pathLabel([...path, key])}: unknown key "${key}"`,
        });
      }
      continue;
    }
    out.push({ file, ...nodePosition(l, path), message: `${pathLabel(path)}: ${describeIssue(issue)}` });
  }
  return dedupe(out);
}

/**
 * Zod reports a failed union as one issue holding every branch's errors. For a predicate or threshold
 * the useful message is the branch the author meant: the one that got furthest (fewest, deepest issues).
 */
function flattenUnions(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branches = issue.errors.map((errs) =>
        errs.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue),
      );
      const score = (errs: z.core.$ZodIssue[]) =>
        errs.some((e) => e.code === "invalid_type" && e.path.length === issue.path.length)
          ? 1e6
          : errs.length - maxDepth(errs) * 10;
      const best = branches.reduce((a, b) => (score(b) < score(a) ? b : a));
      out.push(...flattenUnions(best));
    } else {
      out.push(issue);
    }
  }
  return out;
}

function maxDepth(issues: z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (/received -?(NaN|Infinity)/.test(issue.message))
        return "must be a finite number (.nan and .inf are not allowed)";
      return issue.message.includes("received undefined")
        ? `is required (${issue.expected})`
        : issue.message.replace(/^Invalid input: /, "");
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
