/**
 * Data we never collect (../shared/product/SECURITY.md): no column, dataset field or API input
 * may hold immigration status, citizenship, birthplace, Social Security or alien numbers.
 */
import { readFileSync } from 'node:fs';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { datasetFile } from '../features/dataset/schema.ts';
import { migrationsFolder } from './migrate.ts';
import * as schema from './schema.ts';

const FORBIDDEN =
  /immigration_?status|citizenship|citizen|country_?of_?birth|place_?of_?birth|birth_?(place|country)|nationality|\bssn\b|social_?security|alien_?(number|registration)|a_?number\b|visa_?status|legal_?status/i;

function collectKeys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      collectKeys(v, out);
    }
  }
  return out;
}

describe('data minimization', () => {
  it('has no forbidden column in the schema', () => {
    const columns = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .flatMap((t) => Object.values(getTableColumns(t)).map((c) => `${getTableName(t)}.${c.name}`));
    expect(columns.length).toBeGreaterThan(50);
    expect(columns.filter((c) => FORBIDDEN.test(c))).toEqual([]);
  });

  it('has no forbidden column in any migration', () => {
    const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: { tag: string }[];
    };
    for (const { tag } of journal.entries) {
      const sqlText = readFileSync(`${migrationsFolder}/${tag}.sql`, 'utf8');
      const identifiers = [...sqlText.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
      expect(
        identifiers.filter((c) => FORBIDDEN.test(c)),
        tag,
      ).toEqual([]);
    }
  });

  it('has no forbidden field in the import format', () => {
    const shape = JSON.stringify(
      z.toJSONSchema(datasetFile, { io: 'input', unrepresentable: 'any' }),
    );
    const keys = collectKeys(JSON.parse(shape));
    expect(keys).toContain('identifiers');
    expect(keys.filter((k) => FORBIDDEN.test(k))).toEqual([]);
  });

  it('the detector itself catches the fields it must', () => {
    for (const bad of [
      'immigration_status',
      'citizenship',
      'country_of_birth',
      'ssn',
      'alien_number',
      'social_security_number',
    ]) {
      expect(FORBIDDEN.test(bad), bad).toBe(true);
    }
  });
});
