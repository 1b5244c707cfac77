/**
 * Applies the committed migrations. On a PostgreSQL server several app servers may start at
 * once, so the run holds an advisory lock; PGlite has a single process by construction.
 */
import { fromRoot } from '../paths.ts';
import type { Database } from './client.ts';

export const migrationsFolder = fromRoot('migrations');

const LOCK_KEY = 727_001;

export async function migrateDatabase(database: Database): Promise<void> {
  // The engine's drizzle modules load with the engine (see client.ts).
  if (database.pglite) {
    const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
    await migratePglite(drizzlePglite({ client: database.pglite }), { migrationsFolder });
    return;
  }
  if (!database.pool) throw new Error('migrateDatabase: no engine');
  const [{ drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}
