/**
 * The revision pages through the real app: history and diff in both languages, restore by a
 * form post with its CSRF token (and not without it, nor by a viewer), the translator queue,
 * and a 404 page for an unknown kind.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  type Browser,
} from '../accounts/test-kit.ts';
import type { Role } from '../accounts/permissions.ts';
import { createItem, publish, saveDraft, type Actor } from './service.ts';

describe.each(engines())('revision pages on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const actors = {} as Record<Role, Actor>;
  const slug = 'revision-pages-policy';
  const history = (lang: string) => `/${lang}/admin/content/policy/${slug}/history`;
  const doc = {
    slug,
    classification: 'ordinance',
    stance: 'protects',
    jurisdiction: 'ocd-division/country:us/state:nm',
    title: { es: 'Ordenanza de la primera versión', en: 'Ordinance of the first version' },
    summary: { es: 'Resumen original.', en: 'Original summary.' },
  };

  const signIn = async (role: Role, address: string): Promise<Browser> => {
    const b = browser(app, address);
    await b.get('/en/admin/sign-in');
    await b.post('/en/admin/sign-in', { email: `${role}@example.org`, password: GOOD_PASSWORD });
    return b;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    const created = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] });
    app = created.app;
    for (const role of ['editor', 'translator', 'viewer'] as Role[]) {
      const userId = await createUserWithPassword(created.services, {
        email: `${role}@example.org`,
        role,
      });
      actors[role] = { principal: { userId, role, mfaVerified: true } };
    }
    const db = database.db;
    await createItem(db, actors.editor, 'policy', doc);
    await publish(db, actors.editor, 'policy', slug, { baseVersion: 1 });
    // The editor rewrites the Spanish title only: the English one needs an update.
    await saveDraft(db, actors.editor, 'policy', slug, {
      baseVersion: 2,
      document: { ...doc, title: { es: 'Ordenanza de la segunda versión', en: doc.title.en } },
    });
  }, 120_000);
  afterAll(() => database.close());

  it('shows the history and a word-level diff in Spanish and English', async () => {
    const b = await signIn('viewer', '192.0.2.10');
    const en = await b.get(history('en'));
    expect(en.status).toBe(200);
    expect(en.html).toContain('History of “Ordinance of the first version”');
    expect(en.html).toContain('Working copy: draft');
    expect(en.html).toContain('Published now');
    expect(en.html).toContain('editor@example.org');
    // A viewer sees no restore button.
    expect(en.html).not.toContain('/restore');
    const es = await b.get(history('es'));
    expect(es.status).toBe(200);
    // The title of the working copy, which the editor opens.
    expect(es.html).toContain('Historial de «Ordenanza de la segunda versión»');
    expect(es.html).toContain('Comparar la revisión 2 con la anterior');

    const diff = await b.get(`${history('en')}/2`);
    expect(diff.status).toBe(200);
    expect(diff.html).toContain('Revision 2 compared with revision 1');
    expect(diff.html).toMatch(/<del><span class="visually-hidden">removed: <\/span>primera<\/del>/);
    expect(diff.html).toMatch(/<ins><span class="visually-hidden">added: <\/span>segunda<\/ins>/);
    expect(diff.html).toContain('English translation state');
    const diffEs = await b.get(`${history('es')}/2?against=1`);
    expect(diffEs.html).toContain('Revisión 2 comparada con la revisión 1');
    expect(diffEs.html).toContain('Estado de la traducción al inglés');
    expect((await b.get(`${history('en')}/1`)).html).toContain('Revision 1, the first one');
  });

  it('restores a revision by a form post with its CSRF token, and not without it', async () => {
    const viewer = await signIn('viewer', '192.0.2.11');
    await viewer.get(history('en'));
    expect((await viewer.post(`${history('en')}/1/restore`, { version: '3' })).status).toBe(403);

    await publish(database.db, actors.editor, 'policy', slug, { baseVersion: 3 });
    const b = await signIn('editor', '192.0.2.12');
    const page = await b.get(history('en'));
    expect(page.html).toContain('Restore revision 1 and publish it');
    const version = /name="version" value="(\d+)"/.exec(page.html)![1]!;
    const forged = await b.post(`${history('en')}/1/restore`, { version, _csrf: 'forged' });
    expect(forged.status).toBe(403);
    const stale = await b.post(`${history('en')}/1/restore`, { version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('nothing was restored');

    const restored = await b.post(`${history('en')}/1/restore`, { version });
    expect(restored.status).toBe(303);
    expect(restored.location).toBe(`${history('en')}?done=restored`);
    const after = await b.get(restored.location!);
    expect(after.html).toContain('Restored from revision 1');
    expect(after.html).toContain('The revision was restored');
    const published = await (await app.request(`/es/policies/${slug}`)).text();
    expect(published).toContain('Ordenanza de la primera versión');
    expect(published).not.toContain('segunda versión');
  });

  it('lists content whose translation needs an update in the queue, by language', async () => {
    const db = database.db;
    const other = { ...doc, slug: 'queue-policy', title: { es: 'Cola', en: 'Queue' } };
    await createItem(db, actors.editor, 'policy', other);
    await saveDraft(db, actors.editor, 'policy', 'queue-policy', {
      baseVersion: 1,
      document: { ...other, summary: { es: 'Resumen cambiado.', en: doc.summary.en } },
    });
    const b = await signIn('translator', '192.0.2.13');
    const en = await b.get('/en/admin/translations?language=en');
    expect(en.status).toBe(200);
    expect(en.html).toContain('href="/en/admin/content/policy/queue-policy"');
    expect(en.html).toMatch(/Summary[^<]*· English: needs an update/);
    const es = await b.get('/es/admin/translations?language=es');
    expect(es.status).toBe(200);
    expect(es.html).not.toContain('queue-policy');
  });

  it('answers an unknown kind, slug or revision with a 404 page', async () => {
    const b = await signIn('viewer', '192.0.2.14');
    expect((await b.get(`/en/admin/content/nope/${slug}/history`)).status).toBe(404);
    expect((await b.get('/en/admin/content/policy/no-such-policy/history')).status).toBe(404);
    expect((await b.get(`${history('en')}/99`)).status).toBe(404);
    expect((await b.get(`${history('en')}/abc`)).status).toBe(404);
  });

  it('never answers hostile input with a 5xx', async () => {
    const b = await signIn('editor', '192.0.2.15');
    await b.get(history('en'));
    const segment = fc.string({ maxLength: 40 }).map(encodeURIComponent);
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        fc.string({ maxLength: 30 }),
        async (kind, number, version) => {
          const path = `/en/admin/content/${kind || 'x'}/${slug}/history/${number || '1'}`;
          expect(
            (await b.get(`${path}?against=${encodeURIComponent(version)}`)).status,
          ).toBeLessThan(500);
          expect((await b.post(`${path}/restore`, { version })).status).toBeLessThan(500);
          const queue = await b.get(
            `/en/admin/translations?language=${encodeURIComponent(version)}`,
          );
          expect(queue.status).toBe(200);
        },
      ),
      { numRuns: 60 },
    );
  });
});
