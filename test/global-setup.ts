/**
 * Builds the database templates once per run: PGlite data-folder dumps (migrated, and migrated
 * plus the default dataset), and the same two as PostgreSQL template databases when
 * TEST_DATABASE_URL is set. Each test file then clones a template in well under a second.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDefaultDataset } from '../src/features/dataset/seed.ts';
import {
  adminUrl,
  dropStaleTemplates,
  pgTemplateNames,
  withAdmin,
  type PgTemplateNames,
} from './pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; seeded: string };
    pgTemplatesReady: boolean;
    pgTemplates: PgTemplateNames;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-test-'));
  const database = await openDatabase({});
  await migrateDatabase(database);
  const empty = path.join(dir, 'empty.tar.gz');
  writeFileSync(
    empty,
    Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()),
  );
  await seedDefaultDataset(database.db);
  const seeded = path.join(dir, 'seeded.tar.gz');
  writeFileSync(
    seeded,
    Buffer.from(await (await database.pglite!.dumpDataDir('gzip')).arrayBuffer()),
  );
  await database.close();
  project.provide('pgliteTemplates', { empty, seeded });

  const url = process.env.TEST_DATABASE_URL;
  const templates = pgTemplateNames();
  if (url) {
    await withAdmin(url, async (admin) => {
      await dropStaleTemplates(admin);
      for (const name of Object.values(templates)) await admin.query(`create database ${name}`);
    });
    for (const [kind, name] of Object.entries(templates)) {
      const db = await openDatabase({ databaseUrl: adminUrl(url, name), poolSize: 2 });
      await migrateDatabase(db);
      if (kind === 'seeded') await seedDefaultDataset(db.db);
      await db.close();
    }
  }
  project.provide('pgTemplatesReady', Boolean(url));
  project.provide('pgTemplates', templates);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      await withAdmin(url, async (admin) => {
        for (const name of Object.values(templates))
          await admin.query(`drop database if exists ${name} with (force)`);
      });
    }
  };
}
