import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { applyBoundaries, parseBoundaries } from '../divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../divisions/list-import.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';
import { currentSeatHolders, today } from './queries.ts';

const NM = 'ocd-division/country:us/state:nm';
const SLDU = `${NM}/sldu:99`; // invented: New Mexico has 42 senate districts
const GOV = 'ocd-jurisdiction/country:us/state:nm/government';

const person = (
  n: number,
  name: string,
  roles: string,
) => `id: ocd-person/00000000-0000-4000-8000-00000000000${n}
name: ${name}
party:
- name: Independent
roles:
${roles}
sources:
- url: https://example.org/roster
`;

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

type Answer = {
  divisions: { ocd_id: string }[];
  officials: {
    person: { name: string };
    body: { name: string; slug: string };
    post: { division: string };
  }[];
};

describe.each(engines())('Who represents me on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const db = database.db;
    await applyDivisionList(
      db,
      parseDivisionList('l.csv', `id,name\n${NM},New Mexico\n${SLDU},Senate District 99\n`),
    );
    await applyBoundaries(
      db,
      's',
      parseBoundaries('s', JSON.stringify(square(0, 0, 10, 10)), { division: NM }),
    );
    await applyBoundaries(
      db,
      'd',
      parseBoundaries('d', JSON.stringify(square(0, 0, 5, 5)), { division: SLDU }),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-reps-'));
    const files = {
      'senator.yml': person(
        1,
        'Ana Actual',
        `- type: upper\n  jurisdiction: ${GOV}\n  district: '99'\n  start_date: 2021-01-19`,
      ),
      'former.yml': person(
        2,
        'Beto Anterior',
        `- type: upper\n  jurisdiction: ${GOV}\n  district: '99'\n  start_date: 2013-01-15\n  end_date: 2021-01-18`,
      ),
      'governor.yml': person(
        3,
        'Carla Gobernadora',
        `- type: governor\n  jurisdiction: ${GOV}\n  start_date: 2019-01-01\n  end_date: '2099'`,
      ),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    await applyOpenStates(db, readOpenStatesDir(dir).people);
  }, 60_000);
  afterAll(() => database?.close());

  it('lists the divisions of a point and the officials seated for them today, in the language asked', async () => {
    const es = await getJson<Answer>(app, '/api/v1/representatives?lat=2&lon=2&lang=es');
    expect(es.status).toBe(200);
    expect(es.headers.get('cache-control')).toBe('no-store');
    expect(es.body.divisions.map((d) => d.ocd_id)).toEqual([NM, SLDU]);
    expect(es.body.officials.map((o) => [o.person.name, o.body.slug, o.post.division])).toEqual([
      ['Carla Gobernadora', 'nm-governor', NM],
      ['Ana Actual', 'nm-senate', SLDU],
    ]);
    expect(es.body.officials[1]!.body.name).toBe('Senado de Nuevo México');
    const en = await getJson<Answer>(app, '/api/v1/representatives?lat=2&lon=2&lang=en');
    expect(en.body.officials[1]!.body.name).toBe('New Mexico Senate');

    const outsideDistrict = await getJson<Answer>(app, '/api/v1/representatives?lat=8&lon=8');
    expect(outsideDistrict.body.officials.map((o) => o.person.name)).toEqual(['Carla Gobernadora']);
    const nowhere = await getJson<Answer>(app, '/api/v1/representatives?lat=-40&lon=-40');
    expect(nowhere.body).toEqual({ divisions: [], officials: [] });
  });

  it('counts partial dates as their whole period', async () => {
    const names = async (day: string) =>
      (await currentSeatHolders(database.db, [NM, SLDU], day)).map((h) => h.name);
    expect(await names('2020-06-01')).toEqual(['Carla Gobernadora', 'Beto Anterior']);
    expect(await names('2099-12-31')).toEqual(['Carla Gobernadora', 'Ana Actual']);
    expect(await names('2100-01-01')).toEqual(['Ana Actual']);
    expect(today('America/Denver', new Date('2026-01-01T05:00:00Z'))).toBe('2025-12-31');
  });

  it.each(['lat=100&lon=0', 'lat=0', 'lat=x&lon=y'])('answers 400 for %s', async (query) => {
    const res = await app.request(`/api/v1/representatives?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
