import type { Db } from "@/db";
import { seedGateFixtures } from "@/db/decisions.test-fixtures";
import { openTempDb } from "@/test/fixtures/db/helpers";
import type { TempDb } from "@/test/fixtures/db/helpers";

/**
 * Test-only, for the governance route tests: each test gets its own database file with the gate
 * fixtures, and the route handlers (which call getDb()) are pointed at it through DATABASE_URL.
 */
const globalForDb = globalThis as unknown as { __scalegateDb?: { file: string; db: Db } };

let open: TempDb[] = [];

export function routeDb(): TempDb {
  const t = openTempDb();
  open.push(t);
  seedGateFixtures(t.db);
  process.env.DATABASE_URL = t.file;
  return t;
}

export function closeRouteDbs(): void {
  const cached = globalForDb.__scalegateDb;
  if (cached?.db.$client.open) cached.db.$client.close();
  delete globalForDb.__scalegateDb;
  for (const t of open) t.dispose();
  open = [];
  delete process.env.DATABASE_URL;
}

export function countRows(t: TempDb, table: string): number {
  return (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
