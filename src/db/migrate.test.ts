import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../test/harness.ts';
import { queryRows, sql, type Database } from './client.ts';
import { migrateDatabase, migrationsUpToDate } from './migrate.ts';

const recorded = async (database: Database) =>
  (
    await queryRows<{ hash: string; created_at: string }>(
      database.db,
      sql`select hash, created_at::text from drizzle.__drizzle_migrations order by id`,
    )
  ).map((row) => `${row.created_at} ${row.hash}`);

describe.each(engines())('migrations on %s', (engine) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('a migrated database is up to date, and migrating it again changes nothing', async () => {
    database = await createTestDatabase(engine, 'empty');
    const before = await recorded(database);
    expect(before.length).toBeGreaterThan(0);
    expect(await migrationsUpToDate(database)).toBe(true);
    await migrateDatabase(database);
    expect(await recorded(database)).toEqual(before);
  });

  it('is not up to date when the newest migration is not recorded', async () => {
    database = await createTestDatabase(engine, 'empty');
    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations
          where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    expect(await migrationsUpToDate(database)).toBe(false);
  });

  it('is not up to date without the migrations table (a new database)', async () => {
    database = await createTestDatabase(engine, 'empty');
    await database.db.execute(sql`drop schema drizzle cascade`);
    expect(await migrationsUpToDate(database)).toBe(false);
  });
});
