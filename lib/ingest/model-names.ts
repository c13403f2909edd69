/**
 * Model names as labs and aggregators write them, and what is not part of a model's identity.
 * Epoch's "Model version" appends the elicitation setting to the model id: `_high` / `_xhigh` /
 * `_medium` / `_low` / `_minimal` / `_none` (OpenAI reasoning effort), `_16K` / `_32K` / `_64K`
 * (Anthropic extended-thinking budget in tokens), `_unknown` (effort not reported). The same
 * model at two settings is one model with two elicitations, not two models.
 */

const ELICITATION_SUFFIX = /^(.*[^_\s])_(xhigh|high|medium|low|minimal|none|unknown|\d+(?:\.\d+)?[kK])$/;

export interface SplitName {
  model: string;
  elicitation: string | null;
}

/** `"claude-3-7-sonnet-20250219_32K"` -> `{ model: "claude-3-7-sonnet-20250219", elicitation: "32K" }`. */
export function splitElicitation(raw: string): SplitName {
  const name = raw.trim();
  const m = ELICITATION_SUFFIX.exec(name);
  if (!m || m[1] === undefined || m[2] === undefined) return { model: name, elicitation: null };
  return { model: m[1], elicitation: m[2] };
}

/**
 * A stable slug for a raw model name: the last path segment (provider and hub prefixes such as
 * `openai/` or `meta-llama/` are routing, not identity), lowercased, with every run of characters
 * other than letters, digits and dots collapsed to one hyphen. Dots survive because they carry
 * meaning in version numbers (`gpt-4.1` is not `gpt-4-1`). Split the elicitation off first.
 */
export function normaliseModelId(raw: string): string {
  const last =
    raw
      .trim()
      .split("/")
      .filter((s) => s.trim() !== "")
      .pop() ?? "";
  return last
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/-?\.-?/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "");
}

export interface NearDuplicate {
  id: string;
  /** 0..1, higher is more alike. */
  score: number;
  reason: "same-tokens" | "date-stamped-variant" | "edit-distance";
}

/** Tokens of a slug, splitting letter/digit boundaries too: "claude-3.5-sonnet" -> claude 3 5 sonnet. */
function tokens(slug: string): string[] {
  return slug
    .split(/[-.]+/)
    .flatMap((t) => t.match(/[a-z]+|\d+/g) ?? [])
    .filter((t) => t !== "");
}

const DATE_TOKEN = /^(?:\d{8}|\d{6}|\d{4})$/;

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Existing model ids that may be the same model as `name` under another spelling, best first, for
 * a person to confirm: the same tokens ("claude-3.5-sonnet" / "claude-3-5-sonnet"), a date-stamped
 * variant ("gpt-4o" / "gpt-4o-2024-05-13"), or a small edit distance. An id equal to the slug of
 * `name` is a match, not a near duplicate, and is not returned.
 */
export function findNearDuplicates(
  name: string,
  existingIds: Iterable<string>,
  opts: { minScore?: number } = {},
): NearDuplicate[] {
  const minScore = opts.minScore ?? 0.85;
  const slug = normaliseModelId(splitElicitation(name).model);
  const mine = tokens(slug);
  const out: NearDuplicate[] = [];
  for (const id of new Set(existingIds)) {
    const other = normaliseModelId(id);
    if (other === slug || other === "") continue;
    const theirs = tokens(other);
    let hit: NearDuplicate | null = null;
    if (mine.join(" ") === theirs.join(" ")) {
      hit = { id, score: 0.99, reason: "same-tokens" };
    } else if (isDateStampedVariant(mine, theirs) || isDateStampedVariant(theirs, mine)) {
      hit = { id, score: 0.9, reason: "date-stamped-variant" };
    } else {
      const a = mine.join("");
      const b = theirs.join("");
      const score = 1 - levenshtein(a, b) / Math.max(a.length, b.length, 1);
      // Numbers are identity: sizes (7b / 70b), versions (3 / 3.1), dates (2402 / 2407). Two names
      // whose numbers differ are different models however alike they look; a spelling slip is only
      // possible where every number agrees (e.g. "mistral-larg-2407" / "mistral-large-2407").
      // Short names differ by one character when they are different models (o1 / o3, gpt-4 / gpt-5).
      const numbers = (ts: string[]) => ts.filter((t) => /^\d+$/.test(t)).join(" ");
      if (score >= minScore && Math.min(a.length, b.length) >= 8 && numbers(mine) === numbers(theirs))
        hit = { id, score, reason: "edit-distance" };
    }
    if (hit && hit.score >= minScore) out.push(hit);
  }
  return out.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
}

/** `longer` is `shorter` plus only date-like tokens (2024 05 13, 20240620). */
function isDateStampedVariant(shorter: string[], longer: string[]): boolean {
  if (longer.length <= shorter.length) return false;
  if (!shorter.every((t, i) => longer[i] === t)) return false;
  const extra = longer.slice(shorter.length);
  return extra.some((t) => DATE_TOKEN.test(t)) && extra.every((t) => DATE_TOKEN.test(t) || /^\d{2}$/.test(t));
}
