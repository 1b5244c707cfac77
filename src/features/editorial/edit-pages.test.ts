/**
 * The editing pages in-process, against a real database (PGlite; PostgreSQL too when
 * TEST_DATABASE_URL is set): create, edit both languages, publish, preview, roles, stale saves,
 * invalid and hostile input, cross-site posts, and rows added without JavaScript.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { editorialItems } from '../../db/schema.ts';
import type { Role } from '../accounts/permissions.ts';
import { browser, createUserWithPassword, GOOD_PASSWORD } from '../accounts/test-kit.ts';
import { getField, postPairs, readForm, setField, type Pairs } from './form-kit.ts';
import { listItems, loadItem, type ContentKind } from './service.ts';

const POLICY = 'bernco-ar-2017-22';
const JURISDICTION = 'ocd-division/country:us/state:nm/county:bernalillo';

describe.each(engines())('editing pages (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  let address = 10;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    ({ app, services } = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] }));
    for (const role of ['admin', 'editor', 'translator', 'viewer'] as const)
      await createUserWithPassword(services, { email: `${role}@example.org`, role });
  }, 120_000);
  afterAll(() => database?.close());

  const signIn = async (role: Role) => {
    const b = browser(app, `192.0.2.${address++}`);
    await b.get('/en/admin/sign-in');
    const res = await b.post('/en/admin/sign-in', {
      email: `${role}@example.org`,
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(303);
    await b.get('/en/admin'); // the session's CSRF token
    return b;
  };
  type B = Awaited<ReturnType<typeof signIn>>;

  /** Opens the edit page and returns its form as a browser would send it. */
  const openForm = async (b: B, path: string) => {
    const page = await b.get(path);
    expect(page.status, path).toBe(200);
    return readForm(page.html, { className: 'edit-form' });
  };
  const post = (b: B, path: string, pairs: Pairs) => postPairs(app, b, path, pairs);
  const publicPage = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, html: await res.text() };
  };
  const storedVersion = async (kind: string, slug: string) =>
    (
      await database.db
        .select({ version: editorialItems.version })
        .from(editorialItems)
        .where(sql`${editorialItems.kind} = ${kind} and ${editorialItems.key} = ${slug}`)
    )[0]?.version;

  const newPolicy = (slug: string, extra: Pairs = []): Pairs => [
    ['slug', slug],
    ['classification', 'ordinance'],
    ['status', 'pending'],
    ['stance', 'protects'],
    ['jurisdiction', JURISDICTION],
    ['title.es', `Ordenanza de prueba ${slug}`],
    ['title.en', `Test ordinance ${slug}`],
    ['summary.es', 'Resumen en español.'],
    ['summary.en', 'Summary in English.'],
    ['topics', 'detainers'],
    ['topics', 'local-enforcement'],
    ...extra,
  ];

  it('creates a policy as an editor: a draft in the list, not on the public site', async () => {
    const editor = await signIn('editor');
    const form = await editor.get('/en/admin/content/policy/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="provisions[0].category"');
    const res = await post(editor, '/en/admin/content/policy', newPolicy('test-draft-one'));
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    expect(res.location).toBe('/en/admin/content/policy/test-draft-one?done=created');
    const page = await editor.get(res.location!);
    expect(page.html).toContain('The draft was created.');
    expect(page.html).toContain('Test ordinance test-draft-one');
    const stored = readForm(page.html, { className: 'edit-form' });
    expect(
      stored
        .filter(([n]) => n === 'topics')
        .map(([, v]) => v)
        .sort(),
    ).toEqual(['detainers', 'local-enforcement']);
    expect((await publicPage('/en/policies/test-draft-one')).status).toBe(404);
    const list = await editor.get('/en/admin/content?kind=policy&state=draft');
    expect(list.html).toContain('Test ordinance test-draft-one');
    expect(list.html).toContain('Draft');
    const all = await editor.get('/es/admin/content?q=zzz-nothing');
    expect(all.html).toContain('Ningún contenido coincide');
  });

  it('edits both languages and publishes: the public page shows each language', async () => {
    const editor = await signIn('editor');
    const path = `/en/admin/content/policy/${POLICY}`;
    let form = await openForm(editor, path);
    form = setField(form, 'summary.es', 'Resumen nuevo en español para la prueba.');
    form = setField(form, 'summary.en', 'A new English summary for the test.');
    const saved = await post(editor, path, form);
    expect(saved.status, saved.html.slice(0, 3000)).toBe(303);
    expect(saved.location).toBe(`${path}?done=saved`);
    // Saved, not published: the public page is unchanged.
    expect((await publicPage(`/en/policies/${POLICY}`)).html).not.toContain('new English summary');
    const page = await editor.get(saved.location!);
    const version = getField(readForm(page.html, { action: '/publish' }), 'version')!;
    const published = await post(editor, `${path}/publish`, [['version', version]]);
    expect(published.status, published.html.slice(0, 2000)).toBe(303);
    const es = await publicPage(`/es/policies/${POLICY}`);
    const en = await publicPage(`/en/policies/${POLICY}`);
    expect(es.html).toContain('Resumen nuevo en español para la prueba.');
    expect(en.html).toContain('A new English summary for the test.');
  });

  it('takes a long full text in both languages (forms elsewhere stay small)', async () => {
    const editor = await signIn('editor');
    const paragraph = 'Una disposición larga del texto completo de la ordenanza. '.repeat(20);
    const long = Array.from({ length: 60 }, () => paragraph).join('\n\n'); // about 70 KB
    const res = await post(
      editor,
      '/en/admin/content/policy',
      newPolicy('test-long-text', [
        ['full_text.es', long],
        ['full_text.en', long],
      ]),
    );
    expect(res.status, res.html.slice(0, 500)).toBe(303);
    const tooBig = await post(editor, '/en/admin/sign-in', [['email', 'x'.repeat(40 * 1024)]]);
    expect(tooBig.status).toBe(413);
  });

  it("takes only the texts from a translator's form, even when the post carries other fields", async () => {
    const translator = await signIn('translator');
    const path = `/en/admin/content/policy/${POLICY}`;
    const page = await translator.get(path);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('name="classification"');
    let form = readForm(page.html, { className: 'edit-form' });
    expect(getField(form, 'title.en')).toBeTruthy();
    form = setField(form, 'summary.en', 'Translator English summary.');
    form = setField(form, 'classification', 'statute');
    form = setField(form, 'stance', 'harms');
    const res = await post(translator, path, form);
    expect(res.status, res.html.slice(0, 2000)).toBe(303);
    const editor = await signIn('editor');
    const after = await openForm(editor, path);
    expect(getField(after, 'summary.en')).toBe('Translator English summary.');
    expect(getField(after, 'classification')).not.toBe('statute');
    expect(getField(after, 'stance')).toBe('protects');
    // Translators may not publish, but they submit their translation for an editor's review.
    const version = getField(after, 'version')!;
    expect((await post(translator, `${path}/publish`, [['version', version]])).status).toBe(403);
    const submitted = await post(translator, `${path}/submit`, [['version', version]]);
    expect(submitted.status, submitted.html.slice(0, 500)).toBe(303);
    expect(submitted.location).toBe(`${path}?done=submitted`);
    expect((await editor.get('/en/admin/content?kind=policy&state=in_review')).html).toContain(
      `/en/admin/content/policy/${POLICY}"`,
    );
  });

  it('refuses every change from a viewer with 403', async () => {
    const viewer = await signIn('viewer');
    const path = `/en/admin/content/policy/${POLICY}`;
    const page = await viewer.get(path);
    expect(page.status).toBe(200);
    expect(page.html).toContain('can read this content but not change it');
    const before = await storedVersion('policy', POLICY);
    for (const target of [path, `${path}/publish`, `${path}/delete`, '/en/admin/content/policy'])
      expect((await post(viewer, target, [['version', String(before)]])).status, target).toBe(403);
    expect(await storedVersion('policy', POLICY)).toBe(before);
  });

  it('shows a conflict for a stale version (409) and keeps the stored text', async () => {
    const editor = await signIn('editor');
    const other = await signIn('admin');
    const path = `/en/admin/content/policy/${POLICY}`;
    const mine = setField(await openForm(editor, path), 'summary.en', 'My slow edit.');
    const theirs = setField(await openForm(other, path), 'summary.en', 'Their quick edit.');
    expect((await post(other, path, theirs)).status).toBe(303);
    const res = await post(editor, path, mine);
    expect(res.status).toBe(409);
    expect(res.html).toContain('Someone saved a newer version');
    expect(res.html).toContain('My slow edit.');
    expect(res.html).toContain('Their quick edit.');
    expect(getField(await openForm(editor, path), 'summary.en')).toBe('Their quick edit.');
    // A workflow button on a stale version changes nothing either.
    const stale = getField(mine, 'version')!;
    expect((await post(editor, `${path}/discard`, [['version', stale]])).status).toBe(409);
    expect(getField(await openForm(editor, path), 'summary.en')).toBe('Their quick edit.');
  });

  it('answers invalid and hostile input with messages beside the fields, in both languages, writing nothing', async () => {
    const editor = await signIn('editor');
    const bad = newPolicy('Bad Slug!', [
      ['dates.adopted.date', '2019-13'],
      ['identifiers[0].scheme', 'bill_number'],
      ['identifiers[0].value', 'HB 1'],
      ['sources[0].url', 'javascript:alert(1)'],
    ]);
    const hostile = setField(
      setField(bad, 'jurisdiction', 'ocd-division/country:us/state:zz'),
      'title.en',
      '<script>alert(1)</script>',
    );
    for (const [lang, texts] of [
      ['en', ['Use only lower-case letters', 'Write a real date', 'this one does not exist']],
      ['es', ['Use solo minúsculas', 'Escriba una fecha real', 'este no existe']],
    ] as const) {
      const res = await post(editor, `/${lang}/admin/content/policy`, hostile);
      expect(res.status).toBe(422);
      for (const text of texts) expect(res.html).toContain(text);
      expect(res.html).toContain('id="error-summary"');
      expect(res.html).toContain('href="#f-slug"');
      expect(res.html).toMatch(
        /id="f-slug"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-slug"/,
      );
      expect(res.html).toContain('aria-describedby="f-slug-hint f-slug-error"');
      expect(res.html).not.toContain('<script>alert(1)</script>');
      expect(res.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // What was typed comes back.
      expect(res.html).toContain('value="HB 1"');
    }
    const reserved = await post(editor, '/en/admin/content/policy', newPolicy('new'));
    expect(reserved.status).toBe(422);
    expect(reserved.html).toContain('is reserved for the page that creates an item');
    const count = await database.db.$count(editorialItems, eq(editorialItems.key, 'Bad Slug!'));
    expect(count).toBe(0);
    // A hostile title that is otherwise valid is stored and shown escaped.
    const ok = setField(newPolicy('hostile-title'), 'title.en', '<script>alert(1)</script>');
    expect((await post(editor, '/en/admin/content/policy', ok)).status).toBe(303);
    const page = await editor.get('/en/admin/content/policy/hostile-title');
    expect(page.html).not.toContain('<script>alert(1)</script>');
    const list = await editor.get('/en/admin/content?q=hostile');
    expect(list.html).toContain('&lt;script&gt;');
  });

  it('refuses a cross-site post with 403', async () => {
    const editor = await signIn('editor');
    const path = `/en/admin/content/policy/${POLICY}`;
    const form = setField(await openForm(editor, path), 'summary.en', 'From another site.');
    const res = await postPairs(app, editor, path, form, {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(403);
    expect(getField(await openForm(editor, path), 'summary.en')).not.toBe('From another site.');
  });

  it('previews the draft as the real public page, and the public site does not change', async () => {
    const editor = await signIn('editor');
    const path = `/en/admin/content/policy/${POLICY}`;
    const form = setField(await openForm(editor, path), 'title.en', 'Previewed draft title');
    expect((await post(editor, path, form)).status).toBe(303);
    const preview = await editor.get(`${path}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('Previewed draft title');
    expect(preview.html).toMatch(/<title>Preview, not published: /);
    expect(preview.html).toContain('class="preview-banner"');
    expect(preview.headers.get('cache-control')).toBe('no-store');
    const spanish = await editor.get(`/es/admin/content/policy/${POLICY}/preview`);
    expect(spanish.html).toMatch(/<title>Vista previa, sin publicar: /);
    expect(spanish.html).toContain(
      `class="lang-switch" href="/en/admin/content/policy/${POLICY}/preview"`,
    );
    expect((await publicPage(`/en/policies/${POLICY}`)).html).not.toContain(
      'Previewed draft title',
    );
  });

  it('adds a row without saving and keeps what was typed', async () => {
    const editor = await signIn('editor');
    const path = `/en/admin/content/policy/${POLICY}`;
    let form = await openForm(editor, path);
    const before = await storedVersion('policy', POLICY);
    const rows = form.filter(([n]) => /^provisions\[\d+\]\.category$/.test(n)).length;
    const blank = `provisions[${rows - 1}]`;
    form = setField(form, `${blank}.category`, 'schools');
    form = setField(form, `${blank}.es`, 'Texto escrito a mano');
    form = setField(form, `${blank}.en`, 'Text typed by hand');
    form = setField(form, 'summary.en', 'Typed but not saved');
    const res = await post(editor, path, [...form, ['_add', 'provisions']]);
    expect(res.status).toBe(200);
    expect(res.html).toContain('A new empty row was added.');
    expect(res.html).toContain('Text typed by hand');
    expect(res.html).toContain('Typed but not saved');
    const again = readForm(res.html, { className: 'edit-form' });
    expect(again.filter(([n]) => /^provisions\[\d+\]\.category$/.test(n)).length).toBe(rows + 1);
    expect(await storedVersion('policy', POLICY)).toBe(before);
    // Removing a row: its box checked, the save drops it.
    const removed = setField(again, 'provisions[0]._remove', 'on');
    const kept = getField(again, 'provisions[1].en');
    expect(getField(again, `${blank}.category`)).toBe('schools');
    const saved = await post(editor, path, removed);
    expect(saved.status, /id="error-summary"[\s\S]*?<\/ul>/.exec(saved.html)?.[0]).toBe(303);
    expect(getField(await openForm(editor, path), 'provisions[0].en')).toBe(kept);
  });

  it.each(['policy', 'jurisdiction', 'body', 'topic', 'faq', 'talking_point'] as const)(
    'shows every field of each %s and saves it back unchanged',
    async (kind: ContentKind) => {
      const editor = await signIn('editor');
      const { items } = await listItems(database.db, { kind, pageSize: 200 });
      expect(items.length).toBeGreaterThan(0);
      for (const { slug } of items.filter((i) => !i.deleted)) {
        const before = (await loadItem(database.db, kind, slug)).document;
        const path = `/en/admin/content/${kind}/${slug}`;
        const res = await post(editor, path, await openForm(editor, path));
        expect(res.status, `${kind} ${slug}: ${res.html.slice(0, 1500)}`).toBe(303);
        expect((await loadItem(database.db, kind, slug)).document, `${kind} ${slug}`).toEqual(
          before,
        );
      }
    },
    120_000,
  );

  it('creates one of every other kind from its form', async () => {
    const editor = await signIn('admin');
    const forms: [ContentKind, Pairs][] = [
      [
        'jurisdiction',
        [
          ['ocd_id', 'ocd-division/country:us/state:nm/place:test-town'],
          ['slug', 'test-town'],
          ['name.es', 'Pueblo de prueba'],
          ['name.en', 'Test town'],
          ['kind', 'city'],
          ['parent', 'ocd-division/country:us/state:nm'],
        ],
      ],
      [
        'body',
        [
          ['slug', 'test-council'],
          ['jurisdiction', JURISDICTION],
          ['classification', 'council'],
          ['name.es', 'Consejo de prueba'],
          ['name.en', 'Test council'],
          ['seats', '7'],
        ],
      ],
      [
        'topic',
        [
          ['slug', 'test-topic'],
          ['name.es', 'Tema de prueba'],
          ['name.en', 'Test topic'],
          ['position', '3'],
        ],
      ],
      [
        'faq',
        [
          ['slug', 'test-question'],
          ['audience', 'community'],
          ['question.es', '¿Pregunta de prueba?'],
          ['question.en', 'Test question?'],
          ['answer.es', 'Respuesta **de prueba**.'],
          ['answer.en', 'A **test** answer.'],
          ['policies', POLICY],
          ['topics', 'detainers'],
        ],
      ],
      [
        'talking_point',
        [
          ['slug', 'test-point'],
          ['audience', 'media'],
          ['text.es', 'Punto de prueba.'],
          ['text.en', 'Test point.'],
        ],
      ],
    ];
    for (const [kind, pairs] of forms) {
      const form = await editor.get(`/es/admin/content/${kind}/new`);
      expect(form.status, kind).toBe(200);
      const res = await post(editor, `/es/admin/content/${kind}`, pairs);
      expect(res.status, `${kind}: ${res.html.slice(0, 1500)}`).toBe(303);
      const slug = getField(pairs, 'slug')!;
      const stored = (await loadItem(database.db, kind, slug)).document as Record<string, unknown>;
      expect(stored.slug).toBe(slug);
      if (kind === 'jurisdiction')
        expect((await editor.get(`/es/admin/content/${kind}/${slug}`)).html).toContain(
          'name="ocd_id"',
        );
      expect(res.location).toBe(`/es/admin/content/${kind}/${slug}?done=created`);
      const page = await editor.get(res.location!);
      expect(page.html).toContain('Se creó el borrador.');
      // Published, it shows on the public site (the preview renders the same page before).
      expect((await editor.get(`/es/admin/content/${kind}/${slug}/preview`)).status).toBe(200);
      const version = getField(readForm(page.html, { action: '/publish' }), 'version')!;
      const published = await post(editor, `/es/admin/content/${kind}/${slug}/publish`, [
        ['version', version],
      ]);
      expect(published.status, `${kind}: ${published.html.slice(0, 1500)}`).toBe(303);
    }
    expect((await publicPage('/en/jurisdictions/test-town')).html).toContain('Test town');
    // The OCD id could change while a draft; published, imports find the record by it.
    const town = await editor.get('/en/admin/content/jurisdiction/test-town');
    expect(town.html).not.toContain('name="ocd_id"');
    expect(town.html).toContain('ocd-division/country:us/state:nm/place:test-town');
    expect((await publicPage('/en/faq')).html).toContain('Test question?');
    expect((await publicPage('/en/talking-points')).html).toContain('Test point.');
  });

  it('schedules in the site time zone (America/Denver), refuses a past time, and unschedules', async () => {
    const editor = await signIn('editor');
    const path = `/en/admin/content/policy/${POLICY}`;
    const form = setField(await openForm(editor, path), 'summary.en', 'Scheduled summary.');
    expect((await post(editor, path, form)).status).toBe(303);
    const page = await editor.get(path);
    expect(page.html).toContain('America/Denver');
    const version = getField(readForm(page.html, { action: '/schedule' }), 'version')!;
    const past = await post(editor, `${path}/schedule`, [
      ['version', version],
      ['publishAt', '2020-01-01T09:00'],
    ]);
    expect(past.status).toBe(422);
    expect(past.html).toContain('Choose a time in the future.');
    const garbage = await post(editor, `/es/admin/content/policy/${POLICY}/schedule`, [
      ['version', version],
      ['publishAt', '2030-02-30T09:00'],
    ]);
    expect(garbage.status).toBe(422);
    expect(garbage.html).toContain('Escriba una fecha y una hora');
    const res = await post(editor, `${path}/schedule`, [
      ['version', version],
      ['publishAt', '2030-07-01T09:00'],
    ]);
    expect(res.status, res.html.slice(0, 1500)).toBe(303);
    const item = await loadItem(database.db, 'policy', POLICY);
    expect(item.summary.workflow).toBe('scheduled');
    // 09:00 in Denver in July is 15:00 UTC (daylight saving time, UTC-6).
    expect(item.summary.publishAt?.toISOString()).toBe('2030-07-01T15:00:00.000Z');
    const scheduled = await editor.get(path);
    expect(scheduled.html).toContain('Scheduled for July 1, 2030 at 9:00');
    const again = getField(readForm(scheduled.html, { action: '/unschedule' }), 'version')!;
    expect((await post(editor, `${path}/unschedule`, [['version', again]])).status).toBe(303);
    expect((await loadItem(database.db, 'policy', POLICY)).summary.workflow).toBe('in_review');
    expect((await publicPage(`/en/policies/${POLICY}`)).html).not.toContain('Scheduled summary.');
  });

  it('deletes after a confirmation page, and refuses while others depend on the record', async () => {
    const admin = await signIn('admin');
    const created = await post(admin, '/en/admin/content/policy', newPolicy('to-be-deleted'));
    expect(created.status).toBe(303);
    const path = '/en/admin/content/policy/to-be-deleted';
    let version = getField(
      readForm((await admin.get(path)).html, { action: '/publish' }),
      'version',
    )!;
    expect((await post(admin, `${path}/publish`, [['version', version]])).status).toBe(303);
    expect((await publicPage('/en/policies/to-be-deleted')).status).toBe(200);
    const confirm = await admin.get(`${path}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('Delete “Test ordinance to-be-deleted”?');
    version = getField(readForm(confirm.html, { action: '/delete' }), 'version')!;
    const deleted = await post(admin, `${path}/delete`, [['version', version]]);
    expect(deleted.status).toBe(303);
    expect((await publicPage('/en/policies/to-be-deleted')).status).toBe(404);
    expect((await admin.get(`${deleted.location}`)).html).toContain(
      'Deleted from the public site.',
    );
    expect((await admin.get('/en/admin/content?state=deleted')).html).toContain('to-be-deleted');
    // Bernalillo County has policies: it cannot go.
    const county = '/es/admin/content/jurisdiction/bernalillo-county';
    const page = await admin.get(`${county}/delete`);
    version = getField(readForm(page.html, { action: '/delete' }), 'version')!;
    const refused = await post(admin, `${county}/delete`, [['version', version]]);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('No se puede eliminar mientras');
    expect(refused.html).toContain(POLICY);
    expect((await publicPage('/en/jurisdictions/bernalillo-county')).status).toBe(200);
  });
});
