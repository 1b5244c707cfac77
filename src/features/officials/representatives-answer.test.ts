import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { applyBoundaries, parseBoundaries } from '../divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../divisions/list-import.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';

const NM = 'ocd-division/country:us/state:nm';
const SLDU = `${NM}/sldu:98`; // invented
const GOV = 'ocd-jurisdiction/country:us/state:nm/government';

/** A GeoJSON rectangle, closed. */
const square = (x0: number, y0: number, x1: number, y1: number) => {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  return JSON.stringify({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
};

const senator = (n: number, name: string) => `id: ocd-person/00000000-0000-4000-8000-00000000009${n}
name: ${name}
roles:
- type: upper
  jurisdiction: ${GOV}
  district: '98'
  start_date: 2021-01-19
offices:
- classification: capitol
  voice: 505-000-000${n}
sources:
- url: https://example.org/roster
`;

const sha1 = (text: string) => `"${createHash('sha1').update(text).digest('hex')}"`;

describe.each(engines())('"Who represents me" API answer as sent, on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const importSenators = async (people: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-reps-answer-'));
    for (const [name, text] of Object.entries(people)) writeFileSync(path.join(dir, name), text);
    await applyOpenStates(database.db, readOpenStatesDir(dir).people);
  };
  const ask = async (query: string) => {
    const res = await app.request(`/api/v1/representatives?${query}`);
    return { res, text: await res.text() };
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    await applyDivisionList(
      database.db,
      parseDivisionList('l.csv', `id,name\n${NM},New Mexico\n${SLDU},Senate District 98\n`),
    );
    await applyBoundaries(
      database.db,
      's',
      parseBoundaries('s', square(0, 0, 10, 10), { division: NM }),
    );
    await applyBoundaries(
      database.db,
      'd',
      parseBoundaries('d', square(0, 0, 5, 5), { division: SLDU }),
    );
    await importSenators({ 'first.yml': senator(1, 'Dora Primera') });
  }, 60_000);
  afterAll(() => database?.close());

  it('is compact JSON with the SHA-1 of its text as ETag, and 304 when that ETag comes back', async () => {
    const { res, text } = await ask('lat=2&lon=2&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(res.headers.get('etag')).toBe(sha1(text));
    const answer = JSON.parse(text);
    expect(Object.keys(answer)).toEqual(['divisions', 'officials']);
    expect(answer.divisions).toEqual([
      { ocd_id: NM, name: 'New Mexico', parent: 'ocd-division/country:us' },
      { ocd_id: SLDU, name: 'Senate District 98', parent: NM },
    ]);
    expect(answer.officials.map((o: { person: { name: string } }) => o.person.name)).toEqual([
      'Dora Primera',
    ]);
    // Another point of the same districts: the same answer, to the byte.
    const again = await ask('lat=4&lon=1&lang=en');
    expect(again.text).toBe(text);
    const conditional = await app.request('/api/v1/representatives?lat=2&lon=2&lang=en', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(conditional.status).toBe(304);
    // The Spanish answer is its own, with its own ETag.
    const es = await ask('lat=2&lon=2&lang=es');
    expect(es.text).not.toBe(text);
    expect(es.res.headers.get('etag')).toBe(sha1(es.text));
  });

  it('shows a new official at once after an import (DATA_VERSION_TTL_MS 0), in both languages', async () => {
    const before = { en: await ask('lat=2&lon=2&lang=en'), es: await ask('lat=2&lon=2&lang=es') };
    await importSenators({ 'second.yml': senator(2, 'Elena Segunda') });
    for (const lang of ['en', 'es'] as const) {
      const { res, text } = await ask(`lat=2&lon=2&lang=${lang}`);
      const names = JSON.parse(text).officials.map(
        (o: { person: { name: string } }) => o.person.name,
      );
      expect(names).toEqual(expect.arrayContaining(['Dora Primera', 'Elena Segunda']));
      expect(res.headers.get('etag')).not.toBe(before[lang].res.headers.get('etag'));
      expect(res.headers.get('etag')).toBe(sha1(text));
    }
    // Outside the district, only the state's part: nothing of the district's is left over.
    const outside = JSON.parse((await ask('lat=8&lon=8&lang=en')).text);
    expect(outside.divisions.map((d: { ocd_id: string }) => d.ocd_id)).toEqual([NM]);
    expect(outside.officials).toEqual([]);
  });
});
