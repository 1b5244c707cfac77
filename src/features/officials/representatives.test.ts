import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  createTestApp,
  createTestDatabase,
  engines,
  getJson,
  testConfig,
} from '../../../test/harness.ts';
import { createApp, type App } from '../../app.ts';
import type { GeocoderConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { applyBoundaries, parseBoundaries } from '../divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../divisions/list-import.ts';
import { createServices } from '../../services.ts';
import { switchLink } from '../home/page-test-kit.ts';
import { startFakeGeocoder, type FakeGeocoder } from './geocoder-test-kit.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';
import { currentSeatHolders, today } from './queries.ts';

const NM = 'ocd-division/country:us/state:nm';
const SLDU = `${NM}/sldu:99`; // invented: New Mexico has 42 senate districts
const GOV = 'ocd-jurisdiction/country:us/state:nm/government';

const person = (
  n: number,
  name: string,
  roles: string,
) => `id: ocd-person/00000000-0000-4000-8000-00000000000${n}
name: ${name}
party:
- name: Independent
roles:
${roles}
sources:
- url: https://example.org/roster
`;

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
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

type Answer = {
  divisions: { ocd_id: string }[];
  officials: {
    person: { name: string };
    body: { name: string; slug: string };
    post: { division: string };
  }[];
};

describe.each(engines())('Who represents me on %s', (engine) => {
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
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-reps-'));
    const files = {
      'senator.yml': person(
        1,
        'Ana Actual',
        `- type: upper\n  jurisdiction: ${GOV}\n  district: '99'\n  start_date: 2021-01-19`,
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
  }, 60_000);
  afterAll(() => database?.close());

  it('lists the divisions of a point and the officials seated for them today, in the language asked', async () => {
    const es = await getJson<Answer>(app, '/api/v1/representatives?lat=2&lon=2&lang=es');
    expect(es.status).toBe(200);
    expect(es.headers.get('cache-control')).toBe('no-store');
    expect(es.body.divisions.map((d) => d.ocd_id)).toEqual([NM, SLDU]);
    expect(es.body.officials.map((o) => [o.person.name, o.body.slug, o.post.division])).toEqual([
      ['Carla Gobernadora', 'nm-governor', NM],
      ['Ana Actual', 'nm-senate', SLDU],
    ]);
    expect(es.body.officials[1]!.body.name).toBe('Senado de Nuevo México');
    const en = await getJson<Answer>(app, '/api/v1/representatives?lat=2&lon=2&lang=en');
    expect(en.body.officials[1]!.body.name).toBe('New Mexico Senate');

    const outsideDistrict = await getJson<Answer>(app, '/api/v1/representatives?lat=8&lon=8');
    expect(outsideDistrict.body.officials.map((o) => o.person.name)).toEqual(['Carla Gobernadora']);
    const nowhere = await getJson<Answer>(app, '/api/v1/representatives?lat=-40&lon=-40');
    expect(nowhere.body).toEqual({ divisions: [], officials: [] });
  });

  it('counts partial dates as their whole period', async () => {
    const names = async (day: string) =>
      (await currentSeatHolders(database.db, [NM, SLDU], day)).map((h) => h.name);
    expect(await names('2020-06-01')).toEqual(['Carla Gobernadora', 'Beto Anterior']);
    expect(await names('2099-12-31')).toEqual(['Carla Gobernadora', 'Ana Actual']);
    expect(await names('2100-01-01')).toEqual(['Ana Actual']);
    expect(today('America/Denver', new Date('2026-01-01T05:00:00Z'))).toBe('2025-12-31');
  });

  it.each(['lat=100&lon=0', 'lat=0', 'lat=x&lon=y'])('answers 400 for %s', async (query) => {
    const res = await app.request(`/api/v1/representatives?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('translates known parties and offices, and leaves district numbers as they are', async () => {
    const es = await (await app.request('/es/representatives?lat=2&lon=2')).text();
    expect(es).toContain('Escaño: Gubernatura');
    expect(es).toContain('Escaño: 99 · Independiente');
    const en = await (await app.request('/en/representatives?lat=2&lon=2')).text();
    expect(en).toContain('Seat: Governor');
    expect(en).toContain('Seat: 99 · Independent');
  });

  describe('by address (a geocoder configured: a local fake server)', () => {
    const ADDRESS = '1234 Calle Secreta SW, Albuquerque, NM';
    let fake: FakeGeocoder;
    let lines: string[];
    let withGeocoder: App;
    const appWith = (geocoder: GeocoderConfig) =>
      createApp(
        createServices({
          config: testConfig({ logLevel: 'info', geocoder }),
          database,
          logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }),
        }),
      );
    const post = (lang: string, body: string, to = withGeocoder) =>
      to.request(`/${lang}/representatives`, {
        method: 'POST',
        body: new URLSearchParams({ address: body }),
      });
    beforeAll(async () => {
      fake = await startFakeGeocoder({ lat: 2, lon: 2 });
      lines = [];
      withGeocoder = appWith({ service: 'census', url: fake.url, timeoutMs: 10_000 });
    });
    afterAll(() => fake?.close());

    it('asks for no address while the geocoder is off', async () => {
      const html = await (await app.request('/es/representatives')).text();
      expect(html).not.toContain('name="address"');
      expect((await post('es', ADDRESS, app)).status).toBe(404);
      expect(fake.requests).toEqual([]);
    });

    it.each([
      ['es', 'Dirección encontrada: 1234 CALLE SECRETA SW', 'Oficina del Censo de EE. UU.'],
      ['en', 'Address found: 1234 CALLE SECRETA SW', 'U.S. Census Bureau geocoder'],
    ])('finds the officials of an address as for its point (%s)', async (lang, found, service) => {
      const blank = await (await withGeocoder.request(`/${lang}/representatives`)).text();
      expect(blank).toContain('method="post"');
      expect(blank).toContain('name="address"');
      expect(blank).toContain(`${service} (${new URL(fake.url).host})`);
      const res = await post(lang, `  ${ADDRESS.replace(' SW', '\n SW')} `);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(fake.requests.at(-1)!.params.get('address')).toBe(ADDRESS);
      const byPoint = await (await app.request(`/${lang}/representatives?lat=2&lon=2`)).text();
      expect(results(html)).toEqual(results(byPoint));
      expect(results(html)).toContain('Ana Actual');
      expect(html).toContain(found);
      // Kept in the field to correct it, and the point in the coordinates form.
      expect(html).toContain(`name="address" value="${ADDRESS}"`);
      expect(html).toContain('name="lat" value="2.00000"');
      // No link of the page carries the address; the language switch leads to a blank form.
      expect(html).not.toMatch(/href="[^"]*Secreta/);
      expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/representatives`);
    });

    it.each([
      ['', 400, 'Escriba una dirección.'],
      ['x'.repeat(201), 400, 'una sola línea de 200 caracteres'],
      ['1 nowhere road', 400, 'no encontró esa dirección'],
      ['1 broken road', 503, 'no responde en este momento'],
      ['1 garbled road', 503, 'no responde en este momento'],
    ])('answers %j with a note on the page (%i), never a 500', async (address, status, note) => {
      const res = await post('es', address);
      const html = await res.text();
      expect(res.status).toBe(status);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(html).toContain('role="alert"');
      expect(html).toContain(note);
      expect(html).toContain('aria-invalid="true"');
      expect(html).not.toContain('id="results-heading"');
    });

    it('gives up on a slow service after GEOCODER_TIMEOUT_MS, with the same note', async () => {
      const impatient = appWith({ service: 'census', url: fake.url, timeoutMs: 300 });
      const res = await post('es', '1 slow road', impatient);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('no responde en este momento');
    });

    it('says the same in English, and refuses an oversized form', async () => {
      const html = await (await post('en', '1 broken road')).text();
      expect(html).toContain('The address service is not answering right now.');
      expect((await post('en', 'x'.repeat(5000))).status).toBe(413);
    });

    it('names a Nominatim server and its OpenStreetMap data, and finds the same officials', async () => {
      const osm = appWith({
        service: 'nominatim',
        url: `${fake.url}/nominatim`,
        timeoutMs: 10_000,
      });
      const blank = await (await osm.request('/en/representatives')).text();
      expect(blank).toContain(`address server at ${new URL(fake.url).host}`);
      expect(blank).toContain('© OpenStreetMap contributors');
      const html = await (await post('en', ADDRESS, osm)).text();
      expect(fake.requests.at(-1)!.userAgent).toBe('Igualdad (+http://igualdad.test)');
      expect(results(html)).toContain('Carla Gobernadora');
    });

    it('keeps the address out of the logs, whatever happened to it', async () => {
      await post('es', ADDRESS);
      await post('es', `${ADDRESS} broken`);
      const log = lines.join('\n');
      expect(log).toContain('"path":"/es/representatives"');
      expect(log).toContain('"reason":"unavailable"');
      // The house number as part of the address: '1234' alone also turns up in timestamps.
      for (const piece of [
        'Secreta',
        'SECRETA',
        'nowhere',
        'broken road',
        '1234 ',
        '1234+',
        '1234%20',
      ])
        expect(log).not.toContain(piece);
    });
  });
});

/** The headings and names under the results heading, in page order. */
const results = (html: string) =>
  [
    ...html
      .slice(html.indexOf('id="results-heading"'))
      .matchAll(/<h[34][^>]*>(?:<a [^>]+>)?([^<]+)</g),
  ].map((m) => m[1]);
