"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { compareHref } from "@/lib/view/overview-links";
import { MAX_COMPARE } from "@/lib/view/overview-compare";
import styles from "./compare.module.css";

/** Adds a model to the comparison (by id or exact name) and switches the policy, through the URL. */
export function ComparePicker({
  models,
  selected,
  policy,
  policies,
  onlyDifferences,
}: {
  models: { id: string; name: string }[];
  selected: string[];
  policy: string | null;
  policies: { id: string; title: string }[];
  onlyDifferences: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const full = selected.length >= MAX_COMPARE;

  function go(ids: string[], p: string | null) {
    startTransition(() => router.push(compareHref(ids, p, { onlyDifferences })));
  }

  function add() {
    const v = text.trim().toLowerCase();
    if (!v) return setError("Type a model's name or id, or pick one from the list.");
    const hit = models.find((m) => m.id.toLowerCase() === v || m.name.toLowerCase() === v);
    if (!hit) return setError(`No model is called "${text.trim()}". Pick one from the list.`);
    if (selected.includes(hit.id)) return setError(`${hit.name} is already compared.`);
    setError(null);
    setText("");
    go([...selected, hit.id], policy);
  }

  return (
    <div className={styles.picker}>
      <form
        className="filters"
        method="get"
        action="/compare"
        aria-label="Add a model to the comparison"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        {/* Without script the form still works: the server appends `add` to `models`. */}
        <input type="hidden" name="models" value={selected.join(",")} />
        {policy && <input type="hidden" name="policy" value={policy} />}
        <div className={styles.field}>
          <label htmlFor={`${id}-add`}>Add a model</label>
          <input
            id={`${id}-add`}
            type="search"
            name="add"
            list="compare-model-options"
            value={text}
            disabled={full}
            placeholder={full ? `at most ${MAX_COMPARE} models` : "name or id"}
            autoComplete="off"
            aria-describedby={error ? "compare-picker-error" : undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </div>
        <datalist id="compare-model-options">
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name === m.id ? undefined : m.name}
            </option>
          ))}
        </datalist>
        <button type="submit" disabled={full}>
          Add
        </button>
        <div className={styles.field}>
          <label htmlFor={`${id}-policy`}>Policy</label>
          <select
            id={`${id}-policy`}
            value={policy ?? ""}
            onChange={(e) => go(selected, e.target.value || null)}
          >
            <option value="">Every published policy</option>
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        <p className={styles.pending} role="status" aria-live="polite">
          {pending ? "Updating…" : ""}
        </p>
      </form>
      {error && (
        <p id="compare-picker-error" className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
