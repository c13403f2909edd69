/**
 * Shown while a page renders on the server. The first view after the data changes evaluates every
 * model under every published policy, which takes a moment on a large database.
 */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="state">
      <p>Loading… the first view after new data re-evaluates every model, which can take a few seconds.</p>
    </div>
  );
}
