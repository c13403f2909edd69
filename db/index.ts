import path from "node:path";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE = "./data/scalegate.db";

/** `DATABASE_URL` may be a path, a `file:` URL, or `:memory:`; the default is ./data/scalegate.db. */
export function resolveDatabasePath(url = process.env.DATABASE_URL): string {
  const raw = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE;
  if (raw === ":memory:") return raw;
  if (raw.startsWith("file://")) return fileURLToPath(raw);
  if (raw.startsWith("file:")) return path.resolve(raw.slice("file:".length));
  if (/^[a-z]+:\/\//i.test(raw))
    throw new Error(`DATABASE_URL "${raw}": only SQLite files are supported (a path or a file: URL)`);
  return path.resolve(raw);
}

function migrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
}

/** Opens (creating if needed) and migrates a database. WAL, foreign keys on, and a busy timeout for concurrent writers. */
export function openDb(file: string): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

const globalForDb = globalThis as unknown as { __scalegateDb?: { file: string; db: Db } };

/** The one handle of the process, cached on globalThis so dev reloads do not open a second one. */
export function getDb(): Db {
  const file = resolveDatabasePath();
  const cached = globalForDb.__scalegateDb;
  if (cached && cached.file === file) return cached.db;
  const db = openDb(file);
  globalForDb.__scalegateDb = { file, db };
  return db;
}

/**
 * Runs fn in one synchronous write transaction (BEGIN IMMEDIATE, so two processes never deadlock
 * upgrading a read lock). An async callback would not roll back, so none is accepted.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => T extends Promise<unknown> ? never : T): T {
  return db.$client.transaction(() => fn(db)).immediate() as T;
}

export { schema };
