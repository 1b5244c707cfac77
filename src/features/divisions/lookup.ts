/**
 * Which divisions contain a point. The boundaries are loaded into memory once per data version
 * (every import bumps it, so all app servers reload within DATA_VERSION_TTL_MS); a lookup tests
 * each bounding box, then the shape of the few that contain the point. The point itself is never
 * stored or logged.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import { queryRows, type Tx } from '../../db/client.ts';
import { dataVersionReader } from '../../db/data-version.ts';

export interface Point {
  lat: number;
  lon: number;
}

export interface ContainingDivision {
  ocdId: string;
  name: string | null;
}

export interface Shape {
  ocdId: string;
  name: string | null;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  geometry: Polygon | MultiPolygon;
}

async function loadShapes(db: Tx): Promise<Shape[]> {
  const rows = await queryRows<{
    ocd_id: string;
    name: string | null;
    min_lon: number;
    min_lat: number;
    max_lon: number;
    max_lat: number;
    geometry: Polygon | MultiPolygon | string;
  }>(
    db,
    sql`select d.ocd_id, d.name, b.min_lon, b.min_lat, b.max_lon, b.max_lat, b.geometry
        from division_boundaries b join divisions d on d.ocd_id = b.division_ocd_id`,
  );
  return rows.map((r) => ({
    ocdId: r.ocd_id,
    name: r.name,
    minLon: Number(r.min_lon),
    minLat: Number(r.min_lat),
    maxLon: Number(r.max_lon),
    maxLat: Number(r.max_lat),
    geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry,
  }));
}

/** Shapes whose box holds the point, then whose polygon does (edges count as inside). */
export function containing(shapes: readonly Shape[], { lat, lon }: Point): ContainingDivision[] {
  const found: ContainingDivision[] = [];
  for (const s of shapes) {
    if (lon < s.minLon || lon > s.maxLon || lat < s.minLat || lat > s.maxLat) continue;
    if (booleanPointInPolygon([lon, lat], s.geometry)) found.push({ ocdId: s.ocdId, name: s.name });
  }
  // Broadest first (the state before its districts), then by id: a stable, readable order.
  return found.length < 2
    ? found
    : found.sort((a, b) => depth(a.ocdId) - depth(b.ocdId) || a.ocdId.localeCompare(b.ocdId));
}

/** How many parts an OCD id has, less one (counted, not split: this runs on every lookup). */
function depth(ocdId: string): number {
  let slashes = 0;
  for (let i = ocdId.indexOf('/'); i !== -1; i = ocdId.indexOf('/', i + 1)) slashes++;
  return slashes;
}

/** One copy of the shapes per database, however many routes use them. */
const loaders = new WeakMap<object, (version: number) => Promise<Shape[]>>();

/**
 * The shapes as of a data version: loaded once per version, shared by every caller. A caller
 * that reads the version once and passes it here knows what its answer was built from.
 */
export function boundaryShapes(db: Tx): (version: number) => Promise<Shape[]> {
  let shapesAt = loaders.get(db);
  if (!shapesAt) loaders.set(db, (shapesAt = createLoader(db)));
  return shapesAt;
}

function createLoader(db: Tx) {
  let loaded: { version: number; shapes: Promise<Shape[]> } | undefined;
  return (version: number): Promise<Shape[]> => {
    if (!loaded || loaded.version !== version) {
      const shapes = loadShapes(db);
      loaded = { version, shapes };
      // A failed load must not stick: the next lookup tries again.
      shapes.catch(() => {
        if (loaded?.shapes === shapes) loaded = undefined;
      });
    }
    return loaded.shapes;
  };
}

export function divisionLookup(db: Tx, options: { dataVersionTtlMs: number }) {
  const currentVersion = dataVersionReader(db, options.dataVersionTtlMs);
  const shapesAt = boundaryShapes(db);
  return async (point: Point): Promise<ContainingDivision[]> =>
    containing(await shapesAt(await currentVersion()), point);
}
