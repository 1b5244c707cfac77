/**
 * The staff content list with enough rows to page (both engines): 60 imported matters (no
 * stance, decision 016) on top of the default dataset, paged by 25 in SQL with no duplicate or
 * gap, filters that combine, counts that match the tables, page numbers in the URL that work
 * without JavaScript, and a bad page number answered with a note, never an error. The
 * translator queue's SQL choice of candidates agrees with `translationNeeds`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { browser, createUserWithPassword, GOOD_PASSWORD } from '../accounts/test-kit.ts';
import { PUBLIC_TABLES } from './kinds.ts';
import {
  listItems,
  loadItem,
  translationQueue,
  type ContentKind,
  type ListedItem,
} from './service.ts';
import { translationNeeds } from './translation.ts';

const MATTERS = 60;
const matter = (n: number) => `zz-matter-${String(n).padStart(2, '0')}`;
/** Every 7th matter has an accented word in its title. */
const CAFE = Array.from({ length: MATTERS }, (_, i) => i + 1).filter((n) => n % 7 === 0);

describe.each(engines())('staff content list (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  const db = () => database.db;
  const list = (options: Parameters<typeof listItems>[1]) => listItems(db(), options);

  /** Every page of a listing, in order. */
  async function allPages(options: Parameters<typeof listItems>[1]) {
    const pages: ListedItem[][] = [];
    let answer = await list({ ...options, page: 1 });
    pages.push(answer.items);
    while (answer.page < answer.pages) {
      answer = await list({ ...options, page: answer.page + 1 });
      pages.push(answer.items);
    }
    return { pages, total: answer.total, items: pages.flat() };
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    ({ app, services } = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] }));
    await createUserWithPassword(services, { email: 'editor@example.org', role: 'editor' });
    // Imported matters as the Legistar importer writes them: an English title, no stance, no
    // summary; each a minute older than the one before, so the order is known.
    await db().execute(sql`insert into policies (slug, classification, status, jurisdiction_id,
        title_en, title_en_state, title_es, title_es_state, updated_at)
      select 'zz-matter-' || lpad(g::text, 2, '0'), 'ordinance', 'pending',
        (select id from jurisdictions where slug = 'albuquerque'),
        case when g % 7 = 0 then 'Café zoning contract ' else 'Imported matter ' end || g,
        'original', '', 'missing', now() - make_interval(mins => 1000 + g)
      from generate_series(1, ${MATTERS}) g`);
    await db().execute(sql`insert into policy_identifiers (policy_id, scheme, value, normalized)
      select id, 'bill_number', 'O-' || (2000 + substr(slug, 11)::int),
        'o-' || (2000 + substr(slug, 11)::int) from policies where slug like 'zz-matter-%'`);
  }, 120_000);
  afterAll(() => database?.close());

  it('pages the imported matters by 25: three pages, no duplicate, no gap, newest first', async () => {
    const { pages, total, items } = await allPages({
      assessment: 'not_assessed',
      pageSize: 25,
    });
    expect(total).toBe(MATTERS);
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
    const expected = Array.from({ length: MATTERS }, (_, i) => matter(i + 1));
    expect(items.map((i) => i.slug)).toEqual(expected);
    expect(items.every((i) => i.kind === 'policy' && i.notAssessed && i.live)).toBe(true);
    expect(items[0]!.title).toEqual({ es: '', en: 'Imported matter 1' });
  });

  it('pages the whole list with every record once and the right count', async () => {
    await loadItem(db(), 'policy', matter(3)); // tracked: now an editorial item
    await loadItem(db(), 'faq', 'police-ask-immigration-status');
    const expected = new Set<string>();
    for (const [kind, table] of Object.entries(PUBLIC_TABLES) as [ContentKind, string][]) {
      const rows = await queryRows<{ slug: string }>(
        db(),
        sql`select slug from ${sql.identifier(table)}`,
      );
      for (const { slug } of rows) expected.add(`${kind}/${slug}`);
    }
    const items = await queryRows<{ kind: string; key: string }>(
      db(),
      sql`select kind, key from editorial_items`,
    );
    for (const { kind, key } of items) expected.add(`${kind}/${key}`);
    const all = await allPages({ pageSize: 25 });
    const seen = all.items.map((i) => `${i.kind}/${i.slug}`);
    expect(all.total).toBe(expected.size);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(expected);
    const times = all.items.map((i) => i.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The tracked matter is listed once, as an item, and is still to be assessed.
    expect(all.items.filter((i) => i.slug === matter(3))).toEqual([
      expect.objectContaining({ kind: 'policy', notAssessed: true, version: 1 }),
    ]);
  });

  it('combines filters: assessment, words without accents, identifiers, kind and state', async () => {
    const cafe = await list({ assessment: 'not_assessed', q: 'cafe', pageSize: 25 });
    expect(cafe.items.map((i) => i.slug).sort()).toEqual(CAFE.map(matter).sort());
    expect(cafe.total).toBe(CAFE.length);
    expect((await list({ assessment: 'tracked', q: 'cafe' })).total).toBe(0);
    expect((await list({ kind: 'faq', q: 'cafe' })).total).toBe(0);
    expect((await list({ state: 'draft', assessment: 'not_assessed' })).total).toBe(0);
    expect((await list({ state: 'published', assessment: 'not_assessed' })).total).toBe(MATTERS);
    // An identifier, written as people write it.
    const byIdentifier = await list({ q: 'O 2042' });
    expect(byIdentifier.items.map((i) => i.slug)).toEqual([matter(42)]);
    // A tracked matter's title is searched in its document.
    expect((await list({ q: 'imported MATTER 3', kind: 'policy' })).items[0]?.slug).toBe(matter(3));
    const [{ tracked }] = await queryRows<{ tracked: number | string }>(
      db(),
      sql`select count(*) as tracked from policies where stance is not null`,
    ).then((rows) => rows as [{ tracked: number | string }]);
    expect((await list({ assessment: 'tracked' })).total).toBe(Number(tracked));
    // Giving a matter a stance moves it from one filter to the other.
    await db().execute(sql`update policies set stance = 'protects' where slug = ${matter(60)}`);
    expect((await list({ assessment: 'not_assessed' })).total).toBe(MATTERS - 1);
    expect((await list({ assessment: 'tracked' })).total).toBe(Number(tracked) + 1);
    await db().execute(sql`update policies set stance = null where slug = ${matter(60)}`);
    // Words that would break a LIKE pattern or a query are only words.
    for (const q of ['%', '_', '\\', "'", 'a\0b'])
      expect((await list({ q, assessment: 'not_assessed' })).total).toBe(0);
  });

  it('shows the last page when asked for one past the end', async () => {
    const past = await list({ assessment: 'not_assessed', pageSize: 25, page: 99 });
    expect([past.page, past.pages, past.items.length]).toEqual([3, 3, 10]);
    const none = await list({ q: 'nothing-matches-this', page: 5 });
    expect([none.page, none.pages, none.total, none.items]).toEqual([1, 1, 0, []]);
  });

  let address = 70;
  async function signIn() {
    const editor = browser(app, `192.0.2.${address++}`);
    await editor.get('/en/admin/sign-in');
    const signedIn = await editor.post('/en/admin/sign-in', {
      email: 'editor@example.org',
      password: GOOD_PASSWORD,
    });
    expect(signedIn.status).toBe(303);
    return editor;
  }

  it('links pages in the URL with the filters kept, and notes a bad page number', async () => {
    const editor = await signIn();
    const page2 = await editor.get('/en/admin/content?assessment=not_assessed&page=2');
    expect(page2.status).toBe(200);
    expect(page2.html).toContain('Page 2 of 3');
    expect(page2.html).toContain('60 items');
    expect(page2.html).toContain(
      'href="/en/admin/content?assessment=not_assessed&amp;page=3" rel="next"',
    );
    expect(page2.html).toContain('href="/en/admin/content?assessment=not_assessed" rel="prev"');
    expect(page2.html).toContain(matter(26));
    expect(page2.html).not.toContain(matter(25) + '<');
    expect(page2.html).toMatch(/<option value="not_assessed" selected="">/);
    expect(page2.html).toContain('Not assessed');
    for (const [path, note] of [
      ['/en/admin/content?assessment=not_assessed&page=abc', 'That page does not exist'],
      ['/es/admin/content?assessment=not_assessed&page=-3', 'Esa página no existe'],
      ['/es/admin/content?assessment=not_assessed&page=99', 'Esa página no existe'],
      ['/en/admin/content?page=1e3', 'That page does not exist'],
    ] as const) {
      const res = await editor.get(path);
      expect([path, res.status, res.html.includes(note)]).toEqual([path, 200, true]);
    }
    const last = await editor.get('/es/admin/content?assessment=not_assessed&page=99');
    expect(last.html).toContain('Página 3 de 3');
    expect(last.html).toContain(matter(60));
    const fine = await editor.get('/en/admin/content?assessment=not_assessed');
    expect(fine.html).not.toContain('That page does not exist');
  });

  it('opens an imported matter with no summary, asking for a stance', async () => {
    const state = await loadItem(db(), 'policy', matter(11));
    expect(state.document).toMatchObject({ summary: { es: '', en: '' } });
    expect(state.document).not.toHaveProperty('stance');
    const page = await (await signIn()).get(`/es/admin/content/policy/${matter(12)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Imported matter 12');
  });

  it('queues exactly the items whose texts need work, as translationNeeds says', async () => {
    const tracked: [ContentKind, string][] = [];
    for (const kind of ['faq', 'talking_point', 'policy'] as const) {
      const rows = await queryRows<{ slug: string }>(
        db(),
        sql`select slug from ${sql.identifier(PUBLIC_TABLES[kind])} order by slug limit 15`,
      );
      for (const { slug } of rows) tracked.push([kind, slug]);
    }
    const expected: string[] = [];
    for (const [kind, slug] of tracked) {
      const state = await loadItem(db(), kind, slug);
      if (translationNeeds(kind, state.document).length && !state.summary.deleted)
        expected.push(`${kind}/${slug}`);
    }
    const queued = new Set((await translationQueue(db())).map((e) => `${e.kind}/${e.slug}`));
    for (const [kind, slug] of tracked)
      expect([kind, slug, queued.has(`${kind}/${slug}`)]).toEqual([
        kind,
        slug,
        expected.includes(`${kind}/${slug}`),
      ]);
    // Both answers occur, so the comparison can fail either way.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(tracked.length);
  });
});
