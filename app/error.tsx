"use client";

import { useEffect } from "react";
import { usePathname } from "next/navigation";

/** What each page loads, so the error can say what failed (production hides the server's message). */
function whatFailed(pathname: string): string {
  if (pathname === "/") return "the overview: every model evaluated under every published policy";
  if (pathname.startsWith("/compare")) return "the comparison of the chosen models";
  return `the page ${pathname}`;
}

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  const pathname = usePathname();
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <section className="panel" aria-labelledby="error-heading">
      <h1 id="error-heading">This page could not be loaded</h1>
      <div className="error" role="alert">
        <p>
          Loading {whatFailed(pathname)} failed
          {digest
            ? " on the server, while reading the database or evaluating the models."
            : ` in the browser: ${error instanceof Error ? error.message : String(error)}`}
        </p>
        {/* A server error's message stays in the server log (it may hold internals); the reference finds it. */}
        {digest && <p>Reference for the server log: {digest}</p>}
      </div>
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </section>
  );
}
