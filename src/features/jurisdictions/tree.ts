/**
 * Every jurisdiction as a tree (parents before children, with depth), with policy counts. Shared
 * by the home page, the jurisdiction pages and the timeline filter: two small queries.
 */
import { asc, count } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import type { JurisdictionKind } from '../../db/enums.ts';
import { jurisdictions, policies } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import { isTracked } from '../policies/queries.ts';

export interface Place {
  id: string;
  slug: string;
  ocdId: string;
  name: string;
  kind: JurisdictionKind;
  parentId: string | null;
  depth: number;
  /** Policies adopted by this jurisdiction itself. */
  ownCount: number;
  /** Policies of this jurisdiction and of every jurisdiction inside it. */
  totalCount: number;
}

/** All jurisdictions in tree order: each parent followed by its children, by name. */
export async function loadPlaces(db: Tx, locale: Locale): Promise<Place[]> {
  const [rows, countRows] = await Promise.all([
    db.select().from(jurisdictions).orderBy(asc(jurisdictions.ocdId)),
    db
      .select({ id: policies.jurisdictionId, n: count() })
      .from(policies)
      .where(isTracked)
      .groupBy(policies.jurisdictionId),
  ]);
  const counts = new Map(countRows.map((r) => [r.id, Number(r.n)]));
  const ids = new Set(rows.map((r) => r.id));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  const out: Place[] = [];
  const walk = (parent: string | null, depth: number): number => {
    let sum = 0;
    const children = [...(byParent.get(parent) ?? [])].sort((a, b) =>
      pickName(locale, a).localeCompare(pickName(locale, b), locale),
    );
    for (const r of children) {
      const place: Place = {
        id: r.id,
        slug: r.slug,
        ocdId: r.ocdId,
        name: pickName(locale, r),
        kind: r.kind,
        parentId: parent,
        depth,
        ownCount: counts.get(r.id) ?? 0,
        totalCount: 0,
      };
      out.push(place);
      place.totalCount = place.ownCount + walk(r.id, depth + 1);
      sum += place.totalCount;
    }
    return sum;
  };
  walk(null, 0);
  return out;
}

/** The jurisdictions above `place`, from the outermost (the state) down to its parent. */
export function ancestorsOf(places: Place[], place: Place): Place[] {
  const byId = new Map(places.map((p) => [p.id, p]));
  const out: Place[] = [];
  for (let p = place.parentId ? byId.get(place.parentId) : undefined; p;) {
    out.unshift(p);
    p = p.parentId ? byId.get(p.parentId) : undefined;
  }
  return out;
}

/** `place` and every jurisdiction inside it, in tree order. */
export function withDescendants(places: Place[], place: Place): Place[] {
  const inside = new Set([place.id]);
  for (const p of places) if (p.parentId && inside.has(p.parentId)) inside.add(p.id);
  return places.filter((p) => inside.has(p.id));
}
