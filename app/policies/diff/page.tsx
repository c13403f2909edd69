import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { comparePolicyRefs, listStoredVersions } from "@/db/policy-compare";
import type { StoredVersion } from "@/db/policy-compare";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import { DomainError } from "@/lib/errors";
import type { ErrorIssue } from "@/lib/errors";
import { policyName } from "@/lib/view/policy";
import { ComparisonView } from "@/app/_components/policy-compare/comparison-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "What changed" };

type Params = Record<string, string | string[] | undefined>;

function param(sp: Params, name: string): string | undefined {
  const v = sp[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

const name = (v: StoredVersion) => policyName(v.title, v.version);
const inForce = (v: StoredVersion) => v.effective ?? v.published;

function optionLabel(v: StoredVersion): string {
  return `${name(v)} · ${v.status === "published" ? "published" : `retired, stored version #${v.policy_version_id}`} · in force from ${inForce(v)}`;
}

function diffHref(from: string, to: string): string {
  return `/policies/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

type Outcome =
  | { kind: "none" }
  | { kind: "ok"; data: PolicyComparison }
  | { kind: "error"; message: string; issues: ErrorIssue[] };

function compare(from: string | undefined, to: string | undefined, asOf: string | undefined): Outcome {
  if (!to && !from) return { kind: "none" };
  if (!to)
    return {
      kind: "error",
      message: "Choose the newer version to compare with.",
      issues: [{ path: "to", message: "is missing" }],
    };
  try {
    return { kind: "ok", data: comparePolicyRefs(getDb(), { from, to, as_of: asOf }) };
  } catch (e) {
    if (e instanceof DomainError && (e.code === "NOT_FOUND" || e.code === "VALIDATION"))
      return { kind: "error", message: e.message, issues: e.issues };
    throw e;
  }
}

function Picker({
  id,
  label,
  versions,
  selected,
  blank,
}: {
  id: string;
  label: string;
  versions: StoredVersion[];
  selected: string;
  blank: string;
}) {
  const policies = [...new Set(versions.map((v) => v.policy_id))];
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} name={id} defaultValue={selected}>
        <option value="">{blank}</option>
        {policies.map((p) => {
          const vs = versions.filter((v) => v.policy_id === p);
          return (
            <optgroup key={p} label={`${vs[0]!.publisher}: ${p}`}>
              {vs.map((v) => (
                <option key={v.ref} value={v.ref}>
                  {optionLabel(v)}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}

/** "What changed" between two stored versions of a framework: /policies/diff?from=<ref>&to=<ref>. */
export default async function PolicyDiffPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const from = param(sp, "from");
  const to = param(sp, "to");
  const asOf = param(sp, "as_of");
  const versions = listStoredVersions(getDb());
  const outcome = compare(from, to, asOf);
  const byRowId = (id: number) => versions.find((v) => v.policy_version_id === id);
  const chosen =
    outcome.kind === "ok"
      ? { from: byRowId(outcome.data.from.policy_version_id), to: byRowId(outcome.data.to.policy_version_id) }
      : null;
  // A picker shows the version compared; a ref it cannot list (a draft, a typo) leaves it on the blank.
  const selected = (ref: string | undefined, row: StoredVersion | undefined) =>
    row?.ref ?? (ref && versions.some((v) => v.ref === ref) ? ref : "");
  const backwards = chosen?.from && chosen.to && inForce(chosen.from) > inForce(chosen.to);
  const suggestions = versions.flatMap((v) => {
    const prev =
      v.status === "published" && v.supersedes ? versions.find((p) => p.ref === v.supersedes) : undefined;
    return prev ? [{ from: prev, to: v }] : [];
  });

  return (
    <>
      <nav aria-label="Breadcrumb" className="meta">
        <Link href="/policies">Policies</Link> / what changed
      </nav>
      <h1>
        {outcome.kind === "ok"
          ? `What changed: ${policyName(outcome.data.from.title, outcome.data.from.version)} → ${policyName(outcome.data.to.title, outcome.data.to.version)}`
          : "What changed between two policy versions"}
      </h1>
      <p className="lede">
        Two stored versions of a framework side by side: the thresholds added, removed, carried over under a
        new id or reworded, the numbers, safeguards and gates that changed, and the models whose level,
        required safeguards or gate outcomes read differently.
      </p>

      <form
        method="get"
        action="/policies/diff"
        className="filters"
        aria-label="Choose the versions to compare"
      >
        <Picker
          id="from"
          label="From (older)"
          versions={versions}
          selected={selected(from, chosen?.from)}
          blank="the version “to” supersedes"
        />
        <Picker
          id="to"
          label="To (newer)"
          versions={versions}
          selected={selected(to, chosen?.to)}
          blank="choose a version"
        />
        <label htmlFor="as_of">
          Models as of
          <input id="as_of" name="as_of" type="date" defaultValue={asOf ?? ""} />
        </label>
        <button type="submit">Compare</button>
      </form>

      {outcome.kind === "error" && (
        <div className="error" role="alert">
          <p>
            <strong>These versions cannot be compared.</strong> {outcome.message}
          </p>
          {outcome.issues.length > 0 && (
            <ul>
              {outcome.issues.map((i, k) => (
                <li key={k}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
          <p>Choose both versions from the lists above.</p>
        </div>
      )}

      {outcome.kind === "none" && (
        <div className="state">
          <p>Choose two versions above, or start from a framework and the version it replaced:</p>
          {suggestions.length === 0 ? (
            <p>No stored version declares the version it supersedes.</p>
          ) : (
            <ul>
              {suggestions.map((s) => (
                <li key={s.to.ref}>
                  <Link href={diffHref(s.from.ref, s.to.ref)}>
                    {name(s.from)} → {name(s.to)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {outcome.kind === "ok" && (
        <>
          {backwards && (
            <p className="state" role="note">
              “From” took effect after “to” ({inForce(chosen!.from!)} and {inForce(chosen!.to!)}): this reads
              the change backwards.{" "}
              <Link href={diffHref(chosen!.to!.ref, chosen!.from!.ref)}>Swap the two versions</Link>.
            </p>
          )}
          <ComparisonView data={outcome.data} />
        </>
      )}
    </>
  );
}
