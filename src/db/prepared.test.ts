import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../test/harness.ts';
import { queryRows, type Database } from './client.ts';
import { preparedStatement } from './prepared.ts';

interface Row {
  id: number;
  name: string;
  at: string | null;
  data: unknown;
}

const byName = preparedStatement<Row>(
  'test_scratch_by_name',
  sql`select id, name, at, data from scratch where name = ${sql.placeholder('name')} order by id`,
);
const byMinId = preparedStatement<Row>(
  'test_scratch_by_min_id',
  sql`select id, name, at, data from scratch where id >= ${sql.placeholder('min')}
    and (${sql.placeholder('data')}::jsonb is null or data @> ${sql.placeholder('data')}::jsonb)
    order by id`,
);
const everything = preparedStatement<Record<string, unknown>>(
  'test_scratch_star',
  sql`select * from scratch where id = ${sql.placeholder('id')}`,
);
const hostile = `x' or '1'='1`;
const dropper = `'); drop table scratch; --`;

const preparedNames = async (database: Database) =>
  (
    await queryRows<{ name: string }>(database.db, sql`select name from pg_prepared_statements`)
  ).map((r) => r.name);

describe.each(engines())('prepared statements on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    await database.db.execute(sql`create table scratch (id int primary key, name text not null,
      at timestamptz, data jsonb)`);
    await database.db.execute(sql`insert into scratch values
      (1, 'uno', '2026-01-02T03:04:05Z', '{"k": 1}'), (2, 'dos', null, null),
      (3, ${hostile}, null, '{"k": 3}'), (4, ${dropper}, now(), '[1, 2]')`);
  });
  afterAll(() => database.close());

  it('returns what the same statement returns unprepared', async () => {
    const plain = (name: string) =>
      queryRows<Row>(
        database.db,
        sql`select id, name, at, data from scratch where name = ${name} order by id`,
      );
    for (const name of ['uno', 'dos', hostile, dropper, 'nadie']) {
      const rows = await byName.execute(database.db, { name });
      expect(rows).toEqual(await plain(name));
    }
    const [uno] = await byName.execute(database.db, { name: 'uno' });
    expect(uno).toEqual({ id: 1, name: 'uno', at: expect.any(String), data: { k: 1 } });
    expect(new Date(uno!.at!).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    // Numbers, JSON and null bind with their parameters' types.
    expect((await byMinId.execute(database.db, { min: 2, data: null })).map((r) => r.id)).toEqual([
      2, 3, 4,
    ]);
    expect(
      (await byMinId.execute(database.db, { min: 1, data: { k: 3 } })).map((r) => r.id),
    ).toEqual([3]);
  });

  it('binds parameters: a value is never read as SQL', async () => {
    // Spliced into the text, the first would match every row and the second drop the table.
    expect((await byName.execute(database.db, { name: hostile })).map((r) => r.id)).toEqual([3]);
    expect((await byName.execute(database.db, { name: dropper })).map((r) => r.id)).toEqual([4]);
    expect(await byName.execute(database.db, { name: `nadie' or 'a'='a` })).toEqual([]);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from scratch`,
    );
    expect(n).toBe(4);
  });

  it('runs inside a transaction, sees its writes, and survives its rollback', async () => {
    const rollback = new Error('rollback');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into scratch values (10, 'diez', null, null)`);
        expect((await byName.execute(tx, { name: 'diez' })).map((r) => r.id)).toEqual([10]);
        // First use of this statement in the session: it is prepared inside the transaction.
        expect((await byMinId.execute(tx, { min: 10, data: null })).map((r) => r.id)).toEqual([10]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await byName.execute(database.db, { name: 'diez' })).toEqual([]);
    expect(await byMinId.execute(database.db, { min: 10, data: null })).toEqual([]);
    // PGlite is one session: the statement prepared in the rolled-back transaction is still kept.
    if (engine === 'pglite') expect(await preparedNames(database)).toContain(byMinId.name);
  });

  it('outside a transaction, never reads inside another one', async () => {
    let inserted!: () => void;
    const ready = new Promise<void>((resolve) => (inserted = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const writer = database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into scratch values (11, 'once', null, null)`);
        inserted();
        await finished;
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    await ready;
    // On PGlite (one session) this waits for the transaction to end, as PGlite's query() does.
    const reader = byName.execute(database.db, { name: 'once' });
    finish();
    expect(await writer).toBe('rolled back');
    expect(await reader).toEqual([]);
  });

  it('an error inside a transaction leaves the statement usable afterwards', async () => {
    const failure = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
        // The transaction is aborted: the statement fails like any other, and is not lost.
        await byName.execute(tx, { name: 'uno' });
      })
      .catch((error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message}`);
    expect(failure).toMatch(/current transaction is aborted/);
    expect((await byName.execute(database.db, { name: 'uno' })).map((r) => r.id)).toEqual([1]);
  });

  it('keeps working after a schema change', async () => {
    expect(Object.keys((await everything.execute(database.db, { id: 1 }))[0]!)).toEqual([
      'id',
      'name',
      'at',
      'data',
    ]);
    await database.db.execute(sql`create index scratch_name on scratch (name)`);
    expect((await byName.execute(database.db, { name: 'dos' })).map((r) => r.id)).toEqual([2]);
    if (engine !== 'pglite') return; // node-postgres keeps its own per-connection names
    // A wider result: PostgreSQL refuses the old plan (0A000); it is prepared again.
    await database.db.execute(sql`alter table scratch add column extra int default 7`);
    expect((await everything.execute(database.db, { id: 1 }))[0]).toMatchObject({ extra: 7 });
    await database.db.execute(sql`alter table scratch drop column extra`);
  });

  it.runIf(engine === 'pglite')('prepares again after DEALLOCATE and DISCARD ALL', async () => {
    await byName.execute(database.db, { name: 'uno' });
    expect(await preparedNames(database)).toContain(byName.name);
    await database.db.execute(sql`deallocate all`);
    expect(await preparedNames(database)).not.toContain(byName.name);
    expect((await byName.execute(database.db, { name: 'uno' })).map((r) => r.id)).toEqual([1]);
    expect(await preparedNames(database)).toContain(byName.name);
    await database.db.execute(sql`discard all`);
    expect((await byName.execute(database.db, { name: 'dos' })).map((r) => r.id)).toEqual([2]);
  });

  it('refuses a second statement with the same name', () => {
    expect(() => preparedStatement(byName.name, sql`select 1`)).toThrow(/defined twice/);
  });
});
