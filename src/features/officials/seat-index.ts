/**
 * Who sits for each division today, kept in memory per data version and day, beside the
 * boundaries (decision 015): "who represents me" is then a lookup in memory, not a query. Every
 * import and every publication bumps the data version, so every app server reloads within
 * DATA_VERSION_TTL_MS; a new day (in the coalition's time zone) reloads too, as terms begin and end.
 */
import type { Tx } from '../../db/client.ts';
import { dataVersionReader } from '../../db/data-version.ts';
import {
  boundaryShapes,
  containing,
  type ContainingDivision,
  type Point,
} from '../divisions/lookup.ts';
import { dayReader } from '../../lib/local-day.ts';
import { allCurrentSeatHolders, type SeatHolder } from './queries.ts';

export interface Representation {
  divisions: ContainingDivision[];
  /** Who sits for each of `divisions` today, in the same order. */
  seated: (readonly SeatHolder[])[];
  /**
   * The data version and day the answer was built from: the same key means the same boundaries
   * and seats, so an answer derived from divisions and holders alone can be kept against it.
   */
  key: string;
}

const indexes = new WeakMap<object, (point: Point) => Promise<Representation>>();

export function representationIndex(db: Tx, options: { dataVersionTtlMs: number }) {
  let index = indexes.get(db);
  if (!index) {
    index = createIndex(db, options);
    indexes.set(db, index);
  }
  return index;
}

function createIndex(db: Tx, options: { dataVersionTtlMs: number }) {
  const shapesAt = boundaryShapes(db);
  const currentVersion = dataVersionReader(db, options.dataVersionTtlMs);
  const currentDay = dayReader();
  let loaded: { key: string; byDivision: Promise<Map<string, SeatHolder[]>> } | undefined;
  const load = async (day: string) => {
    const byDivision = new Map<string, SeatHolder[]>();
    for (const holder of await allCurrentSeatHolders(db, day)) {
      const list = byDivision.get(holder.divisionOcdId) ?? [];
      list.push(holder);
      byDivision.set(holder.divisionOcdId, list);
    }
    return byDivision;
  };
  return async (point: Point): Promise<Representation> => {
    const day = currentDay();
    const fresh = currentVersion();
    // One read of the version for both halves: the shapes and the seats are of the same one.
    const version = typeof fresh === 'number' ? fresh : await fresh;
    const key = `${version}|${day}`;
    if (loaded?.key !== key) {
      const byDivision = load(day);
      loaded = { key, byDivision };
      byDivision.catch(() => {
        if (loaded?.byDivision === byDivision) loaded = undefined;
      });
    }
    const [shapes, byDivision] = await Promise.all([shapesAt(version), loaded.byDivision]);
    const divisions = containing(shapes, point);
    return { divisions, seated: divisions.map((d) => byDivision.get(d.ocdId) ?? []), key };
  };
}
