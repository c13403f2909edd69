"use client";

export default function ProjectionsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <>
      <h1>Projections</h1>
      <div className="error" role="alert">
        <p>The projections could not be computed{error.digest ? ` (reference ${error.digest})` : ""}.</p>
        <button type="button" className="secondary" onClick={reset}>
          Try again
        </button>
      </div>
    </>
  );
}
