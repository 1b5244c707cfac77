/**
 * The importers on real public files from the shared fixtures (OCD division lists, Bernalillo
 * County Commission districts, New Mexico legislative districts, the state outline), which live
 * outside the repository and are never copied into it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { applyBoundaries, parseBoundaries, type BoundaryOptions } from './boundary-import.ts';
import { applyDivisionList, parseDivisionList } from './list-import.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures =
  existsSync(path.join(fixtures, 'ocd')) && existsSync(path.join(fixtures, 'geo'));

if (!haveFixtures) {
  console.warn(`Division conformance tests skipped: shared fixtures not found at ${fixtures}`);
  it.skip(`Division conformance not checked: shared fixtures not found at ${fixtures}`, () => {});
}

const NM = 'ocd-division/country:us/state:nm';
const COMMISSION = `${NM}/county:bernalillo/council_district`;
/** Old Town Plaza, Albuquerque. */
const OLD_TOWN = { lat: 35.0962, lon: -106.6698 };

describe.skipIf(!haveFixtures).each(engines())('Real division files on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  const importList = async (name: string) => {
    const file = path.join(fixtures, 'ocd', name);
    return applyDivisionList(database.db, parseDivisionList(name, readFileSync(file, 'utf8')));
  };
  const importShapes = async (relative: string, options: BoundaryOptions = {}) => {
    const file = path.join(fixtures, 'geo', relative);
    const features = parseBoundaries(relative, readFileSync(file, 'utf8'), options);
    return applyBoundaries(database.db, file, features);
  };

  it('imports every OCD list, named or codes only, and a second run changes nothing', async () => {
    const lists = readdirSync(path.join(fixtures, 'ocd'))
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(lists.length).toBeGreaterThanOrEqual(4);
    for (const list of lists) {
      const report = await importList(list);
      expect(report.skipped).toEqual([]);
      expect(report.created.divisions! + report.updated.divisions!).toBeGreaterThan(0);
    }
    for (const list of lists) {
      const again = await importList(list);
      expect(again.created.divisions).toBe(0);
      expect(again.updated.divisions).toBe(0);
    }
  }, 60_000);

  it('imports the commission districts by number, the legislative districts by ocdid, the state as one shape', async () => {
    const commission = await importShapes('bernalillo-commission-districts.geojson', {
      divisionPrefix: COMMISSION,
      property: 'District',
    });
    expect(commission.created).toEqual({ boundaries: 5 });
    expect(commission.skipped).toEqual([]);

    let legislative = 0;
    for (const chamber of ['sldl', 'sldu']) {
      const dir = path.join(fixtures, 'geo', 'nm-legislative', chamber);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.geojson'))) {
        const report = await importShapes(`nm-legislative/${chamber}/${file}`);
        expect(report.skipped).toEqual([]);
        legislative += report.created.boundaries!;
      }
    }
    expect(legislative).toBeGreaterThanOrEqual(10);

    // The state itself is in the national list, which the fixtures do not hold: our own line.
    await applyDivisionList(
      database.db,
      parseDivisionList('nm.csv', `id,name\n${NM},New Mexico\n`),
    );
    expect((await importShapes('nm-state.geojson', { division: NM })).created).toEqual({
      boundaries: 1,
    });
  }, 120_000);

  it('finds the state and one commission district for a point in Albuquerque, and none far away', async () => {
    const { body } = await getJson<{ data: { ocd_id: string; name: string | null }[] }>(
      app,
      `/api/v1/divisions/containing?lat=${OLD_TOWN.lat}&lon=${OLD_TOWN.lon}`,
    );
    const ids = body.data.map((d) => d.ocd_id);
    expect(ids[0]).toBe(NM);
    const districts = ids.filter((id) => id.startsWith(`${COMMISSION}:`));
    expect(districts).toHaveLength(1);
    expect(body.data.find((d) => d.ocd_id === districts[0])?.name).toMatch(
      /Bernalillo County NM County Commission District \d/,
    );
    const paris = await getJson<{ data: unknown[] }>(
      app,
      '/api/v1/divisions/containing?lat=48.8566&lon=2.3522',
    );
    expect(paris.body.data).toEqual([]);
  });

  it('rejects the county file without a usable property, naming the problem', () => {
    const file = path.join(fixtures, 'geo', 'nm-counties.geojson');
    expect(() =>
      parseBoundaries('nm-counties.geojson', readFileSync(file, 'utf8'), {
        divisionPrefix: `${NM}/county`,
        property: 'name', // "Roosevelt County, NM": not an OCD id segment
      }),
    ).toThrow(/does not give a division id/);
  });
});
