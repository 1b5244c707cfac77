/**
 * The scheduler loop: a pass publishes what is due by its clock and logs only counts; a failing
 * item is logged and does not stop the others; stop() ends the loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createTestDatabase } from '../../../test/harness.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { startScheduler } from './scheduler.ts';
import { createItem, loadItem, schedule, type Actor } from './service.ts';

const NM = 'ocd-division/country:us/state:nm';
const policy = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  classification: 'ordinance',
  stance: 'protects',
  jurisdiction: NM,
  title: { es: `Título ${slug}`, en: `Title ${slug}` },
  summary: { es: 'Resumen.', en: 'Summary.' },
  ...extra,
});

describe('scheduler', () => {
  let database: Database;
  let editor: Actor;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into users (email, role) values ('editor@example.org', 'editor') returning id`,
    );
    editor = { principal: { userId: row!.id, role: 'editor', mfaVerified: true } };
  }, 120_000);
  afterAll(() => database.close());

  it('publishes what is due by its clock, logs counts only, and goes on after a failure', async () => {
    const at = new Date(Date.now() + 60_000);
    for (const slug of ['scheduled-a', 'scheduled-b']) {
      await createItem(database.db, editor, 'policy', policy(slug));
      await schedule(database.db, editor, 'policy', slug, { baseVersion: 1, publishAt: at });
    }
    // A topic deleted after scheduling makes one item fail at publishing time.
    await database.db.execute(
      sql`insert into topics (slug, name_es, name_en) values ('short-lived', 'Tema', 'Topic')`,
    );
    await createItem(
      database.db,
      editor,
      'policy',
      policy('scheduled-c', { topics: ['short-lived'] }),
    );
    await schedule(database.db, editor, 'policy', 'scheduled-c', { baseVersion: 1, publishAt: at });
    await database.db.execute(sql`delete from topics where slug = 'short-lived'`);

    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    let clock = new Date(at.getTime() - 1000);
    const scheduler = startScheduler(
      { db: database.db, logger },
      { intervalMs: 3_600_000, now: () => clock },
    );
    expect(await scheduler.runOnce()).toBe(0);
    clock = new Date(at.getTime() + 1000);
    expect(await scheduler.runOnce()).toBe(2);
    await scheduler.stop();
    for (const slug of ['scheduled-a', 'scheduled-b'])
      expect((await loadItem(database.db, 'policy', slug)).summary.live).toBe(true);
    expect((await loadItem(database.db, 'policy', 'scheduled-c')).summary.workflow).toBe(
      'scheduled',
    );
    const log = lines.join('');
    expect(log).toContain('"published":2');
    expect(log).toContain('scheduled publication failed');
    expect(log).not.toContain('example.org');
  });
});
