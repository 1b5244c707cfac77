import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { divisionBoundaries, people, policies, voteEvents, votes } from '../../db/schema.ts';
import { applyBoundaries, parseBoundaries } from '../divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../divisions/list-import.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from '../home/page-test-kit.ts';
import { districtMap, fitProjection, forD3, MAP_WIDTH } from './map.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';
import { readVote } from './reading.ts';
import { divisionTitle } from './views/representatives.tsx';
import { pageContext } from '../../web/i18n.ts';

const NM = 'ocd-division/country:us/state:nm';
const SLDU = `${NM}/sldu:99`; // invented: New Mexico has 42 senate districts
const GOV = 'ocd-jurisdiction/country:us/state:nm/government';

const person = (n: number, name: string, roles: string, extra = '') =>
  `id: ocd-person/00000000-0000-4000-8000-00000000000${n}
name: ${name}
party:
- name: Independent
roles:
${roles}
${extra}sources:
- url: https://example.org/roster
`;

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

/** The officials' names under the results heading, in page order. */
const officialNames = (html: string) =>
  [
    ...html.slice(html.indexOf('id="results-heading"')).matchAll(/<h4><a href="[^"]+">([^<]+)</g),
  ].map((m) => m[1]);

describe.each(engines())('representatives and officials pages on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const db = database.db;
    await applyDivisionList(
      db,
      parseDivisionList('l.csv', `id,name\n${NM},New Mexico\n${SLDU},Senate District 99\n`),
    );
    await applyBoundaries(
      db,
      's',
      parseBoundaries('s', JSON.stringify(square(0, 0, 10, 10)), { division: NM }),
    );
    await applyBoundaries(
      db,
      'd',
      parseBoundaries('d', JSON.stringify(square(0, 0, 5, 5)), { division: SLDU }),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-rep-pages-'));
    const files = {
      'senator.yml': person(
        1,
        'Ana Actual',
        `- type: upper\n  jurisdiction: ${GOV}\n  district: '99'\n  start_date: 2021-01-19`,
        `email: ana@example.org
image: https://example.org/ana.jpg
offices:
- classification: capitol
  address: 490 Old Santa Fe Trail, Santa Fe, NM 87501
  voice: 505-986-4000
links:
- url: https://example.org/ana
  note: Senate page
`,
      ),
      'former.yml': person(
        2,
        'Beto Anterior',
        `- type: upper\n  jurisdiction: ${GOV}\n  district: '99'\n  start_date: 2013-01-15\n  end_date: 2021-01-18`,
      ),
      'governor.yml': person(
        3,
        'Carla Gobernadora',
        `- type: governor\n  jurisdiction: ${GOV}\n  start_date: 2019-01-01\n  end_date: '2099'`,
      ),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    await applyOpenStates(db, readOpenStatesDir(dir).people);

    // Ana's roll calls: yes on a protecting policy, yes on a harming one, yes on a mixed one.
    await db.update(policies).set({ stance: 'harms' }).where(eq(policies.slug, 'abq-m-15-10'));
    await db.update(policies).set({ stance: 'mixed' }).where(eq(policies.slug, 'abq-r-00-151'));
    // A hostile link written by hand (the importer only takes http and https) stays text.
    const [ana] = await db
      .update(people)
      .set({
        links: [
          { url: 'https://example.org/ana', note: 'Senate page' },
          { url: 'javascript:alert(1)', note: 'Hostile' },
        ],
      })
      .where(eq(people.name, 'Ana Actual'))
      .returning();
    const chosen = await db
      .select()
      .from(policies)
      .where(inArray(policies.slug, ['bernco-ar-2017-22', 'abq-m-15-10', 'abq-r-00-151']));
    for (const [i, policy] of chosen.entries()) {
      const [event] = await db
        .insert(voteEvents)
        .values({
          policyId: policy.id,
          date: `2017-0${i + 1}-15`,
          result: 'pass',
          motionEs: 'Aprobar',
          motionEn: 'Adopt',
        })
        .returning();
      await db.insert(votes).values({
        voteEventId: event!.id,
        voterName: 'Ana Actual',
        personId: ana!.id,
        option: 'yes',
      });
    }
    // Direct writes bump the data version, as every import and editorial change does.
    await bumpDataVersion(db);
  }, 120_000);
  afterAll(() => database?.close());

  it.each(['es', 'en'] as const)(
    'lists the officials of a point inside a district, with contact and votes (%s)',
    async (lang) => {
      const { status, html, headers } = await getPage(app, `/${lang}/representatives?lat=2&lon=2`);
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(count(html, /<h1[\s>]/g)).toBe(1);
      expect(officialNames(html)).toEqual(['Carla Gobernadora', 'Ana Actual']);
      expect(html).toContain('<h3 id="division-0">New Mexico</h3>');
      expect(html).toContain('<h3 id="division-1">Senate District 99</h3>');
      expect(html).toContain(`<p class="meta mono">${SLDU}</p>`);
      expect(html).toContain(lang === 'es' ? 'Senado de Nuevo México' : 'New Mexico Senate');
      expect(html).not.toContain('Beto Anterior');
      expect(html).toContain('href="mailto:ana@example.org"');
      expect(html).toContain('href="tel:5059864000"');
      expect(html).toContain('490 Old Santa Fe Trail');
      expect(html).toContain('href="https://example.org/ana"');
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('ana.jpg');
      // One vote each way, one without judgement; the governor has none on record.
      const with_ =
        lang === 'es' ? 'A favor de los residentes inmigrantes' : 'With immigrant residents';
      const against =
        lang === 'es' ? 'En contra de los residentes inmigrantes' : 'Against immigrant residents';
      expect(count(html, new RegExp(`badge ok">${with_}<`, 'g'))).toBe(1);
      expect(count(html, new RegExp(`badge harm">${against}<`, 'g'))).toBe(1);
      expect(html).toContain(
        lang === 'es' ? 'Política mixta: sin valoración' : 'Mixed policy: no reading',
      );
      expect(html).toContain(
        lang === 'es'
          ? 'No tenemos registro de votos de esta persona'
          : 'We have no record of this official&#39;s votes',
      );
      // The chosen point is marked on the map; the form keeps it.
      expect(html).toContain('<svg class="map-marker"');
      expect(html).toContain('name="lat" value="2"');
      expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/representatives?lat=2&lon=2`);
      expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
    },
  );

  it('is linked from the navigation of every page and from the home page', async () => {
    const { html } = await getPage(app, '/es');
    expect(html).toContain('<a href="/es/representatives">Quién me representa</a>');
    expect(html).toContain('<a href="/es/representatives">Averigüe quién lo representa</a>');
    const page = await getPage(app, '/en/representatives');
    expect(page.html).toContain('<a href="/en/representatives" aria-current="page">');
  });

  it('says plainly when no loaded district holds the point', async () => {
    const { status, html } = await getPage(app, '/es/representatives?lat=-40&lon=-40');
    expect(status).toBe(200);
    expect(officialNames(html)).toEqual([]);
    expect(html).toContain('Ninguno de los distritos cargados incluye este lugar');
    expect(html).not.toContain('<svg class="map-marker"');
    const en = await getPage(app, '/en/representatives?lat=8&lon=8');
    expect(officialNames(en.html)).toEqual(['Carla Gobernadora']);
  });

  it.each([
    ['lat=abc&lon=2', 'The latitude must be a number'],
    ['lat=2&lon=500', 'The longitude must be a number'],
    ['lat=&lon=', 'Type a latitude.'],
    ['lat=1e400&lon=%00', 'The latitude must be a number'],
    ['map.x=99999&map.y=3', 'That click did not fall on the map'],
    ['map.x=-1&map.y=x', 'That click did not fall on the map'],
  ])('answers %s with a friendly note, never a 500', async (query, note) => {
    const { status, html, headers } = await getPage(app, `/en/representatives?${query}`);
    expect(status).toBe(400);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(note);
    expect(html).toContain('role="alert"');
    expect(officialNames(html)).toEqual([]);
  });

  it('never answers a 5xx to generated coordinates and clicks', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.double().map(String),
      fc.integer({ min: -100_000, max: 100_000 }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('lat', 'lon', 'map.x', 'map.y'), value),
        async (params) => {
          const res = await app.request(`/en/representatives?${new URLSearchParams(params)}`);
          expect([200, 400]).toContain(res.status);
          expect(res.headers.get('cache-control')).toBe('no-store');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads a decimal comma as people type it', async () => {
    const { status, html } = await getPage(app, '/es/representatives?lat=2,5&lon=2,5');
    expect(status).toBe(200);
    expect(officialNames(html)).toEqual(['Carla Gobernadora', 'Ana Actual']);
  });

  it('resolves a click on the map to the district under it, without JavaScript', async () => {
    const { html } = await getPage(app, '/en/representatives');
    const src = /<input type="image" name="map" src="([^"]+)"/
      .exec(html)![1]!
      .replaceAll('&amp;', '&');
    const image = await app.request(src);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await image.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="340"/);
    const stored = await database.db.select().from(divisionBoundaries);
    expect(count(svg, /<path /g)).toBe(stored.length);
    const again = await app.request(src, {
      headers: { 'if-none-match': image.headers.get('etag')! },
    });
    expect(again.status).toBe(304);

    // The test fits its own projection to every stored shape, as the server does (the seed may
    // hold more than this file's).
    const collection = {
      type: 'FeatureCollection' as const,
      features: stored.map((row) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: forD3(row.geometry as Polygon | MultiPolygon),
      })),
    };
    const { projection } = fitProjection(collection);
    const click = async (lon: number, lat: number) => {
      const [x, y] = projection([lon, lat])!.map(Math.round) as [number, number];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      const page = await getPage(app, `/en/representatives?lat=&lon=&map.x=${x}&map.y=${y}`);
      expect(page.status).toBe(200);
      return page;
    };
    const inside = await click(2.5, 2.5);
    expect(officialNames(inside.html)).toEqual(['Carla Gobernadora', 'Ana Actual']);
    expect(inside.html).toContain('<svg class="map-marker"');
    const [, lat] = /name="lat" value="([^"]+)"/.exec(inside.html)!;
    expect(Math.abs(Number(lat) - 2.5)).toBeLessThan(0.1);
    const stateOnly = await click(8, 8);
    expect(officialNames(stateOnly.html)).toEqual(['Carla Gobernadora']);
  });

  it('zooms the map to a division holding the point, and reads clicks on the zoomed map', async () => {
    const { html } = await getPage(app, '/en/representatives?lat=2&lon=2');
    const href = /<a href="([^"]+)">Senate District 99</.exec(html)![1]!.replaceAll('&amp;', '&');
    expect(href).toBe(
      `/en/representatives?lat=2.00000&lon=2.00000&focus=${encodeURIComponent(SLDU)}`,
    );
    const zoomed = await getPage(app, href);
    expect(zoomed.html).toContain(`<input type="hidden" name="focus" value="${SLDU}"/>`);
    expect(zoomed.html).toContain('<strong aria-current="true">Senate District 99</strong>');
    expect(zoomed.html).toContain('Show the whole map');
    const src = /<input type="image" name="map" src="([^"]+)"/
      .exec(zoomed.html)![1]!
      .replaceAll('&amp;', '&');
    expect(src).toContain(`focus=${encodeURIComponent(SLDU)}`);
    expect((await app.request(src)).status).toBe(200);

    // Fitted to the district alone: a click near its corner still lands inside it.
    const { projection } = fitProjection({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: forD3(square(0, 0, 5, 5)) }],
    });
    const [x, y] = projection([0.3, 0.3])!.map(Math.round) as [number, number];
    const click = await getPage(
      app,
      `/en/representatives?focus=${encodeURIComponent(SLDU)}&lat=&lon=&map.x=${x}&map.y=${y}`,
    );
    expect(officialNames(click.html)).toEqual(['Carla Gobernadora', 'Ana Actual']);
    const [, lat] = /name="lat" value="([^"]+)"/.exec(click.html)!;
    expect(Math.abs(Number(lat) - 0.3)).toBeLessThan(0.05);

    // A focus naming no stored boundary shows the whole map, and is not kept.
    const unknown = await getPage(app, '/en/representatives?focus=ocd-division%2Fnowhere');
    expect(unknown.status).toBe(200);
    expect(unknown.html).not.toContain('name="focus"');
    expect((await app.request('/en/representatives/map.svg?focus=x')).status).toBe(404);
  });

  it('keeps pages about a point out of the page cache', async () => {
    const first = await app.request('/en/representatives?lat=2&lon=2');
    expect(first.headers.get('x-page-cache')).toBeNull();
    expect(first.headers.get('etag')).toBeNull();
    const second = await app.request('/en/representatives?lat=8&lon=8');
    expect(second.headers.get('x-page-cache')).toBeNull();
    expect(officialNames(await second.text())).toEqual(['Carla Gobernadora']);
    const repeat = await app.request('/en/representatives?lat=2&lon=2');
    expect(repeat.headers.get('x-page-cache')).toBeNull();
    expect(repeat.headers.get('cache-control')).toBe('no-store');
    // Other pages are still cached.
    await app.request('/en/officials');
    expect((await app.request('/en/officials')).headers.get('x-page-cache')).toBe('hit');
  });

  it.each(['es', 'en'] as const)(
    'lists the officials in office by body, with a filter (%s)',
    async (lang) => {
      const { status, html } = await getPage(app, `/${lang}/officials`);
      expect(status).toBe(200);
      expect(html).toContain(`href="/${lang}/officials/`);
      expect(html).toContain('Ana Actual');
      expect(html).toContain('Carla Gobernadora');
      expect(html).not.toContain('Beto Anterior');
      expect(html).toContain('<select id="officials-body" name="body">');
      const senate = await getPage(app, `/${lang}/officials?body=nm-senate`);
      expect(senate.html).toContain('Ana Actual');
      expect(senate.html).not.toContain('Carla Gobernadora');
      expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
    },
  );

  it.each(['es', 'en'] as const)(
    'shows one official with terms, contact and votes (%s)',
    async (lang) => {
      const { html: list } = await getPage(app, `/${lang}/officials`);
      const slug = new RegExp(`href="/${lang}/officials/([^"?]+)">Ana Actual<`).exec(list)![1]!;
      const { status, html } = await getPage(app, `/${lang}/officials/${slug}`);
      expect(status).toBe(200);
      expect(html).toContain('<h1>Ana Actual</h1>');
      expect(count(html, /<table class="terms">/g)).toBe(1);
      expect(html).toContain(lang === 'es' ? 'Periodos vigentes' : 'Current terms');
      expect(html).toContain('href="mailto:ana@example.org"');
      expect(html).toContain('href="https://example.org/roster"');
      expect(html).not.toContain('ana.jpg');
      expect(count(html, /class="badge (ok|harm)"/g)).toBe(2);
      expect(await pageWeight(app, html)).toBeLessThan(BUDGET);

      const { html: formerList } = await getPage(app, `/${lang}/officials?body=nm-senate`);
      expect(formerList).not.toContain('Beto');
      const missing = await getPage(app, `/${lang}/officials/nobody-here`);
      expect(missing.status).toBe(404);
    },
  );

  it('is served from the cached map once per data version', async () => {
    const read = districtMap(database.db, { dataVersionTtlMs: 0 });
    const [a, b] = await Promise.all([read(), read()]);
    expect(a).toBe(b);
    expect(a!.width).toBe(MAP_WIDTH);
  });
});

describe('divisionTitle', () => {
  it.each([
    ['en', { ocdId: SLDU, name: 'Senate District 99' }, 'Senate District 99'],
    ['en', { ocdId: SLDU, name: null }, 'State Senate District 99'],
    [
      'es',
      { ocdId: `${NM}/sldl:26`, name: null },
      'Distrito 26 de la Cámara de Representantes estatal',
    ],
    ['es', { ocdId: `${NM}/place:albuquerque`, name: null }, `${NM}/place:albuquerque`],
  ] as const)('%s %o -> %s', (lang, division, title) => {
    expect(divisionTitle(pageContext(lang, '/'), division)).toBe(title);
  });
});

describe('readVote', () => {
  it.each([
    ['protects', 'yes', 'with'],
    ['protects', 'no', 'against'],
    ['harms', 'yes', 'against'],
    ['harms', 'no', 'with'],
    ['mixed', 'yes', null],
    ['protects', 'abstain', null],
    ['harms', 'absent', null],
  ] as const)('%s + %s -> %s', (stance, option, reading) => {
    expect(readVote(stance, option)).toBe(reading);
  });
});
