/**
 * A counter bumped by every change to published content. Rendered pages, PDFs and ETags are keyed
 * by it, so every app server sees a change at once without talking to the others.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from './client.ts';

const KEY = 'data.version';

export async function readDataVersion(db: Tx): Promise<number> {
  const [row] = await queryRows<{ v: number | string }>(
    db,
    sql`select (value #>> '{}')::bigint as v from settings where key = ${KEY}`,
  );
  return row ? Number(row.v) : 0;
}

export async function bumpDataVersion(tx: Tx): Promise<void> {
  await tx.execute(sql`insert into settings (key, value) values (${KEY}, to_jsonb(1))
    on conflict (key) do update set value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()`);
}
