/**
 * `igualdad import boundaries FILE.geojson [--division-prefix OCD_ID --property NAME]`: district
 * polygons, each matched to a division by its `ocdid` property, or by the value of the named
 * property appended to the prefix (`.../council_district` + `3` -> `.../council_district:3`).
 * Only Polygon and MultiPolygon geometries in WGS84 longitude/latitude are taken; the whole file is
 * checked first and one bad feature rejects it. A feature whose division is unknown is skipped and
 * reported: import the OCD division list first.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import turfBbox from '@turf/bbox';
import booleanValid from '@turf/boolean-valid';
import { inArray, sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { divisionBoundaries, divisions } from '../../db/schema.ts';
import { isOcdDivisionId, OCD_DIVISION_PREFIX_PATTERN, OCD_VALUE_PATTERN } from '../../lib/ocd.ts';
import { emptyReport, InputRejected, tally, type InputProblem } from './report.ts';

export interface BoundaryOptions {
  divisionPrefix?: string;
  property?: string;
  /** For a file holding one shape (a bare geometry or one feature): its division. */
  division?: string;
}

export interface BoundaryFeature {
  record: string;
  ocdId: string;
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
}

/** CRS names that mean WGS84 longitude/latitude (GeoJSON's own, and the older spellings). */
const WGS84_NAMES = new Set([
  'urn:ogc:def:crs:OGC:1.3:CRS84',
  'urn:ogc:def:crs:OGC::CRS84',
  'urn:ogc:def:crs:EPSG::4326',
  'EPSG:4326',
  'CRS84',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An OCD id segment value: lower case, spaces as underscores (the OCD convention). */
export function ocdValue(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const value = String(raw).trim().toLowerCase().replace(/\s+/g, '_');
  return OCD_VALUE_PATTERN.test(value) ? value : null;
}

function checkOptions(file: string, options: BoundaryOptions) {
  const { divisionPrefix, property, division } = options;
  if (division && (divisionPrefix || property))
    throw new InputRejected(file, [
      { record: '(options)', reason: '--division cannot be combined with --division-prefix' },
    ]);
  if (division && !isOcdDivisionId(division))
    throw new InputRejected(file, [
      { record: '(options)', reason: `--division ${division} is not an OCD division id` },
    ]);
  if (Boolean(divisionPrefix) !== Boolean(property))
    throw new InputRejected(file, [
      { record: '(options)', reason: '--division-prefix and --property go together' },
    ]);
  if (divisionPrefix && !OCD_DIVISION_PREFIX_PATTERN.test(divisionPrefix))
    throw new InputRejected(file, [
      {
        record: '(options)',
        reason:
          '--division-prefix must be an OCD division id followed by a division type, such as ocd-division/country:us/state:nm/place:albuquerque/council_district',
      },
    ]);
}

function checkCrs(file: string, collection: Record<string, unknown>) {
  const crs = collection.crs;
  if (crs === undefined || crs === null) return;
  const name = isRecord(crs) && isRecord(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string' || !WGS84_NAMES.has(name))
    throw new InputRejected(file, [
      {
        record: '(file)',
        reason: `is in the coordinate system ${JSON.stringify(name ?? crs)}; boundaries must be WGS84 longitude/latitude (reproject it, for example with ogr2ogr -t_srs EPSG:4326)`,
      },
    ]);
}

function divisionIdOf(
  properties: Record<string, unknown>,
  options: BoundaryOptions,
): string | null {
  if (options.division) return options.division;
  if (options.divisionPrefix && options.property) {
    const value = ocdValue(properties[options.property]);
    return value ? `${options.divisionPrefix}:${value}` : null;
  }
  const raw = properties.ocdid ?? properties.ocd_id ?? properties.OCDID;
  return typeof raw === 'string' ? raw.trim() : null;
}

function inRange(geometry: Polygon | MultiPolygon): boolean {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  return rings.every((ring) =>
    ring.every(
      (p) =>
        Array.isArray(p) &&
        p.length >= 2 &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0]!) <= 180 &&
        Math.abs(p[1]!) <= 90,
    ),
  );
}

/**
 * Each polygon's rings closed, with four positions or more, without spikes (turf's check). The
 * parts of a MultiPolygon are checked one by one, not against each other: real county files
 * (Sandoval County in the Census outlines) have parts that touch, and a lookup does not mind.
 */
function validRings(geometry: Polygon | MultiPolygon): boolean {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return parts.every((coordinates) => booleanValid({ type: 'Polygon', coordinates }));
}

/** A part whose outer ring has fewer than three distinct positions encloses nothing. */
const encloses = (part: Polygon['coordinates']) =>
  new Set((part[0] ?? []).map((p) => `${p[0]},${p[1]}`)).size >= 3;

/**
 * Drops the MultiPolygon parts that enclose nothing: slivers that simplification leaves behind
 * (the Census outline of Sandoval County has one). They change no lookup.
 */
function withoutSlivers(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon') return geometry;
  const kept = geometry.coordinates.filter(encloses);
  return kept.length === geometry.coordinates.length
    ? geometry
    : { ...geometry, coordinates: kept };
}

/** Parses and checks the whole file; throws InputRejected listing every problem. */
export function parseBoundaries(file: string, content: string, options: BoundaryOptions = {}) {
  checkOptions(file, options);
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (error) {
    throw new InputRejected(file, [
      { record: '(file)', reason: `is not JSON: ${(error as Error).message}` },
    ]);
  }
  const bareGeometry = isRecord(raw) && (raw.type === 'Polygon' || raw.type === 'MultiPolygon');
  if (
    !isRecord(raw) ||
    (raw.type !== 'FeatureCollection' && raw.type !== 'Feature' && !bareGeometry)
  )
    throw new InputRejected(file, [
      {
        record: '(file)',
        reason:
          'is not GeoJSON: expected a FeatureCollection, a Feature, a Polygon or a MultiPolygon',
      },
    ]);
  checkCrs(file, raw);
  const features = bareGeometry
    ? [{ type: 'Feature', properties: {}, geometry: raw }]
    : raw.type === 'Feature'
      ? [raw]
      : raw.features;
  if (!Array.isArray(features) || features.length === 0)
    throw new InputRejected(file, [{ record: '(file)', reason: 'has no features' }]);
  if (options.division && features.length > 1)
    throw new InputRejected(file, [
      {
        record: '(options)',
        reason: `--division names one division; the file has ${features.length} shapes`,
      },
    ]);

  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const parsed: BoundaryFeature[] = [];
  features.forEach((feature: unknown, index) => {
    const record = `feature ${index + 1}`;
    if (!isRecord(feature) || feature.type !== 'Feature' || !isRecord(feature.geometry)) {
      problems.push({ record, reason: 'is not a GeoJSON Feature with a geometry' });
      return;
    }
    const given = feature.geometry as unknown as Polygon | MultiPolygon;
    if (given.type !== 'Polygon' && given.type !== 'MultiPolygon') {
      problems.push({
        record,
        reason: `has a ${String((given as { type: unknown }).type)} geometry; only Polygon and MultiPolygon are district boundaries`,
      });
      return;
    }
    if (!Array.isArray(given.coordinates) || !inRange(given)) {
      problems.push({
        record,
        reason:
          'has coordinates outside longitude -180..180 / latitude -90..90: boundaries must be WGS84 longitude/latitude',
      });
      return;
    }
    const geometry = withoutSlivers(given);
    if (!validRings(geometry)) {
      problems.push({
        record,
        reason:
          'has an invalid geometry (a ring that is not closed, has fewer than four positions, or has spikes)',
      });
      return;
    }
    const ocdId = divisionIdOf(isRecord(feature.properties) ? feature.properties : {}, options);
    if (!ocdId || !isOcdDivisionId(ocdId)) {
      problems.push({
        record,
        reason: options.property
          ? `its "${options.property}" property does not give a division id`
          : 'has no "ocdid" property with an OCD division id (or give --division-prefix and --property, or --division for a single shape)',
      });
      return;
    }
    if (seen.has(ocdId)) {
      problems.push({ record, reason: `${ocdId} appears twice in the file` });
      return;
    }
    seen.add(ocdId);
    const [minLon, minLat, maxLon, maxLat] = turfBbox(geometry);
    parsed.push({ record, ocdId, geometry, bbox: [minLon!, minLat!, maxLon!, maxLat!] });
  });
  if (problems.length) throw new InputRejected(file, problems);
  return parsed;
}

const LOCK = 727_015;

export async function applyBoundaries(
  db: Db,
  file: string,
  features: BoundaryFeature[],
  /** Leave a division's boundary alone when it has one (the default dataset's coarse shapes). */
  options: { keepExisting?: boolean } = {},
) {
  const source = path.basename(file);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const report = emptyReport(['boundaries']);
    const ids = features.map((f) => f.ocdId);
    const known = new Set(
      (
        await tx
          .select({ id: divisions.ocdId })
          .from(divisions)
          .where(inArray(divisions.ocdId, ids))
      ).map((d) => d.id),
    );
    const hashes = new Map(
      (
        await tx
          .select({ id: divisionBoundaries.divisionOcdId, hash: divisionBoundaries.contentHash })
          .from(divisionBoundaries)
          .where(inArray(divisionBoundaries.divisionOcdId, ids))
      ).map((b) => [b.id, b.hash]),
    );
    for (const feature of features) {
      if (!known.has(feature.ocdId)) {
        report.skipped.push({
          record: `${feature.record} (${feature.ocdId})`,
          reason: 'unknown division: import the OCD division list that names it first',
        });
        continue;
      }
      const contentHash = createHash('sha256')
        .update(JSON.stringify(feature.geometry))
        .digest('hex');
      const before = hashes.get(feature.ocdId);
      if (before === contentHash || (options.keepExisting && hashes.has(feature.ocdId))) {
        tally(report, 'boundaries', 'unchanged');
        continue;
      }
      tally(report, 'boundaries', before === undefined ? 'created' : 'updated');
      const [minLon, minLat, maxLon, maxLat] = feature.bbox;
      const values = {
        geometry: feature.geometry,
        minLon,
        minLat,
        maxLon,
        maxLat,
        source,
        contentHash,
      };
      await tx
        .insert(divisionBoundaries)
        .values({ divisionOcdId: feature.ocdId, ...values })
        .onConflictDoUpdate({
          target: divisionBoundaries.divisionOcdId,
          set: { ...values, updatedAt: sql`now()` },
        });
    }
    if (report.created.boundaries || report.updated.boundaries) await bumpDataVersion(tx);
    return report;
  });
}
