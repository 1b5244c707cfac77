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
 * A cheap "what is the data version now" for hot paths: a version read is answered for at most
 * `ttlMs` after the read began, so other app servers' changes show within that time, and callers
 * that come while a read is under way share it instead of each starting their own. Returns a
 * number when known.
 *
 * One reader per database and TTL, shared by every hot path (page cache, boundaries, seats,
 * maps), so a request that asks several of them costs no more reads than one. It reads ahead: a
 * call in the second half of the TTL answers at once with the version it knows and re-reads in
 * the background, so under steady traffic no request waits for the database (on PGlite, a read
 * runs on the request's own thread), at the price of up to two reads per TTL instead of one.
 * After a quiet spell longer than the TTL, the first call waits for a read, as does every call
 * when `ttlMs` is 0. No timer: nothing runs while no request comes, and nothing is left to stop
 * when the database closes.
 */
export function dataVersionReader(db: Tx, ttlMs: number): () => number | Promise<number> {
  let byTtl = readers.get(db);
  if (!byTtl) readers.set(db, (byTtl = new Map()));
  let reader = byTtl.get(ttlMs);
  if (!reader) byTtl.set(ttlMs, (reader = createDataVersionReader(db, ttlMs)));
  return reader;
}

const readers = new WeakMap<object, Map<number, () => number | Promise<number>>>();

/** A reader of its own (tests give it a clock); everything else shares `dataVersionReader`'s. */
export function createDataVersionReader(
  db: Tx,
  ttlMs: number,
  clock: () => number = () => performance.now(),
): () => number | Promise<number> {
  let known = { version: 0, readAt: -Infinity };
  let reading: Promise<number> | undefined;
  const read = () => {
    const startedAt = clock();
    reading ??= readDataVersion(db)
      .then((version) => {
        // A slower, older read never replaces a newer one.
        if (startedAt >= known.readAt) known = { version, readAt: startedAt };
        return version;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return () => {
    const age = clock() - known.readAt;
    if (age >= ttlMs) return read();
    // Ahead of expiry: answer now, refresh behind. A failed refresh is retried by a later
    // call, and once the TTL has passed the call that waits for it sees the error.
    if (age >= ttlMs / 2 && !reading) read().catch(() => {});
    return known.version;
  };
}
