/**
 * Applies the committed migrations. On a PostgreSQL server several app servers may start at
 * once, so the run holds an advisory lock; PGlite has a single process by construction.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fromRoot } from '../paths.ts';
import { queryRows, sql, type Database } from './client.ts';

export const migrationsFolder = fromRoot('migrations');

const LOCK_KEY = 727_001;

export async function migrateDatabase(database: Database): Promise<void> {
  // Every start comes here, and almost always finds nothing to do (decision 011).
  if (await migrationsUpToDate(database)) return;
  // The migrators are small and load no driver; they are imported up front because loading a
  // module between opening the database and answering was measured to stall a busy start.
  if (database.pglite) {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!database.pool) throw new Error('migrateDatabase: no engine');
  // Already loaded by openDatabase (src/db/client.ts).
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/**
 * Whether the database has recorded every committed migration, by the rule drizzle's migrator
 * applies: a migration runs when it is newer than the newest one recorded. A restart then costs
 * two small queries instead of the migrator reading and hashing every migration file and running
 * four statements (about 20 ms of CPU, several times that in wall time on a busy 2-core machine).
 */
export async function migrationsUpToDate(database: Database): Promise<boolean> {
  const [table] = await queryRows<{ found: boolean }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`,
  );
  if (!table?.found) return false;
  const [recorded] = await queryRows<{ newest: string | number | null }>(
    database.db,
    sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
  );
  return recorded?.newest != null && Number(recorded.newest) >= newestCommittedMigration();
}

/** The journal's newest migration time, which drizzle records as the migration's created_at. */
function newestCommittedMigration(): number {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}
