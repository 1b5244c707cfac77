/**
 * Database helpers shared by the Legistar writers: multi-row inserts in chunks, the external ids
 * that find records again (`legistar:{client}:{entity}`), and the content hashes that tell our
 * own rows (prefixed `legistar:`) from rows staff or the default dataset wrote.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, getTableColumns, max, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import * as s from '../../db/schema.ts';

export const HASH_PREFIX = 'legistar:';

/**
 * A content hash marked as written by this importer. Sources (links back to the API) are left
 * out: reading the same records through another base URL is not a change of content.
 */
export const legistarHash = (value: unknown) =>
  HASH_PREFIX +
  createHash('sha256')
    .update(JSON.stringify(value, (key, v: unknown) => (key === 'sources' ? undefined : v)))
    .digest('base64url');

export const isOurs = (hash: string | null | undefined) => !!hash?.startsWith(HASH_PREFIX);

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7: milliseconds, then a counter, then random bits). Rows created
 * together get neighbouring ids, so bulk inserts append to the primary-key and foreign-key
 * indexes instead of splitting pages all over them.
 */
export function newId(): string {
  let now = Date.now();
  if (now <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    now = lastMs;
  } else {
    lastMs = now;
    sequence = 0;
  }
  const time = now.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${random.slice(19)}`;
}

/**
 * Inserts rows as one JSON document per chunk (`json_populate_recordset`): one parameter instead
 * of one per value, which is several times faster on PGlite for tens of thousands of rows. Every
 * row must carry the same keys (a missing key is written as null, not as the column default).
 */
export async function insertChunks<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: PgInsertValue<T>[],
  options: { size?: number; onConflict?: SQL } = {},
) {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const names = sql.join(
    keys.map((key) => sql.identifier(columns[key]!.name)),
    sql`, `,
  );
  const size = options.size ?? 5000;
  for (let start = 0; start < rows.length; start += size) {
    const chunk = rows.slice(start, start + size).map((row) => {
      const record: Record<string, unknown> = {};
      for (const key of keys)
        record[columns[key]!.name] = (row as Record<string, unknown>)[key] ?? null;
      return record;
    });
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(chunk)}::json) ${options.onConflict ?? sql``}`,
    );
  }
}

export async function deleteChunks(tx: Tx, table: PgTable & { id: AnyPgColumn }, ids: string[]) {
  for (let start = 0; start < ids.length; start += 5000) {
    const chunk = ids.slice(start, start + 5000);
    await tx.delete(table).where(sql`${table.id} in ${chunk}`);
  }
}

export interface ExternalRow {
  scheme: string;
  value: string;
  entity: string;
  entityId: string;
  sourceModifiedAt: Date | null;
}

/** Records (or re-points) external ids; the newest modification time seen is kept. */
export async function upsertExternalIds(tx: Tx, rows: ExternalRow[]) {
  await insertChunks(tx, s.externalIds, rows, {
    onConflict: sql`on conflict (scheme, value) do update set entity = excluded.entity, entity_id = excluded.entity_id, source_modified_at = excluded.source_modified_at, updated_at = now()`,
  });
}

export interface Known {
  id: string;
  modified: Date | null;
  hash: string | null;
}

type Synced = PgTable & { id: AnyPgColumn; contentHash: AnyPgColumn };

/** The ids a scheme already maps, by the source's id; ids of deleted records are left out. */
export async function loadKnown(
  tx: Tx,
  scheme: string,
  table: Synced,
): Promise<Map<string, Known>> {
  const rows = await tx
    .select({
      value: s.externalIds.value,
      id: table.id,
      modified: s.externalIds.sourceModifiedAt,
      hash: table.contentHash,
    })
    .from(s.externalIds)
    .innerJoin(table, eq(table.id, s.externalIds.entityId))
    .where(eq(s.externalIds.scheme, scheme));
  return new Map(
    rows.map((r) => [
      r.value,
      { id: r.id as string, modified: r.modified, hash: r.hash as string | null },
    ]),
  );
}

/** The newest modification time stored for a scheme: where an incremental sync resumes. */
export async function lastModified(tx: Tx, scheme: string): Promise<Date | undefined> {
  const [row] = await tx
    .select({ newest: max(s.externalIds.sourceModifiedAt) })
    .from(s.externalIds)
    .where(eq(s.externalIds.scheme, scheme));
  return row?.newest ?? undefined;
}

/** Only the rows whose stored modification time differs need their external id rewritten. */
export function changedMark(known: Known | undefined, modified: Date) {
  return !known || known.modified?.getTime() !== modified.getTime();
}

/** A slug not yet taken, remembered as taken. */
export function freeSlug(taken: Set<string>, base: string, fallback: string) {
  let slug = base || fallback;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base || fallback}-${n}`;
  taken.add(slug);
  return slug;
}
