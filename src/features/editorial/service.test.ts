/**
 * The editorial service against a real database (both engines): drafts stay off the public site,
 * publishing shows them, concurrency conflicts write nothing, translators touch only texts,
 * schedules publish once, restores and deletes keep the history, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import { queryRows } from '../../db/client.ts';
import type { Database } from '../../db/client.ts';
import { readDataVersion } from '../../db/data-version.ts';
import { AppError } from '../../lib/errors.ts';
import { AuthError } from '../accounts/errors.ts';
import type { Role } from '../accounts/permissions.ts';
import { AUDIT_ACTIONS, verifyAuditChain } from '../audit/chain.ts';
import { applyDataset } from '../dataset/apply.ts';
import { exportRecord } from '../dataset/export.ts';
import { parseDatasetText } from '../dataset/load.ts';
import type { PolicyRecord } from '../dataset/schema.ts';
import {
  createItem,
  deleteItem,
  DependentsConflict,
  discardDraft,
  EditConflict,
  history,
  listItems,
  loadItem,
  publish,
  publishDue,
  restoreRevision,
  revisionDocument,
  saveDraft,
  schedule,
  submitForReview,
  translationQueue,
  unschedule,
  withPreview,
  type Actor,
} from './service.ts';

const NM = 'ocd-division/country:us/state:nm';
let counter = 0;

function newPolicy(overrides: Partial<Record<string, unknown>> = {}) {
  counter++;
  return {
    slug: `editorial-test-${counter}`,
    classification: 'ordinance',
    status: 'in_force',
    stance: 'protects',
    jurisdiction: NM,
    title: { es: `Ordenanza editorial ${counter}`, en: `Editorial ordinance ${counter}` },
    summary: { es: 'Un resumen en español.', en: 'A summary in English.' },
    provisions: [{ category: 'detainers', es: 'No retiene a nadie.', en: 'Holds nobody.' }],
    ...overrides,
  };
}

async function expectError<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe.each(engines())('editorial service on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const actors = {} as Record<Role, Actor>;
  const db = () => database.db;
  const status = async (path: string) => (await app.request(path)).status;
  const revisionCount = async () =>
    Number(
      (
        await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from content_revisions`)
      )[0]!.n,
    );

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    for (const role of ['admin', 'editor', 'translator', 'viewer'] as Role[]) {
      const [row] = await queryRows<{ id: string }>(
        db(),
        sql`insert into users (email, role) values (${`${role}@example.org`}, ${role}) returning id`,
      );
      actors[role] = { principal: { userId: row!.id, role, mfaVerified: true } };
    }
  }, 120_000);
  afterAll(() => database.close());

  it('keeps a draft off the public site and API until it is published', async () => {
    const doc = newPolicy();
    const created = await createItem(db(), actors.editor, 'policy', doc);
    expect(created).toEqual({ slug: doc.slug, version: 1 });
    expect(await status(`/es/policies/${doc.slug}`)).toBe(404);
    expect(await status(`/api/v1/policies/${doc.slug}`)).toBe(404);

    const before = await readDataVersion(db());
    const { version } = await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    expect(version).toBe(2);
    expect(await readDataVersion(db())).toBeGreaterThan(before);
    const page = await app.request(`/es/policies/${doc.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(doc.title.es);
    const api = await getJson<{ title: string }>(app, `/api/v1/policies/${doc.slug}?lang=en`);
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain(doc.title.en);

    const state = await loadItem(db(), 'policy', doc.slug);
    expect(state.summary).toMatchObject({ live: true, workflow: null, version: 2 });
    expect(state.working).toBeUndefined();
    expect(state.live?.revision).toMatchObject({ number: 1, live: true, origin: 'saved' });
  });

  it('leaves the public page unchanged while a published record is edited, until publish', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    const edited = { ...doc, title: { es: 'Título cambiado', en: 'Changed title' } };
    const saved = await saveDraft(db(), actors.editor, 'policy', doc.slug, {
      baseVersion: 2,
      document: edited,
    });
    expect(saved.version).toBe(3);
    expect(await (await app.request(`/es/policies/${doc.slug}`)).text()).not.toContain(
      'Título cambiado',
    );
    const state = await loadItem(db(), 'policy', doc.slug);
    expect(state.document.title.es).toBe('Título cambiado');
    expect(state.live?.document.title.es).toBe(doc.title.es);
    await submitForReview(db(), actors.editor, 'policy', doc.slug, { baseVersion: 3 });
    await publish(db(), actors.admin, 'policy', doc.slug, { baseVersion: 4 });
    expect(await (await app.request(`/es/policies/${doc.slug}`)).text()).toContain(
      'Título cambiado',
    );
  });

  it('refuses a save over a newer version and writes nothing', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    await saveDraft(db(), actors.editor, 'policy', doc.slug, {
      baseVersion: 1,
      document: { ...doc, summary: { es: 'Primera edición.', en: 'First edit.' } },
    });
    const revisions = await revisionCount();
    const conflict = await expectError(
      saveDraft(db(), actors.admin, 'policy', doc.slug, {
        baseVersion: 1,
        document: { ...doc, summary: { es: 'Edición vieja.', en: 'Stale edit.' } },
      }),
      EditConflict,
    );
    expect(conflict.code).toBe('conflict');
    expect(conflict.current.summary.version).toBe(2);
    expect((conflict.current.document as PolicyRecord).summary.es).toBe('Primera edición.');
    expect(await revisionCount()).toBe(revisions);
    await expectError(
      publish(db(), actors.admin, 'policy', doc.slug, { baseVersion: 1 }),
      EditConflict,
    );
  });

  it('lets a translator change only the texts, marks the other language, and keeps them from publishing', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    // The editor changes the Spanish summary only: the English one needs an update.
    await saveDraft(db(), actors.editor, 'policy', doc.slug, {
      baseVersion: 2,
      document: { ...doc, summary: { es: 'Resumen nuevo y más claro.', en: doc.summary.en } },
    });
    let state = await loadItem(db(), 'policy', doc.slug);
    expect(state.document.summary).toMatchObject({
      es_state: 'original',
      en_state: 'needs_update',
    });
    expect(state.summary.needsTranslation).toBe(true);
    const queue = await translationQueue(db(), { locale: 'en' });
    expect(queue.find((e) => e.slug === doc.slug)?.fields).toEqual([
      { path: 'summary', language: 'en', state: 'needs_update' },
    ]);
    expect((await translationQueue(db(), { locale: 'es' })).some((e) => e.slug === doc.slug)).toBe(
      false,
    );

    // The translator's form also sends a new stance and slug: both are ignored.
    await saveDraft(db(), actors.translator, 'policy', doc.slug, {
      baseVersion: 3,
      document: {
        ...doc,
        slug: 'hijacked',
        stance: 'harms',
        summary: { es: 'Cambiado por traducción.', en: 'A new and clearer summary.' },
      },
    });
    state = await loadItem(db(), 'policy', doc.slug);
    expect(state.document.stance).toBe('protects');
    expect(state.document.slug).toBe(doc.slug);
    expect(state.document.summary).toEqual({
      es: 'Cambiado por traducción.',
      en: 'A new and clearer summary.',
      es_state: 'reviewed',
      en_state: 'reviewed',
    });
    expect((await translationQueue(db())).some((e) => e.slug === doc.slug)).toBe(false);
    await expectError(
      publish(db(), actors.translator, 'policy', doc.slug, { baseVersion: 4 }),
      AuthError,
    );
    await expectError(createItem(db(), actors.translator, 'policy', newPolicy()), AuthError);
  });

  it('lets a viewer change nothing', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    const revisions = await revisionCount();
    await expectError(createItem(db(), actors.viewer, 'policy', newPolicy()), AuthError);
    await expectError(
      saveDraft(db(), actors.viewer, 'policy', doc.slug, { baseVersion: 1, document: doc }),
      AuthError,
    );
    await expectError(
      publish(db(), actors.viewer, 'policy', doc.slug, { baseVersion: 1 }),
      AuthError,
    );
    await expectError(
      deleteItem(db(), actors.viewer, 'policy', doc.slug, { baseVersion: 1 }),
      AuthError,
    );
    expect(await revisionCount()).toBe(revisions);
  });

  it('turns a bad document into field problems and writes nothing', async () => {
    const revisions = await revisionCount();
    const bad = await expectError(
      createItem(db(), actors.editor, 'policy', newPolicy({ stance: 'maybe', title: { es: '' } })),
      AppError,
    );
    expect(bad.code).toBe('invalid_body');
    expect(bad.details.fields?.map((f) => f.name)).toEqual(
      expect.arrayContaining(['stance', 'title']),
    );
    const dangling = await expectError(
      createItem(
        db(),
        actors.editor,
        'policy',
        newPolicy({
          jurisdiction: 'ocd-division/country:us/state:qq',
          topics: ['no-such-topic'],
          relations: [{ kind: 'amends', policy: 'no-such-policy' }],
        }),
      ),
      AppError,
    );
    expect(dangling.details.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'jurisdiction',
          reason: 'validation.content.unknown_reference',
        }),
        expect.objectContaining({ name: 'topics.0' }),
        expect.objectContaining({ name: 'relations.0.policy' }),
      ]),
    );
    const taken = await expectError(
      createItem(db(), actors.editor, 'policy', newPolicy({ slug: 'abq-r-18-7' })),
      AppError,
    );
    expect(taken.code).toBe('conflict');
    expect(taken.details.fields).toEqual([
      { name: 'slug', reason: 'validation.content.slug_taken' },
    ]);
    expect(await revisionCount()).toBe(revisions);
  });

  it('publishes a scheduled item when its time comes, once, even with two schedulers', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    await expectError(
      schedule(db(), actors.editor, 'policy', doc.slug, {
        baseVersion: 1,
        publishAt: new Date(Date.now() - 1000),
      }),
      AppError,
    );
    const at = new Date(Date.now() + 3_600_000);
    await schedule(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1, publishAt: at });
    let state = await loadItem(db(), 'policy', doc.slug);
    expect(state.summary).toMatchObject({ workflow: 'scheduled', publishAt: at, version: 2 });
    expect(await publishDue(db(), new Date(at.getTime() - 1000))).toBe(0);
    await unschedule(db(), actors.editor, 'policy', doc.slug, { baseVersion: 2 });
    expect((await loadItem(db(), 'policy', doc.slug)).summary.workflow).toBe('in_review');
    await schedule(db(), actors.editor, 'policy', doc.slug, { baseVersion: 3, publishAt: at });

    const later = new Date(at.getTime() + 1000);
    const results = await Promise.all([publishDue(db(), later), publishDue(db(), later)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await status(`/es/policies/${doc.slug}`)).toBe(200);
    state = await loadItem(db(), 'policy', doc.slug);
    expect(state.summary).toMatchObject({ workflow: null, live: true, publishAt: null });
    const published = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_log
        where action = 'content.published' and details->>'slug' = ${doc.slug}`,
    );
    expect(published[0]!.n).toBe(1);
  });

  it('restores an old text as a new revision, and the history grows', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    await saveDraft(db(), actors.editor, 'policy', doc.slug, {
      baseVersion: 2,
      document: { ...doc, title: { es: 'Segunda versión', en: 'Second version' } },
    });
    await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 3 });
    expect(await (await app.request(`/es/policies/${doc.slug}`)).text()).toContain(
      'Segunda versión',
    );
    const { version } = await restoreRevision(db(), actors.editor, 'policy', doc.slug, {
      number: 1,
      baseVersion: 4,
    });
    expect(version).toBe(5);
    expect(await (await app.request(`/es/policies/${doc.slug}`)).text()).toContain(doc.title.es);
    const revisions = await history(db(), 'policy', doc.slug);
    expect(revisions.map((r) => [r.number, r.origin, r.restoredFrom, r.live])).toEqual([
      [3, 'restored', 1, true],
      [2, 'saved', null, false],
      [1, 'saved', null, false],
    ]);
    expect(revisions[0]!.authorEmail).toBe('editor@example.org');
    expect((await revisionDocument(db(), 'policy', doc.slug, 2)).title.es).toBe('Segunda versión');

    // Restoring needs content update, which translators do not have.
    await expectError(
      restoreRevision(db(), actors.translator, 'policy', doc.slug, { number: 2, baseVersion: 5 }),
      AuthError,
    );
  });

  it('deletes from the public site and the queue, and a restore brings the record back', async () => {
    const doc = newPolicy({
      summary: { es: 'Resumen.', en: 'Machine summary.', en_state: 'machine' },
    });
    const queued = async () => (await translationQueue(db())).some((e) => e.slug === doc.slug);
    await createItem(db(), actors.editor, 'policy', doc);
    await publish(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    expect(await queued()).toBe(true);
    await deleteItem(db(), actors.editor, 'policy', doc.slug, { baseVersion: 2 });
    expect(await queued()).toBe(false);
    expect(await status(`/es/policies/${doc.slug}`)).toBe(404);
    expect(await status(`/api/v1/policies/${doc.slug}`)).toBe(404);
    const state = await loadItem(db(), 'policy', doc.slug);
    expect(state.summary).toMatchObject({ deleted: true, live: false, version: 3 });
    const deleted = await listItems(db(), { kind: 'policy', state: 'deleted' });
    expect(deleted.items.map((i) => i.slug)).toContain(doc.slug);
    await restoreRevision(db(), actors.admin, 'policy', doc.slug, { number: 1, baseVersion: 3 });
    expect(await status(`/es/policies/${doc.slug}`)).toBe(200);
    expect((await loadItem(db(), 'policy', doc.slug)).summary).toMatchObject({
      deleted: false,
      live: true,
    });
  });

  it('refuses to delete a record others depend on, naming them', async () => {
    const error = await expectError(
      deleteItem(db(), actors.admin, 'jurisdiction', 'albuquerque', { baseVersion: 1 }),
      DependentsConflict,
    );
    expect(error.code).toBe('conflict');
    expect(error.dependents).toEqual(
      expect.arrayContaining([{ kind: 'policy', slug: 'abq-r-18-7' }]),
    );
    expect(await status('/es/jurisdictions/albuquerque')).not.toBe(404);
  });

  it('tracks content that predates the workflow, and an import that changed it later', async () => {
    const state = await loadItem(db(), 'faq', 'police-ask-immigration-status');
    expect(state.summary).toMatchObject({ live: true, version: 1, workflow: null });
    expect(state.live?.revision).toMatchObject({ number: 1, origin: 'imported', authorId: null });
    // Opening it again records nothing new.
    await loadItem(db(), 'faq', 'police-ask-immigration-status');
    expect(await history(db(), 'faq', 'police-ask-immigration-status')).toHaveLength(1);
    // Two imports change it: each is recorded as a revision (none skipped), and forms go stale.
    const faq = 'police-ask-immigration-status';
    const record = (await exportRecord(db(), 'faq', faq))!;
    for (const answer of ['Primera importación.', 'Segunda importación.']) {
      const changed = { ...record, answer: { es: answer, en: 'Imported answer.' } };
      await applyDataset(db(), [parseDatasetText('x.json', JSON.stringify({ faq: [changed] }))]);
    }
    const after = await loadItem(db(), 'faq', faq);
    expect(after.summary.version).toBe(3);
    expect(after.document.answer.es).toBe('Segunda importación.');
    const revisions = await history(db(), 'faq', faq);
    expect(revisions.map((r) => [r.number, r.origin, r.live])).toEqual([
      [3, 'imported', true],
      [2, 'imported', false],
      [1, 'imported', false],
    ]);
    expect((await revisionDocument(db(), 'faq', faq, 2)).answer.es).toBe('Primera importación.');
    // Re-importing the same file records nothing.
    const same = { ...record, answer: { es: 'Segunda importación.', en: 'Imported answer.' } };
    await applyDataset(db(), [parseDatasetText('x.json', JSON.stringify({ faq: [same] }))]);
    expect(await history(db(), 'faq', faq)).toHaveLength(3);
    const listed = await listItems(db(), { q: 'abq-r-00-151' });
    expect(listed.items).toEqual([
      expect.objectContaining({ kind: 'policy', slug: 'abq-r-00-151', live: true, version: 1 }),
    ]);
  });

  it('discards a draft, and previews a document without keeping anything', async () => {
    const doc = newPolicy();
    await createItem(db(), actors.editor, 'policy', doc);
    const versionBefore = await readDataVersion(db());
    const html = await withPreview(db(), 'policy', doc, async (tx) => {
      const rows = await queryRows<{ slug: string }>(
        tx,
        sql`select slug from policies where slug = ${doc.slug}`,
      );
      return rows.length;
    });
    expect(html).toBe(1);
    expect(await status(`/es/policies/${doc.slug}`)).toBe(404);
    expect(await readDataVersion(db())).toBe(versionBefore);
    await discardDraft(db(), actors.editor, 'policy', doc.slug, { baseVersion: 1 });
    expect((await loadItem(db(), 'policy', doc.slug)).summary).toMatchObject({
      workflow: null,
      deleted: true,
    });
  });

  it('writes an audit entry for every change and keeps the chain valid', async () => {
    const rows = await queryRows<{ action: string; subject_type: string; details: unknown }>(
      db(),
      sql`select action, subject_type, details from audit_log where action like 'content.%'`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of AUDIT_ACTIONS.filter((a) => a.startsWith('content.')))
      expect(actions, action).toContain(action);
    expect(rows.every((r) => r.subject_type === 'content')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('@example.org');
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});
