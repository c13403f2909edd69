"use client";

import { useState } from "react";
import type { ProjectionParams } from "@/lib/view/projection-params";
import { parsePlanned, projectionsHref } from "@/lib/view/projection-params";
import styles from "./projections.module.css";

/**
 * The page's state is the URL. A plain GET form, so it works before hydration; once hydrated, changes
 * are pushed to the history and the data comes from the API.
 */
export function ProjectionControls({
  params,
  policies,
  families,
  onNavigate,
}: {
  params: ProjectionParams;
  policies: { id: string; title: string; version: string }[];
  families: string[];
  onNavigate: (href: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const shownError = error ?? params.plannedError;
  const go = (over: Partial<{ policy: string; planned: string | null; family: string | null }>) =>
    onNavigate(
      projectionsHref({
        policy: over.policy ?? params.policy,
        planned: "planned" in over ? over.planned : params.planned !== null ? params.plannedRaw : null,
        family: "family" in over ? over.family : params.family,
      }),
    );

  return (
    <form
      method="get"
      action="/projections"
      className="filters"
      aria-label="Projection settings"
      onSubmit={(e) => {
        e.preventDefault();
        const raw = String(new FormData(e.currentTarget).get("planned") ?? "").trim();
        if (raw === "") {
          setError(null);
          go({ planned: null });
          return;
        }
        const p = parsePlanned(raw);
        if ("error" in p) {
          setError(`Planned run ${p.error}.`);
          return;
        }
        setError(null);
        go({ planned: raw });
      }}
    >
      <label>
        Policy
        <select name="policy" value={params.policy} onChange={(e) => go({ policy: e.target.value })}>
          {!policies.some((p) => p.id === params.policy) && (
            <option value={params.policy}>{params.policy}</option>
          )}
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} (version {p.version})
            </option>
          ))}
        </select>
      </label>
      <label>
        Model family
        <select
          name="family"
          value={params.family ?? ""}
          onChange={(e) => go({ family: e.target.value === "" ? null : e.target.value })}
        >
          <option value="">All families</option>
          {params.family && !families.includes(params.family) && (
            <option value={params.family}>{params.family} (not in the data)</option>
          )}
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <label>
        Planned run (FLOP)
        <input
          key={params.plannedRaw ?? ""}
          name="planned"
          type="text"
          inputMode="decimal"
          placeholder="e.g. 1e27"
          defaultValue={params.plannedRaw ?? ""}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? "planned-error" : "planned-hint"}
          size={12}
        />
      </label>
      <button type="submit">Show P(crossing)</button>
      {shownError ? (
        <p id="planned-error" className={styles.fieldError} role="alert">
          {shownError}
        </p>
      ) : (
        <p id="planned-hint" className="meta" style={{ margin: 0 }}>
          Effective compute of the next training run, e.g. 1e27; gives P(crossing) per threshold.
        </p>
      )}
    </form>
  );
}
