/**
 * The template cluster: its key follows every input that decides its content, and a first start
 * copies it only into an empty folder and only when the key matches; the copy opens as a
 * migrated, seeded database on which the start-up migrations and seed change nothing.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { seedIfFirstRun } from '../features/dataset/seed.ts';
import { openDatabase, queryRows, sql } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { computeTemplateKey, createFromTemplate } from './pglite-template.ts';

const VERSIONS = { '@electric-sql/pglite': '0.5.16', 'drizzle-orm': '0.45.4' };

let root: string;
const put = (relative: string, content: string) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};
const key = (versions: Record<string, string> = VERSIONS) => computeTemplateKey({ root, versions });

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'igualdad-template-'));
  put('migrations/0000_init.sql', 'create table t (id int);');
  put('migrations/meta/_journal.json', '{"entries":[]}');
  put('dataset/default/faq.yaml', 'faq: []\n');
  put('src/features/dataset/apply.ts', 'export const apply = 1;');
  put('src/features/dataset/apply.test.ts', 'test');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('computeTemplateKey', () => {
  it('is the same for the same inputs', () => {
    expect(key()).toBe(key());
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a migration changes', () => put('migrations/0000_init.sql', 'create table t (id bigint);')],
    ['a migration is added', () => put('migrations/0001_more.sql', 'create table u (id int);')],
    ['the dataset changes', () => put('dataset/default/faq.yaml', 'faq: [x]\n')],
    [
      'a dataset file is renamed',
      () => {
        rmSync(path.join(root, 'dataset/default/faq.yaml'));
        put('dataset/default/faq-2.yaml', 'faq: []\n');
      },
    ],
    [
      'the code that writes the data changes',
      () => put('src/features/dataset/apply.ts', 'export const apply = 2;'),
    ],
  ])('changes when %s', (_what, change) => {
    const before = key();
    change();
    expect(key()).not.toBe(before);
  });

  it('changes with the installed PGlite or Drizzle version', () => {
    const before = key();
    expect(key({ ...VERSIONS, '@electric-sql/pglite': '0.5.17' })).not.toBe(before);
    expect(key({ ...VERSIONS, 'drizzle-orm': '0.46.0' })).not.toBe(before);
  });

  it('ignores test files', () => {
    const before = key();
    put('src/features/dataset/apply.test.ts', 'another test');
    put('src/features/dataset/new.test.tsx', 'test');
    expect(key()).toBe(before);
  });

  it('reads the installed versions by default', () => {
    expect(computeTemplateKey({ root })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('createFromTemplate', () => {
  const template = () => ({
    dir: path.join(root, 'dist/pglite-template'),
    keyFile: path.join(root, 'dist/pglite-template.key'),
  });
  const target = () => path.join(root, 'data/pglite');
  beforeEach(() => {
    put('dist/pglite-template/PG_VERSION', '18\n');
    put('dist/pglite-template/base/1/1259', 'pages');
    put('dist/pglite-template.key', 'k1\n');
  });

  it('copies the template into a missing folder when the key matches', () => {
    expect(createFromTemplate(target(), { template: template(), key: () => 'k1' })).toBe('copied');
    expect(readFileSync(path.join(target(), 'base/1/1259'), 'utf8')).toBe('pages');
    expect(readdirSync(path.join(root, 'data'))).toEqual(['pglite']); // no staging folder left
  });

  it('copies into an existing empty folder', () => {
    mkdirSync(target(), { recursive: true });
    expect(createFromTemplate(target(), { template: template(), key: () => 'k1' })).toBe('copied');
    expect(existsSync(path.join(target(), 'PG_VERSION'))).toBe(true);
  });

  it('never touches a folder that holds anything', () => {
    put('data/pglite/PG_VERSION', 'mine');
    expect(createFromTemplate(target(), { template: template(), key: () => 'k1' })).toBe(
      'not-empty',
    );
    expect(readFileSync(path.join(target(), 'PG_VERSION'), 'utf8')).toBe('mine');
  });

  it('does nothing when the key does not match (initdb as before)', () => {
    expect(createFromTemplate(target(), { template: template(), key: () => 'k2' })).toBe(
      'out-of-date',
    );
    expect(existsSync(target())).toBe(false);
  });

  it('does nothing without a template or without its key', () => {
    rmSync(template().keyFile);
    expect(createFromTemplate(target(), { template: template(), key: () => 'k1' })).toBe(
      'no-template',
    );
    expect(
      createFromTemplate(target(), {
        template: { ...template(), dir: path.join(root, 'nowhere') },
        key: () => 'k1',
      }),
    ).toBe('no-template');
    expect(existsSync(target())).toBe(false);
  });
});

describe('a copied template cluster', () => {
  it(
    'opens migrated and seeded; the start-up migrations and seed change nothing',
    { timeout: 120_000 },
    async () => {
      // A real cluster on disk, made from the seeded test template and shut down cleanly.
      const dir = path.join(root, 'dist/pglite-template');
      const dump = readFileSync(inject('pgliteTemplates').seeded);
      const source = await openDatabase({ pgliteDir: dir, loadDataDir: new Blob([dump]) });
      await source.close();
      put('dist/pglite-template.key', 'k\n');

      const target = path.join(root, 'data/pglite');
      const outcome = createFromTemplate(target, {
        template: { dir, keyFile: path.join(root, 'dist/pglite-template.key') },
        key: () => 'k',
      });
      expect(outcome).toBe('copied');
      const database = await openDatabase({ pgliteDir: target });
      try {
        const count = async (table: string) =>
          Number(
            (
              await queryRows<{ n: number }>(
                database.db,
                sql.raw(`select count(*)::int as n from ${table}`),
              )
            )[0]!.n,
          );
        const migrations = await count('drizzle.__drizzle_migrations');
        const policies = await count('policies');
        expect(policies).toBeGreaterThan(0);
        await migrateDatabase(database);
        expect(await seedIfFirstRun(database.db)).toBeUndefined();
        expect(await count('drizzle.__drizzle_migrations')).toBe(migrations);
        expect(await count('policies')).toBe(policies);
      } finally {
        await database.close();
      }
    },
  );
});
