import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { readDataVersion } from '../../db/data-version.ts';
import { applyBoundaries, parseBoundaries } from './boundary-import.ts';
import { applyDivisionList, parseDivisionList } from './list-import.ts';
import { containing } from './lookup.ts';
import { InputRejected } from './report.ts';

const STATE = 'ocd-division/country:us/state:zz';
const COUNTY = `${STATE}/county:alpha`;
const DISTRICT = `${COUNTY}/council_district`;

/** An invented state: a county 0..10 x 0..10 with two districts, west (0..5) and east (5..10). */
const LIST = [
  'id,name,sameAs,validFrom,validThrough',
  `${STATE},Zed State,,,`,
  `${COUNTY},Alpha County,,,`,
  `${DISTRICT}:1,Alpha County District 1,,2022-01-01,`,
  `${DISTRICT}:2,Alpha County District 2,,2022-01-01,`,
].join('\n');

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];

const feature = (properties: Record<string, unknown>, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties,
  geometry: { type, coordinates },
});

const collection = (...features: unknown[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });

const DISTRICTS = collection(
  feature({ District: 1 }, square(0, 0, 5, 10)),
  // District 2 has a hole (7..8 x 7..8) that belongs to no district.
  feature({ District: 2 }, [...square(5, 0, 10, 10), square(7, 7, 8, 8)[0]!.reverse()]),
);

const rejection = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputRejected) return error.problems.map((p) => p.reason).join(' | ');
    throw error;
  }
  throw new Error('expected the input to be rejected');
};

describe('OCD division lists: checking a file', () => {
  it('reads ids, names, dates and keeps other columns as codes', () => {
    const rows = parseDivisionList('m.csv', `id,census_geoid\n${COUNTY},place-99001\n`);
    expect(rows).toEqual([
      {
        ocdId: COUNTY,
        name: null,
        parentOcdId: STATE,
        sameAs: null,
        validFrom: null,
        validThrough: null,
        identifiers: { census_geoid: 'place-99001' },
      },
    ]);
    expect(parseDivisionList('l.csv', LIST).map((r) => r.parentOcdId)).toEqual([
      'ocd-division/country:us',
      STATE,
      COUNTY,
      COUNTY,
    ]);
  });

  it.each([
    ['a bad id', `id,name\nocd-division/country:USA,X\n`, /not an OCD division id/],
    ['a duplicate', `id,name\n${STATE},A\n${STATE},B\n`, /appears twice/],
    ['a bad date', `id,name,validFrom\n${STATE},A,2022-13-01\n`, /must be a date/],
    ['no id column', `name\nA\n`, /needs an "id" column/],
    ['broken CSV', `id,name\n"${STATE},A\n`, /is not CSV/],
  ])('rejects %s, naming the row', (_label, csv, reason) => {
    expect(rejection(() => parseDivisionList('x.csv', csv))).toMatch(reason);
  });
});

describe('Boundaries: checking a file', () => {
  const prefix = { divisionPrefix: DISTRICT, property: 'District' };

  it('matches features by a property appended to the prefix, or by ocdid', () => {
    expect(parseBoundaries('d.geojson', DISTRICTS, prefix).map((f) => f.ocdId)).toEqual([
      `${DISTRICT}:1`,
      `${DISTRICT}:2`,
    ]);
    const byId = parseBoundaries(
      'c.geojson',
      JSON.stringify(feature({ ocdid: COUNTY }, square(0, 0, 10, 10))),
    );
    expect(byId[0]).toMatchObject({ ocdId: COUNTY, bbox: [0, 0, 10, 10] });
    const bare = parseBoundaries(
      's.geojson',
      JSON.stringify({ type: 'MultiPolygon', coordinates: [square(-1, -1, 11, 11)] }),
      { division: STATE },
    );
    expect(bare[0]!.ocdId).toBe(STATE);
  });

  it.each([
    ['a point', collection(feature({ ocdid: COUNTY }, [1, 1], 'Point')), /only Polygon/],
    [
      'projected coordinates',
      collection(feature({ ocdid: COUNTY }, square(300000, 4000000, 310000, 4010000))),
      /WGS84/,
    ],
    [
      'another coordinate system',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
        features: [feature({ ocdid: COUNTY }, square(0, 0, 1, 1))],
      }),
      /WGS84/,
    ],
    [
      'an unclosed ring',
      collection(
        feature({ ocdid: COUNTY }, [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ]),
      ),
      /invalid geometry/,
    ],
    ['no division id', collection(feature({ name: 'x' }, square(0, 0, 1, 1))), /ocdid/],
    ['not GeoJSON', '{"hello": 1}', /not GeoJSON/],
    ['not JSON', '{', /not JSON/],
    ['no features', collection(), /no features/],
  ])('rejects %s with a clear reason', (_label, text, reason) => {
    expect(rejection(() => parseBoundaries('x.geojson', text))).toMatch(reason);
  });

  it('rejects a prefix that does not end in a division type, or half of the option pair', () => {
    expect(
      rejection(() =>
        parseBoundaries('x', DISTRICTS, { divisionPrefix: `${DISTRICT}:1`, property: 'District' }),
      ),
    ).toMatch(/division type/);
    expect(rejection(() => parseBoundaries('x', DISTRICTS, { property: 'District' }))).toMatch(
      /go together/,
    );
  });
});

describe('Point in districts (property)', () => {
  it('agrees with plain arithmetic for rectangles', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -170, max: 170, noNaN: true }),
          fc.double({ min: -80, max: 80, noNaN: true }),
        ),
        fc.tuple(
          fc.double({ min: 0.001, max: 9, noNaN: true }),
          fc.double({ min: 0.001, max: 9, noNaN: true }),
        ),
        fc.tuple(
          fc.double({ min: -180, max: 180, noNaN: true }),
          fc.double({ min: -90, max: 90, noNaN: true }),
        ),
        ([x0, y0], [w, h], [lon, lat]) => {
          const [x1, y1] = [x0 + w, y0 + h];
          const shape = {
            ocdId: COUNTY,
            name: null,
            minLon: x0,
            minLat: y0,
            maxLon: x1,
            maxLat: y1,
            geometry: { type: 'Polygon' as const, coordinates: square(x0, y0, x1, y1) },
          };
          const inside = lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1;
          expect(containing([shape], { lat, lon }).length).toBe(inside ? 1 : 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe.each(engines())('Divisions and boundaries on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  it('imports a list idempotently, and a list of codes never erases names', async () => {
    const db = database.db;
    const first = await applyDivisionList(db, parseDivisionList('l.csv', LIST));
    expect(first).toEqual({
      created: { divisions: 4 },
      updated: { divisions: 0 },
      unchanged: { divisions: 0 },
      skipped: [],
    });
    const version = await readDataVersion(db);
    const again = await applyDivisionList(db, parseDivisionList('l.csv', LIST));
    expect(again.unchanged.divisions).toBe(4);
    expect(await readDataVersion(db)).toBe(version);

    const codes = await applyDivisionList(
      db,
      parseDivisionList('m.csv', `id,census_geoid\n${COUNTY},place-99001\n`),
    );
    expect(codes.updated.divisions).toBe(1);
    // Codes in an order the database does not keep: a second run still changes nothing.
    const twoCodes = `id,sch_dist_stateid,census_geoid\n${STATE},501,3500001\n`;
    expect(
      (await applyDivisionList(db, parseDivisionList('n.csv', twoCodes))).updated.divisions,
    ).toBe(1);
    expect(
      (await applyDivisionList(db, parseDivisionList('n.csv', twoCodes))).unchanged.divisions,
    ).toBe(1);
    const { body } = await getJson<{ data: { ocd_id: string; name: string | null }[] }>(
      app,
      '/api/v1/divisions/containing?lat=1&lon=1',
    );
    expect(body.data).toEqual([]); // no boundaries yet
    const [county] = await database.db.query.divisions.findMany({
      where: (d, { eq }) => eq(d.ocdId, COUNTY),
    });
    expect(county).toMatchObject({
      name: 'Alpha County',
      identifiers: { census_geoid: 'place-99001' },
    });
    expect(
      (await applyDivisionList(db, parseDivisionList('l.csv', LIST))).unchanged.divisions,
    ).toBe(4);
  });

  it('imports boundaries, skips unknown divisions with a reason, and is idempotent', async () => {
    const db = database.db;
    const withStranger = collection(
      feature({ District: 1 }, square(0, 0, 5, 10)),
      feature({ District: 2 }, [...square(5, 0, 10, 10), square(7, 7, 8, 8)[0]!.reverse()]),
      feature({ District: 9 }, square(20, 20, 21, 21)),
    );
    const prefix = { divisionPrefix: DISTRICT, property: 'District' };
    const report = await applyBoundaries(
      db,
      'dir/districts.geojson',
      parseBoundaries('d', withStranger, prefix),
    );
    expect(report.created).toEqual({ boundaries: 2 });
    expect(report.skipped).toEqual([
      { record: `feature 3 (${DISTRICT}:9)`, reason: expect.stringMatching(/unknown division/) },
    ]);
    const county = parseBoundaries(
      'c',
      JSON.stringify(feature({ ocdid: COUNTY }, square(0, 0, 10, 10))),
    );
    expect((await applyBoundaries(db, 'c.geojson', county)).created).toEqual({ boundaries: 1 });
    const again = await applyBoundaries(
      db,
      'dir/districts.geojson',
      parseBoundaries('d', DISTRICTS, prefix),
    );
    expect(again.unchanged).toEqual({ boundaries: 2 });
    const stored = await database.db.query.divisionBoundaries.findFirst({
      where: (b, { eq }) => eq(b.divisionOcdId, `${DISTRICT}:1`),
    });
    expect(stored).toMatchObject({ source: 'districts.geojson', minLon: 0, maxLon: 5 });
  });

  it('answers which divisions contain a point, broadest first, and keeps it out of caches', async () => {
    const look = async (lat: number, lon: number) => {
      const res = await getJson<{
        data: { ocd_id: string; name: string | null; parent: string | null }[];
      }>(app, `/api/v1/divisions/containing?lat=${lat}&lon=${lon}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.body.data;
    };
    expect(await look(2, 2)).toEqual([
      { ocd_id: COUNTY, name: 'Alpha County', parent: STATE },
      { ocd_id: `${DISTRICT}:1`, name: 'Alpha County District 1', parent: COUNTY },
    ]);
    expect((await look(3, 9)).map((d) => d.ocd_id)).toEqual([COUNTY, `${DISTRICT}:2`]);
    // Inside district 2's hole: only the county.
    expect((await look(7.5, 7.5)).map((d) => d.ocd_id)).toEqual([COUNTY]);
    expect(await look(50, 50)).toEqual([]);
  });

  it('sees a new boundary right after an import (the data version moves)', async () => {
    const state = parseBoundaries(
      's',
      JSON.stringify({ type: 'MultiPolygon', coordinates: [square(-1, -1, 11, 11)] }),
      { division: STATE },
    );
    await applyBoundaries(database.db, 'state.geojson', state);
    const { body } = await getJson<{ data: { ocd_id: string }[] }>(
      app,
      '/api/v1/divisions/containing?lat=2&lon=2',
    );
    expect(body.data.map((d) => d.ocd_id)).toEqual([STATE, COUNTY, `${DISTRICT}:1`]);
  });

  it.each([
    ['lat=91&lon=0', 'lat'],
    ['lat=0&lon=-181', 'lon'],
    ['lat=abc&lon=0', 'lat'],
    ['lon=0', 'lat'],
  ])('answers 400 problem+json in the caller language for %s', async (query, name) => {
    const res = await app.request(`/api/v1/divisions/containing?${query}&lang=en`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await res.json()) as { errors: { name: string }[] };
    expect(body.errors.map((e) => e.name)).toContain(name);
  });
});
