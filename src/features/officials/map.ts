/**
 * The district map of "who represents me": every stored boundary drawn as SVG on the server
 * (d3-geo, Mercator fitted to their extent), no tiles and no third-party request. The same
 * projection turns a click on the map (`map.x`, `map.y` from an `<input type="image">`) back into
 * a longitude and latitude, so the map works without JavaScript. One map per data version.
 */
import { createHash } from 'node:crypto';
import { geoArea, geoBounds, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { sql } from 'drizzle-orm';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { queryRows, type Tx } from '../../db/client.ts';
import { dataVersionReader } from '../../db/data-version.ts';
import type { Point } from '../divisions/lookup.ts';

/**
 * Drawn at its own size, never scaled by CSS: a browser sends the click in displayed pixels, so
 * the map must be displayed at the size the projection was fitted to. 340 px fits a phone.
 */
export const MAP_WIDTH = 340;
const MAX_HEIGHT = 400;
const PAD = 6;

export interface DistrictMap {
  version: number;
  width: number;
  height: number;
  projection: GeoProjection;
  svg: string;
  etag: string;
}

interface Shape {
  ocdId: string;
  geometry: Polygon | MultiPolygon;
}

async function loadShapes(db: Tx): Promise<Shape[]> {
  const rows = await queryRows<{ ocd_id: string; geometry: Shape['geometry'] | string }>(
    db,
    sql`select division_ocd_id as ocd_id, geometry from division_boundaries`,
  );
  return rows
    .map((r) => ({
      ocdId: r.ocd_id,
      geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry,
    }))
    .sort((a, b) => depth(a.ocdId) - depth(b.ocdId) || a.ocdId.localeCompare(b.ocdId));
}

const depth = (ocdId: string) => ocdId.split('/').length;

/**
 * d3-geo reads rings on the sphere: an outer ring wound the GeoJSON (RFC 7946) way would be
 * drawn as the whole world minus the district. A polygon covering more than a hemisphere is
 * such a ring, so its rings are reversed.
 */
export function forD3(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const fix = (rings: Position[][]) =>
    geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI
      ? rings.map((ring) => [...ring].reverse())
      : rings;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}

/**
 * A geoPath context writing whole pixels with relative moves, dropping repeated points and rings
 * that shrink below a triangle: a county outline of thousands of points becomes a few hundred.
 */
class RoundedPath {
  private out: string[] = [];
  private ring: [number, number][] = [];
  moveTo(x: number, y: number) {
    this.flush();
    this.ring = [[Math.round(x), Math.round(y)]];
  }
  lineTo(x: number, y: number) {
    const p: [number, number] = [Math.round(x), Math.round(y)];
    const last = this.ring.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) this.ring.push(p);
  }
  closePath() {
    this.flush();
  }
  arc() {}
  beginPath() {}
  private flush() {
    if (this.ring.length >= 3) {
      const [[x0, y0]] = this.ring as [[number, number]];
      let d = `M${x0} ${y0}`;
      for (let i = 1; i < this.ring.length; i++)
        d += `l${this.ring[i]![0] - this.ring[i - 1]![0]} ${this.ring[i]![1] - this.ring[i - 1]![1]}`;
      this.out.push(`${d}z`);
    }
    this.ring = [];
  }
  result() {
    this.flush();
    const d = this.out.join('');
    this.out = [];
    return d;
  }
}

/** Fits a Mercator projection to the shapes' extent: full width, height as the shapes need. */
export function fitProjection(collection: FeatureCollection): {
  projection: GeoProjection;
  height: number;
} {
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PAD, collection);
  const [[, top], [, bottom]] = geoPath(projection).bounds(collection);
  const height = Math.min(MAX_HEIGHT, Math.max(120, Math.ceil(bottom - top) + 2 * PAD));
  projection.fitExtent(
    [
      [PAD, PAD],
      [MAP_WIDTH - PAD, height - PAD],
    ],
    collection,
  );
  return { projection, height };
}

// Broadest layer filled, the districts inside it outlined and lightly tinted. Presentation
// attributes, not a <style>: the map is an image and carries no stylesheet.
const LAYER = [
  { fill: '#ece6d8', stroke: '#5c5140', width: 1.25 },
  { fill: '#1f6f8b', opacity: 0.1, stroke: '#1f6f8b', width: 0.8 },
];

/**
 * The map of every shape, or, with `focus`, of one division's shape and the shapes around it
 * (a city's districts are a few pixels on a state map). Null when there is nothing to draw.
 */
export function renderDistrictMap(
  shapes: Shape[],
  version: number,
  focus?: string,
): DistrictMap | null {
  const target = focus === undefined ? undefined : shapes.find((s) => s.ocdId === focus);
  if (!shapes.length || (focus !== undefined && !target)) return null;
  const toFeature = (s: Shape): Feature => ({
    type: 'Feature',
    properties: { ocdId: s.ocdId },
    geometry: forD3(s.geometry),
  });
  const fitted: FeatureCollection = {
    type: 'FeatureCollection',
    features: (target ? [target] : shapes).map(toFeature),
  };
  const { projection, height } = fitProjection(fitted);
  const view = geoBounds(fitted);
  const drawn = target ? shapes.filter((s) => overlaps(geoBounds(toFeature(s)), view)) : shapes;
  const context = new RoundedPath();
  const path = geoPath(projection, context);
  const top = depth(drawn[0]!.ocdId);
  const paths = drawn.map((shape) => {
    path(toFeature(shape));
    const d = context.result();
    const style = LAYER[depth(shape.ocdId) === top ? 0 : 1]!;
    const opacity = 'opacity' in style ? ` fill-opacity="${style.opacity}"` : '';
    const width = shape === target ? 2.5 : style.width;
    return `<path d="${d}" fill="${style.fill}"${opacity} stroke="${style.stroke}" stroke-width="${width}"/>`;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${height}" viewBox="0 0 ${MAP_WIDTH} ${height}">` +
    `<rect width="${MAP_WIDTH}" height="${height}" fill="#fbfaf7"/>` +
    `<g stroke-linejoin="round">${paths.join('')}</g></svg>`;
  // ETags are ASCII; an OCD id may hold any letter.
  const tag = focus ? `-${createHash('sha1').update(focus).digest('base64url').slice(0, 12)}` : '';
  return { version, width: MAP_WIDTH, height, projection, svg, etag: `W/"map-${version}${tag}"` };
}

type Bounds = [[number, number], [number, number]];
const overlaps = ([[w1, s1], [e1, n1]]: Bounds, [[w2, s2], [e2, n2]]: Bounds) =>
  w1 <= e2 && w2 <= e1 && s1 <= n2 && s2 <= n1;

/** Where a click on the map falls on the ground; null when outside the map or the world. */
export function pointAt(map: DistrictMap, x: number, y: number): Point | null {
  if (!(x >= 0 && x <= map.width && y >= 0 && y <= map.height)) return null;
  const ground = map.projection.invert?.([x, y]);
  if (!ground) return null;
  const [lon, lat] = ground;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90) return null;
  return { lat, lon };
}

/** Where a point falls on the map, in map pixels; null when it is off the map. */
export function pixelOf(map: DistrictMap, { lat, lon }: Point): [number, number] | null {
  const xy = map.projection([lon, lat]);
  if (!xy) return null;
  const [x, y] = xy;
  return x >= 0 && x <= map.width && y >= 0 && y <= map.height ? [x, y] : null;
}

type MapReader = (focus?: string) => Promise<DistrictMap | null>;
const maps = new WeakMap<object, MapReader>();

/** The map of the current data version (whole, or focused on a division), drawn once per version. */
export function districtMap(db: Tx, options: { dataVersionTtlMs: number }): MapReader {
  let current = maps.get(db);
  if (!current) {
    current = createMapReader(db, options);
    maps.set(db, current);
  }
  return current;
}

function createMapReader(db: Tx, options: { dataVersionTtlMs: number }): MapReader {
  const currentVersion = dataVersionReader(db, options.dataVersionTtlMs);
  let loaded:
    | { version: number; shapes: Promise<Shape[]>; maps: Map<string, DistrictMap | null> }
    | undefined;
  return async (focus) => {
    const version = await currentVersion();
    if (loaded?.version !== version) {
      const shapes = loadShapes(db);
      loaded = { version, shapes, maps: new Map() };
      // A failed load must not stick: the next request tries again.
      shapes.catch(() => {
        if (loaded?.shapes === shapes) loaded = undefined;
      });
    }
    const { shapes, maps: drawn } = loaded;
    const key = focus ?? '';
    const known = drawn.get(key);
    if (known !== undefined) return known;
    const map = renderDistrictMap(await shapes, version, focus);
    // Only real divisions are kept: a made-up focus in an address must not grow the cache.
    if (map || focus === undefined) drawn.set(key, map);
    return map;
  };
}
