/**
 * The audit chain: appends from concurrent transactions never fork it, and verification finds a
 * changed, removed or inserted row at the right place.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { appendAudit, GENESIS_HASH, hashAuditRow, verifyAuditChain } from './chain.ts';

describe.each(engines())('audit chain (%s)', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
  });
  afterAll(() => database.close());

  /** What someone with the database owner's rights could do: switch the guard off. */
  const withTrigger = (work: string) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
      await tx.execute(sql.raw(work));
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    });

  it('starts from the genesis hash and links every row to the one before', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 0, head: null });
    const now = new Date('2030-01-01T00:00:00.123Z');
    const first = await database.db.transaction((tx) =>
      appendAudit(tx, { actorId: null, action: 'user.created', details: { b: 1, a: 'x' } }, now),
    );
    const [row] = await database.db.select().from(auditLog);
    expect(row!.prevHash).toBe(GENESIS_HASH);
    expect(hashAuditRow(row!)).toBe(first.hash);
    // Key order does not matter: the hash covers sorted keys.
    expect(hashAuditRow({ ...row!, details: { a: 'x', b: 1 } })).toBe(first.hash);
  });

  it('serializes concurrent appends into one chain (no fork)', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(${(i % 3) / 1000})`);
          await appendAudit(tx, { actorId: null, action: 'sign_out', details: { i } }, new Date());
        }),
      ),
    );
    const report = await verifyAuditChain(database.db, 7);
    expect(report).toMatchObject({ ok: true, rows: 25 });
    const prevs = await database.db.select({ prev: auditLog.prevHash }).from(auditLog);
    expect(new Set(prevs.map((p) => p.prev)).size).toBe(25);
  });

  it('finds a changed row, a re-hashed row and a removed row', async () => {
    await withTrigger(`update audit_log set details = '{"i": 99}' where seq = 10`);
    expect(await verifyAuditChain(database.db)).toEqual({
      ok: false,
      rows: 9,
      brokenAt: 10,
      reason: 'hash_mismatch',
    });
    // Recomputing that row's hash does not help: the next row still points to the old one.
    const [changed] = await database.db
      .select()
      .from(auditLog)
      .where(sql`seq = 10`);
    await withTrigger(`update audit_log set hash = '${hashAuditRow(changed!)}' where seq = 10`);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 11,
      reason: 'previous_hash_mismatch',
    });
    await withTrigger('delete from audit_log where seq = 5');
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: 'missing_row',
    });
  });
});
