/**
 * Test databases and the real app, in-process. Every test file gets its own database cloned
 * from a template: PGlite always, and PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { openDatabase, type Database, type DatabaseKind } from '../src/db/client.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createServices } from '../src/services.ts';
import { adminUrl, cloneTemplate, withAdmin } from './pg-admin.ts';

export type Template = 'empty' | 'seeded';

/** The engines this run covers: PGlite always; PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): DatabaseKind[] {
  return inject('pgTemplatesReady') ? ['pglite', 'postgresql'] : ['pglite'];
}

export async function createTestDatabase(
  engine: DatabaseKind = 'pglite',
  template: Template = 'seeded',
): Promise<Database> {
  if (engine === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplates')[template]);
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `igualdad_t_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(url, inject('pgTemplates')[template], name);
  const database = await openDatabase({ databaseUrl: adminUrl(url, name), poolSize: 4 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`));
  };
  return database;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    baseUrl: 'http://igualdad.test',
    defaultLocale: 'es',
    logLevel: 'silent',
    trustProxy: false,
    pageCache: true,
    dataVersionTtlMs: 0,
    secrets: {
      sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
      masterKey: 'test-master-key-0123456789abcdef0123456789abc',
    },
    ...overrides,
  };
}

/** The real app on a test database. */
export function createTestApp(database: Database, overrides: Partial<Config> = {}) {
  const config = testConfig(overrides);
  const services = createServices({ config, database, logger: createLogger(config.logLevel) });
  return { app: createApp(services), services };
}

/**
 * The real app on a database of its own for the tests of one `describe`: opened before them,
 * closed after. Read `fixture.app` and `fixture.database` inside the tests.
 */
export function useTestApp(engine: DatabaseKind = 'pglite', template: Template = 'seeded') {
  const fixture = {} as { database: Database; app: ReturnType<typeof createApp> };
  beforeAll(async () => {
    fixture.database = await createTestDatabase(engine, template);
    fixture.app = createTestApp(fixture.database).app;
  });
  afterAll(() => fixture.database?.close());
  return fixture;
}

/** GET as JSON, with the status, headers and parsed body. */
export async function getJson<T = unknown>(
  app: ReturnType<typeof createApp>,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await app.request(path, { headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
