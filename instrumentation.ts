/**
 * Runs once when the server starts: migrates the database and, when it holds no model yet, seeds the
 * real public demo data, and publishes any shipped policy file that changed (unless an author published
 * or retired that policy through the editor: then the file is skipped, and the reason logged).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./db");
  const { seedDemo } = await import("./db/seed");
  const started = Date.now();
  const report = seedDemo(getDb());
  if (report.seeded) {
    const scores = report.batches.reduce((n, b) => n + b.inserted, 0);
    console.log(
      `scalegate: seeded ${scores} real scores and ${report.determinations} determinations in ${Date.now() - started} ms`,
    );
  }
  if (report.policies_published.length > 0)
    console.log(`scalegate: published ${report.policies_published.join(", ")}`);
  for (const s of report.policies_skipped)
    console.log(`scalegate: shipped ${s.file} not published: ${s.reason}`);
}
