"use client";

export default function IngestError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  return (
    <div className="error" role="alert">
      <h1>The ingest page could not be loaded</h1>
      <p>Something went wrong on the server{digest ? ` (reference ${digest})` : ""}.</p>
      <button type="button" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
