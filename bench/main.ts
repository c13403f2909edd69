/**
 * `npm run bench [section...]`: prints figures, never asserts. Sections: engine, ingest, projections, pages, audit.
 * Each figure is printed next to its target so a reader can judge it.
 */
import { benchEngine } from "./engine";
import { benchIngest } from "./ingest";
import { benchProjections } from "./projections";
import { benchPages } from "./pages";
import { benchAuditLog } from "./audit";

const SECTIONS: Record<
  string,
  () => Record<string, string | number> | Promise<Record<string, string | number>>
> = {
  engine: () => benchEngine(10_000),
  ingest: () => benchIngest(1_000_000),
  projections: () => benchProjections(),
  pages: () => benchPages(2000, 200),
  audit: () => benchAuditLog(100_000),
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SECTIONS);
for (const name of wanted) {
  const run = SECTIONS[name];
  if (!run) {
    console.error(`unknown section ${name}; sections: ${Object.keys(SECTIONS).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) if (!k.startsWith("_")) console.log(`  ${k}: ${v}`);
}
