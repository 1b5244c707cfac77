/**
 * The one way a Legistar record with its own external id is written: unchanged when its content
 * hash matches, updated in place when the importer wrote it and it changed, left alone when
 * someone else wrote it since (staff), created (in the caller's batch) when new; the external id
 * is queued whenever it or its modification time is new.
 */
import { eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { tally } from '../divisions/report.ts';
import type { WriteContext } from './context.ts';
import { changedMark, isOurs, legistarHash, newId, type Known } from './store.ts';

type SyncedTable = PgTable & { id: AnyPgColumn; contentHash: AnyPgColumn; updatedAt: AnyPgColumn };

export interface SyncRecord {
  /** The table, also the report's entity and the external id's entity. */
  table: SyncedTable;
  entity: string;
  scheme: string;
  sourceId: number;
  modified: Date;
  values: Record<string, unknown>;
  known: Map<string, Known>;
  /** New rows are added here, for one bulk insert by the caller. */
  created: Record<string, unknown>[];
  /** Columns only a new row gets (a slug). */
  onCreate?: () => Record<string, unknown>;
}

export async function syncRecord(ctx: WriteContext, r: SyncRecord): Promise<string> {
  const contentHash = legistarHash(r.values);
  const known = r.known.get(String(r.sourceId));
  let id = known?.id;
  if (id) {
    if (!isOurs(known!.hash) || known!.hash === contentHash)
      tally(ctx.report, r.entity, 'unchanged');
    else {
      await ctx.tx
        .update(r.table)
        .set({ ...r.values, contentHash, updatedAt: sql`now()` } as never)
        .where(eq(r.table.id, id));
      tally(ctx.report, r.entity, 'updated');
    }
  } else {
    id = newId();
    r.created.push({ id, ...r.onCreate?.(), ...r.values, contentHash });
    tally(ctx.report, r.entity, 'created');
  }
  if (changedMark(known, r.modified))
    ctx.external.push({
      scheme: r.scheme,
      value: String(r.sourceId),
      entity: r.entity,
      entityId: id,
      sourceModifiedAt: r.modified,
    });
  return id;
}
