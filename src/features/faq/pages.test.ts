import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { faqEntries } from '../../db/schema.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from '../home/page-test-kit.ts';

/** The anchor ids of the FAQ entries shown, in order. */
const entries = (html: string) =>
  [...html.matchAll(/<article class="card faq-entry" id="([a-z0-9-]+)"/g)].map((m) => m[1]!);

describe('FAQ page', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    app = createTestApp(database).app;
  });
  afterAll(() => database.close());

  it.each([
    ['es', 'Preguntas frecuentes', '¿La policía de Albuquerque me puede preguntar'],
    ['en', 'Frequently asked questions', 'Can police in Albuquerque ask'],
  ])('shows every entry once, grouped by topic, with anchors (%s)', async (lang, h1, question) => {
    const { status, html } = await getPage(app, `/${lang}/faq`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toContain(`<h1>${h1}</h1>`);
    expect(html).toContain(question);
    const ids = entries(html);
    expect(ids.length).toBe(18);
    expect(new Set(ids).size).toBe(18);
    expect(html).toContain(`href="/${lang}/faq#police-ask-immigration-status"`);
    expect(html).toContain(`href="/${lang}/policies/abq-r-18-7"`);
    expect(html).toMatch(/<h2 id="topic-local-enforcement">/);
    expect(html).toContain('<label for="faq-q">');
    expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/faq`);
    expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
  });

  const entryHtml = (html: string, slug: string) => {
    const start = html.indexOf(`id="${slug}"`);
    return html.slice(start, html.indexOf('</article>', start));
  };

  it('renders answers as Markdown: paragraphs, lists and bold, no Markdown marks', async () => {
    const { html } = await getPage(app, '/en/faq');
    const entry = entryHtml(html, 'agents-enter-jail-or-school');
    expect(entry).toContain('<ul>\n<li><strong>');
    expect(entry).not.toContain('**');
    expect(count(entry, /<p>/g)).toBeGreaterThan(1);
  });

  it.each([
    ['/es/faq?q=POLICIA', 'police-ask-immigration-status'],
    ['/es/faq?q=polic%C3%ADa%20estatus', 'police-ask-immigration-status'],
    ['/en/faq?q=Driver', 'drivers-license-without-ssn'],
    ['/es/faq?q=matr%C3%8DCULA', 'in-state-tuition'],
  ])('finds %s ignoring case and accents', async (path, slug) => {
    const { status, html } = await getPage(app, path);
    expect(status).toBe(200);
    const ids = entries(html);
    expect(ids).toContain(slug);
    expect(ids.length).toBeLessThan(18);
    expect(html).toMatch(
      new RegExp(`<strong>${ids.length} (preguntas?|questions?) (para|for) [«“]`),
    );
  });

  it('says when nothing matches and offers the policy search; keeps q across languages', async () => {
    const { html } = await getPage(app, '/es/faq?q=zzzz%20qqqq');
    expect(entries(html)).toEqual([]);
    expect(html).toContain('Ninguna pregunta para «zzzz qqqq»');
    expect(html).toContain('No encontramos preguntas con «zzzz qqqq»');
    expect(html).toContain('href="/es/policies?q=zzzz%20qqqq"');
    expect(switchLink(html)).toBe('/en/faq?q=zzzz%20qqqq');
  });

  it.each([
    '/es/faq?q=%3Cscript%3Ealert(1)%3C/script%3E',
    '/es/faq?q=%00%01',
    '/en/faq?q=%F0%9F%98%80',
    '/en/faq?q=a&q=b',
    '/es/faq?q=%',
  ])('handles hostile input %s without a 500 or raw HTML', async (path) => {
    const { status, html } = await getPage(app, path);
    expect(status).toBe(200);
    expect(html).not.toContain('<script>alert');
  });

  it('caps a very long query with a note', async () => {
    const { status, html } = await getPage(app, `/en/faq?q=${'police '.repeat(100)}`);
    expect(status).toBe(200);
    expect(html).toContain('we used only the first 200 characters');
  });

  // Last in this block: it rewrites an answer the way staff would in the editor.
  it('renders a staff-written answer: links, italics, headings under the question, no HTML', async () => {
    await database.db.transaction(async (tx) => {
      await tx
        .update(faqEntries)
        .set({
          answerEn:
            '## In short\n\nSee *the* [resolution](/en/policies/abq-r-18-7) and ' +
            '[this](javascript:alert(1)).\n\n<img src=x onerror=alert(1)>',
        })
        .where(eq(faqEntries.slug, 'what-is-a-detainer'));
      await bumpDataVersion(tx);
    });
    const entry = entryHtml((await getPage(app, '/en/faq')).html, 'what-is-a-detainer');
    expect(entry).toContain('<h5>In short</h5>');
    expect(entry).toContain(
      'See <em>the</em> <a href="/en/policies/abq-r-18-7" rel="nofollow noopener">resolution</a>',
    );
    expect(entry).toContain('[this](javascript:alert(1))');
    expect(entry).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(entry).not.toMatch(/<img|href="javascript/i);
  });
});

describe('talking points page', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    app = createTestApp(database).app;
  });
  afterAll(() => database.close());

  it.each([
    ['es', 'Puntos clave', '26 puntos clave'],
    ['en', 'Talking points', '26 talking points'],
  ])('groups every point by audience, then by policy (%s)', async (lang, h1, total) => {
    const { status, html } = await getPage(app, `/${lang}/talking-points`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toContain(`<h1>${h1}</h1>`);
    expect(html).toContain(`<strong>${total}</strong>`);
    for (const a of ['community', 'advocates', 'media', 'officials']) {
      expect(html).toContain(`<h2 id="audience-${a}">`);
    }
    expect(html).toContain('<li id="community-schools-open-to-every-child">');
    expect(html).toMatch(new RegExp(`<h3><a href="/${lang}/policies/aps-student-protection">`));
    expect(html).toContain('<label for="tp-audience">');
    expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
  });

  it('filters by audience and keeps the filter across languages', async () => {
    const { html } = await getPage(app, '/en/talking-points?audience=media');
    expect(html).toContain('<h1>Talking points: Media</h1>');
    expect(html).toContain('<strong>7 talking points</strong>');
    expect(html).toContain('<h2 id="audience-media">');
    expect(html).not.toContain('<h2 id="audience-community">');
    expect(html).toContain('<option value="media" selected="">');
    expect(switchLink(html)).toBe('/es/talking-points?audience=media');
  });

  it.each(['/es/talking-points?audience=aliens', '/en/talking-points?audience=%3Ci%3E'])(
    'ignores an unknown audience with a note: %s',
    async (path) => {
      const { status, html } = await getPage(app, path);
      expect(status).toBe(200);
      expect(html).toContain('class="note"');
      expect(html).not.toContain('<i>');
      expect(html).toContain('<h2 id="audience-officials">');
    },
  );
});
