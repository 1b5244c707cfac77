/**
 * Opens the one database: embedded PGlite in the data folder by default, or a PostgreSQL server
 * through a node-postgres pool when DATABASE_URL is set. Both speak the same SQL and schema.
 * Each engine's packages load only when that engine is opened: a start pays for one of them.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { trackPgliteSessions } from './prepared.ts';
import * as schema from './schema.ts';
import { withLazyWasmTierUp } from './wasm-tiering.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction: services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the underlying engine, for dumps and clones in tests. */
  pglite?: PGlite;
  /** PostgreSQL only: the pool, for a connection that must hold a session lock. */
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; omitted means in memory (tests). */
  pgliteDir?: string | undefined;
  /** A gzipped data-folder dump to start from (cloned test databases). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

/**
 * PostgreSQL settings for every PGlite open, on the command line, so they hold for a cluster of
 * any age (its postgresql.conf says 128MB) and cannot be left behind by a template or a dump.
 * Shared buffers are PGlite's only page cache, and the engine zeroes all of them in WebAssembly
 * at every open: 64 MB instead of 128 MB is about 0.1 s less CPU per start, and still twice the
 * pages the search benchmark's 10,000 policies read. Decision record 011, "64 MB of shared
 * buffers".
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=64MB'];

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (options.pgliteDir) mkdirSync(path.dirname(options.pgliteDir), { recursive: true });
  // One process per embedded database (data-dir-lock.ts): refuse before touching the folder.
  const unlock = options.pgliteDir ? lockDataDir(options.pgliteDir) : () => {};
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('drizzle-orm/pglite'),
  ]);
  let client: InstanceType<typeof PGlite>;
  try {
    client = await withLazyWasmTierUp(() =>
      PGlite.create({
        ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
        ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        extensions: { unaccent, pg_trgm },
        startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
      }),
    );
  } catch (error) {
    unlock();
    throw error;
  }
  trackPgliteSessions(client); // its named statements (prepared.ts)
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async ping() {
      if (client.closed) throw new Error('database closed');
      await client.query('select 1');
    },
    async close() {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
  ]);
  // JIT compilation costs more than it saves on our short queries (measured in BENCHMARKS.md).
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    options: '-c jit=off',
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'postgresql',
    pool,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Runs raw SQL and returns its rows on either engine. */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
