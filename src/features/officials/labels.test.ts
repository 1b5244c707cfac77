import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { pageContext } from '../../web/i18n.ts';
import { labelKey, partyLabel, seatLabel } from './labels.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';

const es = pageContext('es', '/');
const en = pageContext('en', '/');

describe('party and seat labels', () => {
  it('translates the parties Open States records, whatever their spelling', () => {
    expect(partyLabel(es, 'Democratic')).toEqual({ text: 'Demócrata' });
    expect(partyLabel(es, 'Democrat')).toEqual({ text: 'Demócrata' });
    expect(partyLabel(es, 'DECLINE TO STATE')).toEqual({ text: 'Sin afiliación declarada' });
    expect(partyLabel(en, 'Decline to State')).toEqual({ text: 'Decline to state' });
    expect(partyLabel(es, 'Green')).toEqual({ text: 'Verde' });
  });

  it('shows an unknown value as recorded, marked as English on a Spanish page', () => {
    expect(partyLabel(es, 'Working Families')).toEqual({ text: 'Working Families', lang: 'en' });
    expect(partyLabel(en, 'Working Families')).toEqual({ text: 'Working Families' });
    expect(seatLabel(es, 'Ward 7')).toEqual({ text: 'Ward 7', lang: 'en' });
    // Numbers read the same in both languages.
    expect(seatLabel(es, '99')).toEqual({ text: '99' });
  });

  it('translates offices and "District N"', () => {
    expect(seatLabel(es, 'governor')).toEqual({ text: 'Gubernatura' });
    expect(seatLabel(en, 'governor')).toEqual({ text: 'Governor' });
    expect(seatLabel(es, 'Lieutenant Governor')).toEqual({ text: 'Vicegubernatura' });
    expect(seatLabel(es, 'lt_governor')).toEqual({ text: 'Vicegubernatura' });
    expect(seatLabel(es, 'Council District 3')).toEqual({ text: 'Distrito 3' });
    expect(seatLabel(en, 'district B')).toEqual({ text: 'District B' });
  });

  it('reduces a value to its catalog key', () => {
    expect(labelKey('  Vice-Chair ')).toBe('vice_chair');
    expect(labelKey('Décline to  State')).toBe('decline_to_state');
    expect(labelKey('Chairperson')).toBe('chair');
  });
});

const GOV = 'ocd-jurisdiction/country:us/state:nm/government';
const person = (n: number, name: string, party: string, role: string) =>
  `id: ocd-person/00000000-0000-4000-8000-00000000005${n}
name: ${name}
party:
- name: ${party}
roles:
- jurisdiction: ${GOV}
  start_date: 2021-01-19
${role}
sources:
- url: https://example.org/roster
`;

describe.each(engines())('labels on the officials, body and comparison pages on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const text = async (url: string) => (await app.request(url)).text();
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-labels-'));
    writeFileSync(
      path.join(dir, 'dora.yml'),
      person(1, 'Dora Prueba', 'Democratic', "  type: upper\n  district: 'Ward 7'"),
    );
    writeFileSync(
      path.join(dir, 'wilma.yml'),
      person(2, 'Wilma Prueba', 'Working Families', '  type: governor\n  end_date: 2099-12-31'),
    );
    await applyOpenStates(database.db, readOpenStatesDir(dir).people);
  }, 60_000);
  afterAll(() => database?.close());

  it('lists officials with translated or marked labels', async () => {
    const html = await text('/es/officials');
    expect(html).toContain('Escaño: <span lang="en">Ward 7</span> · Demócrata');
    expect(html).toContain('Escaño: Gubernatura · <span lang="en">Working Families</span>');
    const english = await text('/en/officials');
    expect(english).toContain('Seat: Ward 7 · Democratic');
    expect(english).toContain('Seat: Governor · Working Families');
    expect(english).not.toContain('<span lang=');
  });

  it('shows them in the term table, on the body page and in the comparison', async () => {
    const official = await text('/es/officials/dora-prueba');
    expect(official).toContain('<td><span lang="en">Ward 7</span></td>');
    expect(official).toContain('<td>Demócrata</td>');
    expect(await text('/es/bodies/nm-senate')).toContain(
      'Escaño: <span lang="en">Ward 7</span> · Demócrata',
    );
    const compare = await text('/es/officials/compare?a=dora-prueba&b=wilma-prueba');
    expect(compare).toContain(' · Escaño: Gubernatura');
    expect(compare).toContain(' · Escaño: <span lang="en">Ward 7</span>');
  });
});
