import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { divisionBoundaries } from '../../db/schema.ts';
import { applyBoundaries, parseBoundaries } from './boundary-import.ts';
import { newMexicoDistricts, seedDefaultDistricts } from './default-districts.ts';

const NM = 'ocd-division/country:us/state:nm';

describe('New Mexico outlines from us-atlas', () => {
  it('gives the state and its 33 counties OCD ids, names and Census codes', () => {
    const { list, features } = newMexicoDistricts();
    expect(list).toHaveLength(34);
    expect(features).toHaveLength(34);
    expect(list.find((d) => d.ocdId === `${NM}/county:doña_ana`)).toMatchObject({
      name: 'Doña Ana County',
      parentOcdId: NM,
      identifiers: { census_fips: '35013' },
    });
    expect(list.map((d) => d.ocdId)).toContain(`${NM}/county:de_baca`);
  });
});

describe.each(engines())('A fresh install knows the counties (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  const countyOf = async (lat: number, lon: number) => {
    const { body } = await getJson<{ data: { ocd_id: string; name: string }[] }>(
      app,
      `/api/v1/divisions/containing?lat=${lat}&lon=${lon}`,
    );
    return body.data.map((d) => d.name);
  };

  it('answers "which county am I in?" for Albuquerque, Las Cruces and Santa Fe', async () => {
    expect(await countyOf(35.0962, -106.6698)).toEqual(['New Mexico', 'Bernalillo County']);
    expect(await countyOf(32.3199, -106.7637)).toEqual(['New Mexico', 'Doña Ana County']);
    expect(await countyOf(35.687, -105.9378)).toEqual(['New Mexico', 'Santa Fe County']);
    expect(await countyOf(31.7619, -106.485)).toEqual([]); // El Paso, Texas
  });

  it('seeds again without changes, and never replaces a boundary an organization loaded', async () => {
    const again = await seedDefaultDistricts(database.db);
    expect(again.divisions.created.divisions).toBe(0);
    expect(again.divisions.updated.divisions).toBe(0);
    expect(again.boundaries.unchanged.boundaries).toBe(34);

    const county = `${NM}/county:bernalillo`;
    const own = parseBoundaries(
      'own.geojson',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [-107.2, 34.8],
            [-106.1, 34.8],
            [-106.1, 35.3],
            [-107.2, 35.3],
            [-107.2, 34.8],
          ],
        ],
      }),
      { division: county },
    );
    await applyBoundaries(database.db, 'own.geojson', own);
    await seedDefaultDistricts(database.db);
    const [stored] = await database.db
      .select({ source: divisionBoundaries.source })
      .from(divisionBoundaries)
      .where(eq(divisionBoundaries.divisionOcdId, county));
    expect(stored!.source).toBe('own.geojson');
  });
});
