/**
 * New Mexico and its 33 counties, from the us-atlas package (U.S. Census Bureau cartographic
 * boundaries, 1:10,000,000, as TopoJSON), so a fresh install already answers "which county am I
 * in?". Coarse near county lines; an organization's own, finer files replace them
 * (`igualdad import boundaries`), and seeding never overwrites a boundary that is already there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Db } from '../../db/client.ts';
import { applyBoundaries, ocdValue, parseBoundaries } from './boundary-import.ts';
import { applyDivisionList, parentOf, type DivisionRow } from './list-import.ts';

const STATE_FIPS = '35';
const STATE = 'ocd-division/country:us/state:nm';
const SOURCE = 'us-atlas/counties-10m.json';

function readAtlas(): Topology<{
  counties: GeometryCollection<{ name: string }>;
  states: GeometryCollection<{ name: string }>;
}> {
  const file = createRequire(import.meta.url).resolve(SOURCE);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The divisions and shapes to load: the state, then its counties by Census FIPS code. */
export function newMexicoDistricts() {
  const atlas = readAtlas();
  const states = feature(atlas, atlas.objects.states).features.filter((f) => f.id === STATE_FIPS);
  const counties = feature(atlas, atlas.objects.counties).features.filter((f) =>
    String(f.id).startsWith(STATE_FIPS),
  );
  const shapes = [
    ...states.map((f) => ({ ...f, properties: { ocdid: STATE, name: f.properties.name } })),
    ...counties.map((f) => ({
      ...f,
      properties: {
        ocdid: `${STATE}/county:${ocdValue(f.properties.name)}`,
        name: `${f.properties.name} County`,
        fips: String(f.id),
      },
    })),
  ];
  const list: DivisionRow[] = shapes.map((f) => ({
    ocdId: f.properties.ocdid,
    name: f.properties.name,
    parentOcdId: parentOf(f.properties.ocdid),
    sameAs: null,
    validFrom: null,
    validThrough: null,
    identifiers: { census_fips: String('fips' in f.properties ? f.properties.fips : STATE_FIPS) },
  }));
  const features = parseBoundaries(
    SOURCE,
    JSON.stringify({ type: 'FeatureCollection', features: shapes }),
  );
  return { list, features };
}

/** Adds the state and county divisions and any boundary not loaded yet. Idempotent. */
export async function seedDefaultDistricts(db: Db) {
  const { list, features } = newMexicoDistricts();
  const divisions = await applyDivisionList(db, list);
  const boundaries = await applyBoundaries(db, SOURCE, features, { keepExisting: true });
  return { divisions, boundaries };
}
