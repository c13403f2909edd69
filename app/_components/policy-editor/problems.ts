import { loadPolicyText } from "@/lib/policy/load";
import type { PolicyProblem } from "@/lib/policy/problems";
import type { PolicyVersionItem } from "@/lib/api/policy-draft-schemas";

/**
 * The editor's checks, pure: the same loader the API runs on a draft (YAML syntax, the zod schema, the
 * semantic checks such as a reference to an undeclared level), located for the editor and phrased for
 * the list under it. Kept free of CodeMirror so it is tested without a browser.
 */

export interface EditorProblem {
  line: number;
  col: number;
  message: string;
}

/** "line 12: levels[2]: …": the list under the editor and the screen-reader text of a marker. */
export function problemText(p: EditorProblem): string {
  return `line ${p.line}: ${p.message}`;
}

/** Line first, then column, then message, so the list reads top to bottom like the file. */
export function sortProblems<P extends EditorProblem>(problems: readonly P[]): P[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}

/**
 * Checks a policy text as a draft of `policyId`. The `id:` must stay the policy's own: a draft cannot
 * move to another policy. An empty text is one problem, not an exception. `version` is the `version:`
 * label of a valid text (null while the text has problems).
 */
export function checkPolicyText(
  text: string,
  policyId: string,
): { problems: EditorProblem[]; version: string | null } {
  if (text.trim() === "")
    return { problems: [{ line: 1, col: 1, message: "the policy is empty" }], version: null };
  const r = loadPolicyText(text, `${policyId}.yaml`, { expectedId: policyId });
  return r.ok
    ? { problems: [], version: r.policy.version }
    : { problems: sortProblems(r.problems.map(toEditorProblem)), version: null };
}

function toEditorProblem(p: PolicyProblem): EditorProblem {
  return { line: p.line, col: p.col, message: p.message };
}

/** The document as CodeMirror sees it, reduced to what locating a problem needs. */
export interface LineSource {
  lines: number;
  line(n: number): { from: number; to: number };
}

/**
 * The character range a problem marks: from its column to the end of its line. A line or column
 * beyond the text (the file was edited since the check) is clamped, never thrown on.
 */
export function problemRange(doc: LineSource, p: EditorProblem): { from: number; to: number } {
  const n = Math.min(Math.max(1, Math.trunc(p.line) || 1), Math.max(1, doc.lines));
  const line = doc.line(n);
  const from = Math.min(line.from + Math.max(0, (Math.trunc(p.col) || 1) - 1), line.to);
  return { from, to: Math.max(from, line.to) };
}

/**
 * A version that already carries this label and was published (now or before): the API refuses to
 * publish a second text under it, so the editor says so before anyone tries. A draft whose text is
 * exactly that version's (same sha256) restores it rather than reusing its label (see
 * /work/brief/ui-needs.md §1 for the API side).
 */
export function labelTakenBy(
  label: string | null,
  versions: readonly PolicyVersionItem[],
  self: { id: number; sha256: string } | null,
): PolicyVersionItem | null {
  if (label === null) return null;
  return (
    versions.find(
      (v) =>
        v.policy_version_id !== self?.id &&
        v.published_at !== null &&
        v.version === label &&
        v.sha256 !== self?.sha256,
    ) ?? null
  );
}
