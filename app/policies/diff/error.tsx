"use client";

import Link from "next/link";

export default function PolicyDiffError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  return (
    <div className="error" role="alert">
      <h1>The comparison could not be made</h1>
      <p>Something went wrong on the server{digest ? ` (reference ${digest})` : ""}.</p>
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        or <Link href="/policies/diff">choose other versions</Link>.
      </p>
    </div>
  );
}
