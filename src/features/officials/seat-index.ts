/**
 * Who sits for each division today, kept in memory per data version and day, beside the
 * boundaries (decision 015): "who represents me" is then a lookup in memory, not a query. Every
 * import and every publication bumps the data version, so every app server reloads within
 * DATA_VERSION_TTL_MS; a new day (in the coalition's time zone) reloads too, as terms begin and end.
 */
import type { Tx } from '../../db/client.ts';
import { dataVersionReader } from '../../db/data-version.ts';
import { divisionLookup, type ContainingDivision, type Point } from '../divisions/lookup.ts';
import { dayReader } from '../../lib/local-day.ts';
import { allCurrentSeatHolders, type SeatHolder } from './queries.ts';

export interface Representation {
  divisions: ContainingDivision[];
  holders: SeatHolder[];
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
  const divisionsOf = divisionLookup(db, options);
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
    const key = `${await currentVersion()}|${day}`;
    if (loaded?.key !== key) {
      const byDivision = load(day);
      loaded = { key, byDivision };
      byDivision.catch(() => {
        if (loaded?.byDivision === byDivision) loaded = undefined;
      });
    }
    const [divisions, byDivision] = await Promise.all([divisionsOf(point), loaded.byDivision]);
    return { divisions, holders: divisions.flatMap((d) => byDivision.get(d.ocdId) ?? []) };
  };
}
