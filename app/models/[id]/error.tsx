"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function ModelError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : null;
  return (
    <section className="panel" aria-labelledby="err-heading">
      <h1 id="err-heading">This model page could not be shown</h1>
      <p className="error" role="alert">
        Something went wrong while evaluating the model. Nothing was changed.
        {digest && (
          <>
            {" "}
            Reference for the server log: <code>{digest}</code>
          </>
        )}
      </p>
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        <Link href="/">Back to the overview</Link>
      </p>
    </section>
  );
}
