import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, policyInput } from '../../../test/factories.ts';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';

const COUNTY = 'ocd-division/country:us/state:nm/county:bernalillo';
const AR = 'bernco-ar-2017-22';

type App = ReturnType<typeof createTestApp>['app'];

async function page(app: App, path: string) {
  const res = await app.request(path);
  return { status: res.status, html: await res.text() };
}

/** The slugs of the result cards, in order. */
const resultSlugs = (html: string, lang: string) =>
  [...html.matchAll(new RegExp(`<h3><a href="/${lang}/policies/([a-z0-9-]+)"`, 'g'))].map(
    (m) => m[1]!,
  );

/** The total in the result count ("14 políticas", "2 policies for “x”"). */
const total = (html: string) => {
  const m = /<p class="result-count" role="status"><strong>([\d,.]+) /.exec(html);
  return m ? Number(m[1]!.replace(/[,.]/g, '')) : NaN;
};

/** Facet option counts shown in the filter form, by input id. */
const checkboxCounts = (html: string, facet: string) =>
  new Map(
    [
      ...html.matchAll(
        new RegExp(
          `<label for="f-${facet}-([a-z0-9_-]+)">[^<]*<span class="count">\\((\\d+)\\)</span>`,
          'g',
        ),
      ),
    ].map((m) => [m[1]!, Number(m[2])]),
  );

const decode = (s: string) => s.replaceAll('&amp;', '&');

describe('policy pages', () => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    app = createTestApp(database).app;
  });
  afterAll(() => database.close());

  it.each([
    ['es', 'Políticas', '14 políticas'],
    ['en', 'Policies', '14 policies'],
  ])('lists every policy in %s with a labelled search box', async (lang, h1, count) => {
    const { status, html } = await page(app, `/${lang}/policies`);
    expect(status).toBe(200);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${h1}</h1>`);
    expect(html).toContain(count);
    expect(html).toMatch(/<label for="policy-q">[^<]+<\/label>/);
    expect(html).toContain('name="q"');
    expect(html).toContain('aria-current="page"');
    expect(resultSlugs(html, lang)).toHaveLength(10);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it.each([
    ['es', 'detencion'],
    ['es', 'DETENCIÓN'],
    ['en', 'detainer'],
    ['en', 'detainers'],
    ['es', 'AR 2017-22'],
    ['en', 'ar 2017 22'],
  ])('finds the county resolution (%s, %j), with the words highlighted', async (lang, q) => {
    const { status, html } = await page(app, `/${lang}/policies?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(resultSlugs(html, lang)).toContain(AR);
    if (/\d/.test(q)) expect(resultSlugs(html, lang)[0]).toBe(AR);
    else expect(html).toMatch(/<mark>detenci[oó]n|<mark>detainers?<\/mark>/i);
  });

  it('names the voters of a roll call beside its action, in both languages and in the API', async () => {
    const es = await page(app, '/es/policies/abq-r-18-7');
    expect(es.html).toContain('<dt>Votaron a favor</dt>');
    expect(es.html).toContain('Benton, Borrego, Davis, Gibson, Peña y Sanchez');
    expect(es.html).toContain('Harris, Jones y Winter');
    const en = await page(app, '/en/policies/bernco-ar-2017-22');
    expect(en.html).toContain('<dt>Voted no</dt>');
    expect(en.html).toContain('Wayne Johnson');
    // The failed repeal names its four no votes; nobody is named for its single yes.
    expect(en.html).toContain('Hart Stebbins, O&#39;Malley, Quezada, and Talbert');
    const api = await app.request('/api/v1/policies/bernco-ar-2017-22?lang=en');
    const body = (await api.json()) as {
      actions: { date: string; roll_call: { result: string; votes: unknown[] } | null }[];
    };
    const passage = body.actions.find((a) => a.date === '2017-03-14')!;
    expect(passage.roll_call).toEqual({
      result: 'pass',
      verification: 'verified',
      votes: [{ name: 'Wayne Johnson', option: 'no' }],
    });
  });

  it('finds a policy by its alias or number', async () => {
    const { html } = await page(app, '/en/policies?q=M-17-4');
    expect(resultSlugs(html, 'en')[0]).toBe('abq-2017-immigrant-friendly-memorial');
  });

  it.each([
    ['en', 'detainr', 'Did you mean “detainer”?'],
    ['es', 'detencin', '¿Quiso decir «detencion»?'],
  ])('proposes a correction for a typo (%s %j)', async (lang, q, text) => {
    const { status, html } = await page(app, `/${lang}/policies?q=${q}`);
    expect(status).toBe(200);
    expect(html).toContain(text);
    expect(resultSlugs(html, lang)).toContain(AR);
  });

  it.each(['es', 'en'])(
    'says kindly when nothing matches, and offers a way out (%s)',
    async (lang) => {
      const { status, html } = await page(
        app,
        `/${lang}/policies?q=zzzqqqxxx&status=in_force&stance=protects`,
      );
      expect(status).toBe(200);
      expect(resultSlugs(html, lang)).toHaveLength(0);
      expect(html).toContain('class="card empty"');
      expect(html).toContain(`href="/${lang}/policies?q=zzzqqqxxx"`);
    },
  );

  it('filters by jurisdiction and status from the form, like the API does', async () => {
    const query = `jurisdiction=${encodeURIComponent(COUNTY)}&status=in_force&limit=50`;
    const { status, html } = await page(app, `/es/policies?${query}`);
    expect(status).toBe(200);
    const api = (await (await app.request(`/api/v1/policies?${query}`)).json()) as {
      data: { slug: string; status: string; jurisdiction: { ocd_id: string } }[];
      total: number;
    };
    expect(api.total).toBeGreaterThan(0);
    expect(api.data.every((p) => p.status === 'in_force')).toBe(true);
    expect(api.data.some((p) => p.jurisdiction.ocd_id !== COUNTY)).toBe(true); // descendants too
    expect(resultSlugs(html, 'es').sort()).toEqual(api.data.map((p) => p.slug).sort());
    expect(total(html)).toBe(api.total);
    // The form shows the choices made, and each can be removed with a link.
    expect(html).toMatch(new RegExp(`<option value="${COUNTY}" selected`));
    expect(html).toMatch(/id="f-status-in_force" name="status" value="in_force" checked/);
    expect(html).toContain('Quitar filtro:');
    expect(decode(html)).toContain(
      `href="/es/policies?jurisdiction=${encodeURIComponent(COUNTY)}&limit=50"`,
    );
  });

  it('gives each facet value the count of results it leads to', async () => {
    const base = `q=inmigraci%C3%B3n&jurisdiction=${encodeURIComponent(COUNTY)}`;
    const { html } = await page(app, `/es/policies?${base}&stance=protects`);
    for (const facet of ['status', 'classification', 'stance', 'topic']) {
      const counts = checkboxCounts(html, facet);
      expect(counts.size, facet).toBeGreaterThan(0);
      for (const [value, n] of counts) {
        // Selecting the value (replacing the facet's own selection) shows exactly n results.
        const others = facet === 'stance' ? base : `${base}&stance=protects`;
        const filtered = await page(app, `/es/policies?${others}&${facet}=${value}&limit=50`);
        expect(total(filtered.html), `${facet}=${value}`).toBe(n);
      }
    }
  });

  it('counts jurisdictions with the places below them, and years as ranges', async () => {
    const { html } = await page(app, '/en/policies?status=in_force');
    const options = [
      ...html.matchAll(
        /<option value="(ocd-division[^"]+)"(?: selected="")?>[^<]*\((\d+)\)<\/option>/g,
      ),
    ];
    expect(options.length).toBe(4);
    for (const [, ocd, n] of options) {
      const filtered = await page(
        app,
        `/en/policies?status=in_force&jurisdiction=${encodeURIComponent(ocd!)}&limit=50`,
      );
      expect(total(filtered.html), ocd).toBe(Number(n));
    }
    const from = /<option value="2017">2017 \((\d+)\)<\/option>/.exec(html)?.[1];
    const since = await page(app, '/en/policies?status=in_force&adopted_from=2017');
    expect(total(since.html)).toBe(Number(from));
  });

  it('combines filters: facets of several kinds and a year range', async () => {
    const { status, html } = await page(
      app,
      '/en/policies?classification=resolution&classification=memorial&adopted_from=2017&adopted_to=2019&limit=50',
    );
    expect(status).toBe(200);
    const api = (await (
      await app.request(
        '/api/v1/policies?classification=resolution,memorial&adopted_from=2017&adopted_to=2019&limit=50',
      )
    ).json()) as { data: { slug: string }[] };
    expect(resultSlugs(html, 'en').sort()).toEqual(api.data.map((p) => p.slug).sort());
    expect(html).toContain('From 2017');
    expect(html).toContain('To 2019');
  });

  it('pages through results keeping every parameter', async () => {
    const first = await page(app, '/es/policies?stance=protects&limit=5');
    expect(resultSlugs(first.html, 'es')).toHaveLength(5);
    const next = /<a class="button secondary" rel="next" href="([^"]+)"/.exec(first.html)?.[1];
    expect(decode(next!)).toBe('/es/policies?stance=protects&limit=5&page=2');
    const second = await page(app, decode(next!));
    expect(second.status).toBe(200);
    expect(resultSlugs(second.html, 'es')).toHaveLength(5);
    expect(resultSlugs(second.html, 'es')).not.toContain(resultSlugs(first.html, 'es')[0]);
    expect(decode(second.html)).toContain('rel="prev" href="/es/policies?stance=protects&limit=5"');
    expect(second.html).toContain('Página 2 de 3');
    const beyond = await page(app, '/es/policies?stance=protects&limit=5&page=99');
    expect(beyond.status).toBe(200);
    expect(beyond.html).toContain('Esta página no tiene resultados.');
  });

  it.each([
    [
      'es',
      [
        'el estado «bogus»',
        'el año inicial «abc»',
        'la cantidad por página «-1»',
        'el lugar «not-an-ocd-id»',
      ],
    ],
    [
      'en',
      [
        'the status “bogus”',
        'the starting year “abc”',
        'the number per page “-1”',
        'the place “not-an-ocd-id”',
      ],
    ],
  ])('ignores bad filter values with a note naming them (%s)', async (lang, names) => {
    const { status, html } = await page(
      app,
      `/${lang}/policies?status=bogus&adopted_from=abc&limit=-1&jurisdiction=not-an-ocd-id&page=x&topic=%3Cb%3E`,
    );
    expect(status).toBe(200);
    expect(html).toContain('class="note"');
    for (const name of names) expect(html).toContain(name);
    expect(html).not.toContain('<b>');
    expect(total(html)).toBe(14);
  });

  it.each([
    '/es/policies?q=%00abc',
    '/es/policies?q=%EE%80%80x%EE%80%81',
    '/en/policies?q=a%3Ab%20%26%20%7C%20!%20%22',
    `/en/policies?q=${'a'.repeat(300)}`,
    '/es/policies?status=%00&topic=%00&jurisdiction=%00&adopted_from=%00&page=%00',
    '/es/policies?adopted_from=2020&adopted_to=2010',
    '/es/policies?limit=1000&page=0',
    '/en/policies/%00',
    '/en/policies/..%2F..%2Fetc',
  ])('never fails on hostile input (%s)', async (path) => {
    const { status, html } = await page(app, path);
    expect([200, 404]).toContain(status);
    for (const c of ['\u0000', '\uE000', '\uE001']) expect(html).not.toContain(c);
  });

  it('keeps the place when switching language', async () => {
    const list = await page(app, '/es/policies?q=detencion&status=in_force');
    expect(list.html).toContain(
      'class="lang-switch" href="/en/policies?q=detencion&amp;status=in_force"',
    );
    const detail = await page(app, `/en/policies/${AR}`);
    expect(detail.html).toContain(`class="lang-switch" href="/es/policies/${AR}"`);
  });

  it.each([
    [
      'es',
      'Sin verificar',
      'Condado de Bernalillo',
      'Órdenes de detención migratoria',
      'Historial',
    ],
    ['en', 'Unverified', 'Bernalillo County', 'Immigration detainers', 'History'],
  ])('shows every section of a policy (%s)', async (lang, unverified, county, rubric, history) => {
    const { status, html } = await page(app, `/${lang}/policies/${AR}`);
    expect(status).toBe(200);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    // The title is not verified, and says so next to it.
    expect(html).toMatch(
      new RegExp(
        `<h1 id="policy-title">.*<span class="badge unverified"[^>]*>${unverified}</span></h1>`,
      ),
    );
    for (const id of [
      'summary-heading',
      'facts-heading',
      'provisions-heading',
      'text-heading',
      'history-heading',
      'related-heading',
      'faq-heading',
      'points-heading',
      'sources-heading',
    ]) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).toContain('AR 2017-22');
    expect(html).toContain(`href="/${lang}/jurisdictions/bernalillo-county">${county}</a>`);
    expect(html).toContain(rubric);
    expect(html).toContain(history);
    expect(html).toMatch(/4 (a favor|yes)/);
    expect(html).toContain('class="note"');
    expect(html).toContain(`href="/${lang}/faq#`);
    expect(html).toContain(`href="/${lang}/policies/${AR}/print"`);
    expect(html).toContain(`href="/${lang}/policies/${AR}/kit.pdf"`);
    expect(html).toContain(
      'href="https://www.nmpoliticalreport.com/2017/03/15/bernalillo-county-passes-immigrant-friendly-resolution/"',
    );
    expect(html).toContain(`http://igualdad.test/${lang}/policies/${AR}`);
    expect(html).toMatch(/<strong>(What it says|Qué dice)\.<\/strong>/);
  });

  it('links related policies in both directions', async () => {
    const { html } = await page(app, `/es/policies/${AR}`);
    expect(html).toMatch(/Reforzada por<\/span> <a href="\/es\/policies\/[a-z0-9-]+">/);
  });

  it.each([
    ['es', 'No encontramos esta página'],
    ['en', 'We could not find this page'],
  ])('answers an unknown policy with a 404 page in %s', async (lang, title) => {
    const { status, html } = await page(app, `/${lang}/policies/no-such-policy`);
    expect(status).toBe(404);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html.includes(title) || html.includes('404')).toBe(true);
    const odd = await page(app, `/${lang}/policies/${'x'.repeat(300)}`);
    expect(odd.status).toBe(404);
  });

  it.each(['/es/policies', `/en/policies/${AR}`, '/es/policies?q=detencion'])(
    'stays under 30 KB compressed with its stylesheets and scripts (%s)',
    async (path) => {
      const { html } = await page(app, path);
      let size = gzipSync(html).length;
      for (const [, name, ext] of html.matchAll(/"\/assets\/([\w-]+)\.[\w-]+\.(css|js)"/g)) {
        const file = new URL(`../../web/assets/${name}.${ext}`, import.meta.url);
        size += gzipSync(readFileSync(file)).length;
      }
      expect(size).toBeLessThan(30 * 1024);
    },
  );
});

describe('policy pages with hostile content', () => {
  let database: Database;
  let app: App;
  const evil = '<script>alert(1)</script>';
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'empty');
    app = createTestApp(database).app;
    await build(database.db, {
      policies: [
        policyInput({
          slug: 'hostile',
          title: {
            es: `${evil} Política peligrosa`,
            en: `${evil} Dangerous policy`,
            verification: 'verified',
          },
          summary: {
            es: `Un resumen peligroso ${evil} con <b onmouseover="x()">marcas</b>.`,
            en: `A dangerous summary ${evil} with <b onmouseover="x()">tags</b>.`,
          },
          full_text: {
            es: `Texto **peligroso** ${evil}\n\n<img src=x onerror="alert(2)">\n\n[enlace](javascript:alert(3))`,
            en: '',
          },
        }),
      ],
    });
  });
  afterAll(() => database.close());

  it.each(['es', 'en'])('escapes content in highlighted results (%s)', async (lang) => {
    const q = lang === 'es' ? 'peligroso' : 'dangerous';
    const { status, html } = await page(app, `/${lang}/policies?q=${q}`);
    expect(status).toBe(200);
    expect(resultSlugs(html, lang)).toEqual(['hostile']);
    expect(html).toContain('<mark>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b onmouseover');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/[\uE000\uE001]/);
  });

  it('renders Markdown without letting raw HTML or script links through', async () => {
    const { status, html } = await page(app, '/es/policies/hostile');
    expect(status).toBe(200);
    expect(html).toContain('<strong>peligroso</strong>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
  });

  it('says when a text is shown in the other language', async () => {
    const { html } = await page(app, '/en/policies/hostile');
    expect(html).toContain('Not translated: shown in the other language');
    expect(html).toContain('<div class="prose" lang="es">');
  });

  it('handles an empty library kindly', async () => {
    const { status, html } = await page(app, '/en/policies?q=nothing-here-at-all');
    expect(status).toBe(200);
    expect(html).toContain('class="card empty"');
  });
});
