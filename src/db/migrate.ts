/**
 * Applies the committed migrations. On a PostgreSQL server several app servers may start at
 * once, so the run holds an advisory lock; PGlite has a single process by construction.
 */
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fromRoot } from '../paths.ts';
import type { Database } from './client.ts';

export const migrationsFolder = fromRoot('migrations');

const LOCK_KEY = 727_001;

export async function migrateDatabase(database: Database): Promise<void> {
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
