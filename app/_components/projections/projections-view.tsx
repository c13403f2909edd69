"use client";

import { useCallback } from "react";
import { useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { resolveProjectionParams } from "@/lib/view/projection-params";
import { ProjectionControls } from "./projection-controls";
import { ProjectionReport } from "./projection-report";
import { projectionsQuery } from "./queries";
import styles from "./projections.module.css";

export function ProjectionsView({
  policies,
  families,
  asOf,
}: {
  policies: { id: string; title: string; version: string }[];
  families: string[];
  asOf: string;
}) {
  const sp = useSearchParams();
  const params = resolveProjectionParams(
    sp,
    policies.map((p) => p.id),
  );
  const key = { policy: params.policy, planned: params.planned, family: params.family };
  const query = useQuery({
    ...projectionsQuery(key),
    // Keep the charts while a new planned run computes; a different policy starts blank.
    placeholderData: (prev) => (prev?.policy.id === key.policy ? prev : undefined),
  });
  // Next syncs useSearchParams with history.pushState: no server round trip, the API does the work.
  const navigate = useCallback((href: string) => window.history.pushState(null, "", href), []);

  return (
    <>
      <ProjectionControls params={params} policies={policies} families={families} onNavigate={navigate} />
      <p className={styles.status} role="status">
        {query.isPending
          ? "Computing projections…"
          : query.isFetching && query.isPlaceholderData
            ? "Updating projections…"
            : ""}
      </p>
      {query.isError && (
        <div className="error" role="alert">
          <p>Could not load the projections: {query.error.message}</p>
          <button type="button" className="secondary" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      )}
      {query.isPending && <div className="state">Fitting curves and bootstrapping intervals…</div>}
      {query.data && <ProjectionReport data={query.data} asOf={asOf} />}
    </>
  );
}
