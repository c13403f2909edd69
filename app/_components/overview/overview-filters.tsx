"use client";

import { useEffect, useEffectEvent, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { overviewHref } from "@/lib/view/overview-links";
import { OVERVIEW_SORTS, SORT_LABEL } from "@/lib/view/overview-schema";
import type { LevelRef, OverviewParams, OverviewSort } from "@/lib/view/overview-schema";
import styles from "./overview.module.css";

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The filters live in the URL: every change replaces it (the server renders the new view), the search
 * box after a pause in typing. A real form, so Enter applies it at once and it works without script.
 */
export function OverviewFilters({
  params,
  policies,
  developers,
  families,
  levels,
}: {
  params: OverviewParams;
  policies: { id: string; title: string }[];
  developers: string[];
  families: string[];
  levels: LevelRef[];
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  // The controls show what was chosen at once (the draft) while the server renders it. Several changes
  // in a row build on each other, not on the URL the server has confirmed so far. A URL this form did
  // not push (the back button, a link) replaces the draft.
  const current = overviewHref(params);
  const [draft, setDraft] = useState(params);
  const [text, setText] = useState(params.q ?? "");
  const [seen, setSeen] = useState(current);
  const [pushed, setPushed] = useState<string[]>([]);
  if (current !== seen) {
    setSeen(current);
    const i = pushed.indexOf(current);
    if (i === -1) {
      setDraft(params);
      setText(params.q ?? "");
      setPushed([]);
    } else setPushed(pushed.slice(i + 1));
  }

  function go(next: Partial<OverviewParams>) {
    const target: OverviewParams = { ...draft, ...next, page: 1 };
    const href = overviewHref(target);
    setDraft(target);
    setPushed((p) => [...p, href]);
    startTransition(() => router.replace(href, { scroll: false }));
  }

  const typed = text.trim();
  const search = useEffectEvent((q: string) => go({ q: q || undefined }));
  useEffect(() => {
    if (typed === (draft.q ?? "")) return;
    const t = setTimeout(() => search(typed), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed, draft.q]);

  return (
    <form
      role="search"
      aria-label="Filter models"
      className="filters"
      method="get"
      action="/"
      onSubmit={(e) => {
        e.preventDefault();
        go({ q: typed || undefined });
      }}
    >
      <div className={styles.field}>
        <label htmlFor={`${id}-policy`}>Policy</label>
        <select
          id={`${id}-policy`}
          name="policy"
          value={draft.policy}
          // A level belongs to one policy's ladder: switching policy drops the level filter.
          onChange={(e) => go({ policy: e.target.value, level: undefined })}
        >
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-q`}>Search models</label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          value={text}
          placeholder="name or id"
          autoComplete="off"
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-developer`}>Developer</label>
        <select
          id={`${id}-developer`}
          name="developer"
          value={draft.developer ?? ""}
          onChange={(e) => go({ developer: e.target.value || undefined })}
        >
          <option value="">Any developer</option>
          {developers.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-family`}>Family</label>
        <select
          id={`${id}-family`}
          name="family"
          value={draft.family ?? ""}
          onChange={(e) => go({ family: e.target.value || undefined })}
        >
          <option value="">Any family</option>
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-level`}>Level</label>
        <select
          id={`${id}-level`}
          name="level"
          value={draft.level ?? ""}
          onChange={(e) => go({ level: e.target.value || undefined })}
        >
          <option value="">Any level</option>
          {levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.id}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          name="sort"
          value={draft.sort}
          onChange={(e) => go({ sort: e.target.value as OverviewSort })}
        >
          {OVERVIEW_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          name="evidence"
          value="with"
          checked={draft.evidence === "with"}
          onChange={(e) => go({ evidence: e.target.checked ? "with" : "all" })}
        />
        Only models with evidence under this policy
      </label>
      {/* The planned run is set in the address, not here; a submit without script keeps it. */}
      {draft.planned !== undefined && <input type="hidden" name="planned" value={String(draft.planned)} />}
      <p className={styles.pending} role="status" aria-live="polite">
        {pending ? "Updating…" : ""}
      </p>
    </form>
  );
}
