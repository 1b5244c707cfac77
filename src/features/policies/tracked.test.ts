/**
 * Decision 016: a policy without a stance (an imported matter staff have not assessed) is not in
 * the public library. Each surface is read twice: with R-18-7 tracked (it must be there, so the
 * check can fail) and after its stance is cleared (it must be gone everywhere).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { people, policies, voteEvents, votes } from '../../db/schema.ts';
import { exportDataset } from '../dataset/export.ts';
import { buildBoard } from '../officials/body-test-kit.ts';
import { loadItem, publish, saveDraft, translationQueue } from '../editorial/service.ts';
import { AppError } from '../../lib/errors.ts';
import { rebuildSearchLexicon } from './search.ts';

const SLUG = 'abq-r-18-7';

/** Where R-18-7 shows when tracked; each answer is searched for the slug. */
const LISTINGS = [
  '/api/v1/policies?q=R-18-7',
  '/api/v1/policies?jurisdiction=ocd-division/country:us/state:nm/place:albuquerque&limit=100',
  '/api/v1/export/popolo.json',
  '/api/v1/export/policies.csv',
  '/api/v1/bodies/albuquerque-city-council',
  '/api/v1/officials/rosa-ruiz',
  '/es/policies?q=R-18-7',
  '/en/policies?q=R-18-7',
  '/en/policies?jurisdiction=ocd-division/country:us/state:nm/place:albuquerque',
  '/en/jurisdictions/albuquerque',
  '/es/timeline',
  '/en/bodies/albuquerque-city-council',
  '/en/officials/rosa-ruiz',
];
const DETAILS = [
  `/api/v1/policies/${SLUG}`,
  `/en/policies/${SLUG}`,
  `/es/policies/${SLUG}/print`,
  `/en/policies/${SLUG}/kit.pdf`,
];

describe.each(engines())('untracked policies stay out of the public library on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const read = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, text: await res.text() };
  };
  const total = async () =>
    ((await (await app.request('/api/v1/policies')).json()) as { total: number }).total;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    await buildBoard(database);
    // Rosa voted on R-18-7 too, so her scorecard and vote list include it while it is tracked.
    const db = database.db;
    const [rosa] = await db.select().from(people).where(eq(people.slug, 'rosa-ruiz'));
    const [r187] = await db.select().from(policies).where(eq(policies.slug, SLUG));
    const [event] = await db.select().from(voteEvents).where(eq(voteEvents.policyId, r187!.id));
    await db.insert(votes).values({
      voteEventId: event!.id,
      voterName: 'Rosa Ruiz',
      personId: rosa!.id,
      option: 'yes',
    });
    await bumpDataVersion(db);
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  it('hides a policy from every public surface once its stance is cleared', async () => {
    const before = await total();
    for (const path of LISTINGS) {
      const { status, text } = await read(path);
      expect([path, status, text.includes(SLUG)]).toEqual([path, 200, true]);
    }
    for (const path of DETAILS) expect([path, (await read(path)).status]).toEqual([path, 200]);
    expect((await exportDataset(database.db)).policies.map((p) => p.slug)).toContain(SLUG);

    await database.db.update(policies).set({ stance: null }).where(eq(policies.slug, SLUG));
    await bumpDataVersion(database.db);

    expect(await total()).toBe(before - 1);
    for (const path of LISTINGS) {
      const { status, text } = await read(path);
      expect([path, status, text.includes(SLUG)]).toEqual([path, 200, false]);
    }
    for (const path of DETAILS) expect([path, (await read(path)).status]).toEqual([path, 404]);
    expect((await exportDataset(database.db)).policies.map((p) => p.slug)).not.toContain(SLUG);
  });

  it('keeps an untracked title out of the typo-correction lexicon', async () => {
    const db = database.db;
    const inLexicon = async () =>
      (
        await queryRows<{ word: string }>(
          db,
          sql`select word from search_lexicon where word = 'zanzibarian'`,
        )
      ).length;
    await db
      .update(policies)
      .set({ titleEn: 'Zanzibarian parking variance', stance: 'protects' })
      .where(eq(policies.slug, SLUG));
    await rebuildSearchLexicon(db);
    expect(await inLexicon()).toBe(1);
    await db.update(policies).set({ stance: null }).where(eq(policies.slug, SLUG));
    await rebuildSearchLexicon(db);
    expect(await inLexicon()).toBe(0);
  });

  it('lets an editor track a matter by giving it a stance, and keeps it out of the translator queue until then', async () => {
    const db = database.db;
    await db
      .update(policies)
      .set({ stance: null, titleEsState: 'missing', summaryEsState: 'missing' })
      .where(eq(policies.slug, SLUG));
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into users (email, role) values ('tracker@example.org', 'editor') returning id`,
    );
    const editor = { principal: { userId: row!.id, role: 'editor' as const, mfaVerified: true } };
    expect((await translationQueue(db)).map((e) => e.slug)).not.toContain(SLUG);

    const state = await loadItem(db, 'policy', SLUG);
    expect(state.document.stance ?? null).toBeNull();
    // Saving without a stance is refused with a field problem; nothing is written.
    const refused = await saveDraft(db, editor, 'policy', SLUG, {
      baseVersion: state.summary.version,
      document: state.document,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(JSON.stringify(refused)).toContain('stance');

    const saved = await saveDraft(db, editor, 'policy', SLUG, {
      baseVersion: state.summary.version,
      document: { ...state.document, stance: 'protects' },
    });
    await publish(db, editor, 'policy', SLUG, { baseVersion: saved.version });
    expect((await app.request(`/en/policies/${SLUG}`)).status).toBe(200);
    expect((await translationQueue(db)).map((e) => e.slug)).toContain(SLUG);
  });
});
