/**
 * Staff track an imported matter through the editorial workflow: its English-only actions go
 * through the record document (the dataset shape) and come back with their translation states,
 * and a Spanish description typed by staff is stored as a reviewed translation.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import { queryRows, sql, type Database } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { loadItem, publish, saveDraft } from '../editorial/service.ts';
import { getPage } from '../home/page-test-kit.ts';
import { startFakeLegistar } from './fake-server.ts';
import { importLegistar } from './import.ts';
import { albuquerqueFixture } from './test-fixtures.ts';

const SLUG = 'albuquerque-o-19-1';

type Described = { description: { es: string; en: string; es_state?: string; en_state?: string } };

describe.each(engines())('an imported matter through the editorial workflow, on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    const server = await startFakeLegistar(albuquerqueFixture());
    try {
      await importLegistar(database, {
        baseUrl: server.baseUrl,
        jurisdiction: 'albuquerque',
        requestsPerSecond: 1000,
        concurrency: 4,
        backoffMs: 1,
        timeoutMs: 5000,
      });
    } finally {
      await server.close();
    }
  }, 120_000);
  afterAll(() => database?.close());

  const actionsOf = () =>
    database.db
      .select({
        es: s.policyActions.descriptionEs,
        en: s.policyActions.descriptionEn,
        esState: s.policyActions.descriptionEsState,
        enState: s.policyActions.descriptionEnState,
      })
      .from(s.policyActions)
      .innerJoin(s.policies, eq(s.policies.id, s.policyActions.policyId))
      .where(eq(s.policies.slug, SLUG))
      .orderBy(s.policyActions.position);

  it('keeps English-only actions marked as such, and stores a staff translation as reviewed', async () => {
    const db = database.db;
    const [row] = await queryRows<{ id: string }>(
      db,
      sql`insert into users (email, role) values ('clerk@example.org', 'editor') returning id`,
    );
    const editor = { principal: { userId: row!.id, role: 'editor' as const, mfaVerified: true } };

    const state = await loadItem(db, 'policy', SLUG);
    const actions = (state.document as unknown as { actions: Described[] }).actions;
    expect(actions.map((a) => a.description)).toEqual([
      { es: '', en: 'Introduced', es_state: 'missing', en_state: 'original' },
      { es: '', en: 'Passed: Passed as amended', es_state: 'missing', en_state: 'original' },
    ]);

    // Tracked as imported: the actions keep their states through the save and the publication.
    const tracked = {
      ...state.document,
      stance: 'protects',
      title: { es: 'Ordenanza O-19-1', en: 'Ordinance O-19-1', verification: 'unverified' },
      summary: { es: 'Resumen.', en: 'Summary.' },
    } as typeof state.document;
    const saved = await saveDraft(db, editor, 'policy', SLUG, {
      baseVersion: state.summary.version,
      document: tracked,
    });
    await publish(db, editor, 'policy', SLUG, { baseVersion: saved.version });
    expect(await actionsOf()).toEqual([
      { es: '', en: 'Introduced', esState: 'missing', enState: 'original' },
      { es: '', en: 'Passed: Passed as amended', esState: 'missing', enState: 'original' },
    ]);

    // Staff type the Spanish of one action, as the form sends it (the stored states untouched).
    const next = await loadItem(db, 'policy', SLUG);
    const document = structuredClone(next.document) as unknown as { actions: Described[] };
    document.actions[1]!.description.es = 'Aprobada con enmiendas';
    const translated = await saveDraft(db, editor, 'policy', SLUG, {
      baseVersion: next.summary.version,
      document: document as unknown as typeof next.document,
    });
    await publish(db, editor, 'policy', SLUG, { baseVersion: translated.version });
    expect((await actionsOf())[1]).toEqual({
      es: 'Aprobada con enmiendas',
      en: 'Passed: Passed as amended',
      esState: 'reviewed',
      enState: 'original',
    });

    const { app } = createTestApp(database);
    const { html } = await getPage(app, `/es/policies/${SLUG}`);
    expect(html).toContain('<span>Aprobada con enmiendas</span></p>');
    expect(html).toContain('<span lang="en">Introduced</span>');
  });
});
