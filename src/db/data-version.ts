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

/**
 * A cheap "what is the data version now" for hot paths: the version is re-read at most once per
 * `ttlMs`, so other app servers' changes show within that time, and callers that come while a
 * read is under way share it instead of each starting their own. Returns a number when known.
 */
export function dataVersionReader(db: Tx, ttlMs: number): () => number | Promise<number> {
  let known = { version: 0, readAt: -Infinity };
  let reading: Promise<number> | undefined;
  return () => {
    const now = performance.now();
    if (now - known.readAt < ttlMs) return known.version;
    reading ??= readDataVersion(db)
      .then((version) => {
        known = { version, readAt: now };
        return version;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
