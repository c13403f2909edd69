"use client";

import { useEffect } from "react";

export default function AuditError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  return (
    <section className="panel" aria-labelledby="audit-error-heading">
      <h1 id="audit-error-heading">The audit log could not be loaded</h1>
      <div className="error" role="alert">
        <p>
          Reading the log or re-evaluating the recent decisions failed on the server
          {digest ? ` (reference ${digest}, in the server log)` : ""}.
        </p>
      </div>
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </section>
  );
}
