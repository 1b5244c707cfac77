import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { policies } from '../../db/schema.ts';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import { loadPolicySummaries, type PolicyWithRefs } from './queries.ts';
import type { PolicyDetail, PolicySummary } from './schema.ts';
import { searchPolicySummaries } from './search.ts';
import { LISTED } from './search-page.ts';

/** The listed columns of a whole row and of its references. */
function listedPart(row: PolicyWithRefs) {
  const pick = (value: object, keys: readonly string[]) =>
    Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]]));
  return {
    policy: pick(row.policy, LISTED.policy),
    jurisdiction: pick(row.jurisdiction, LISTED.jurisdiction),
    body: row.body && pick(row.body, LISTED.body),
    identifiers: row.identifiers.map((i) => pick(i, LISTED.identifier)),
    topics: row.topics.map((t) => pick(t, LISTED.topic)),
  };
}

type List = {
  data: PolicySummary[];
  next_cursor: string | null;
  total: number;
  did_you_mean?: string;
};
type Problem = {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { name: string; detail: string }[];
};

const COUNTY = 'ocd-division/country:us/state:nm/county:bernalillo';

describe.each(engines())('policies API on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let all: number;
  const list = (query: string, headers: Record<string, string> = {}) =>
    getJson<List>(app, `/api/v1/policies?${query}`, headers);
  const slugs = (r: { body: List }) => r.body.data.map((p) => p.slug);

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const [row] = await database.db.select({ n: count() }).from(policies);
    all = Number(row!.n);
  });
  afterAll(() => database.close());

  it('lists every policy across pages, each with its identifiers', async () => {
    expect(all).toBeGreaterThanOrEqual(14);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: List } = await list(
        `limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(all);
      seen.push(...slugs(res));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(all);
    const first = await list('limit=100');
    const ar = first.body.data.find((p) => p.slug === 'bernco-ar-2017-22');
    expect(ar?.identifiers.map((i) => i.value)).toContain('AR 2017-22');
  });

  it.each([
    ['detencion', 'es'],
    ['detención', 'es'],
    ['DETENCIÓN', 'es'],
    ['detainer', 'en'],
    ['detainers', 'en'],
    ['AR 2017-22', 'es'],
    ['ar-2017-22', 'en'],
    ['ar 2017 22', 'es'],
    ['AR-2017-22', 'es'],
  ])('finds the county resolution AR 2017-22 for %j (%s)', async (q, lang) => {
    const res = await list(`q=${encodeURIComponent(q)}&lang=${lang}`);
    expect(res.status).toBe(200);
    expect(slugs(res)).toContain('bernco-ar-2017-22');
    if (/\d/.test(q)) expect(slugs(res)[0]).toBe('bernco-ar-2017-22');
  });

  it.each([
    ['M-17-4', 'abq-2017-immigrant-friendly-memorial'],
    ['Resolution-2019-22', 'bernco-2019-nondiscrimination'],
    ['resolution 87 04', 'abq-2004-resolution'],
    ['R-18-7', 'abq-r-18-7'],
    ['R-18-07', 'abq-r-18-7'],
    ['HB 9', 'nm-immigrant-safety-act'],
  ])('finds the alias or identifier %j first', async (q, slug) => {
    const res = await list(`q=${encodeURIComponent(q)}`);
    expect(slugs(res)[0]).toBe(slug);
  });

  it.each([
    [{}, 0],
    [{}, 5],
    [{ q: 'detención' }, 0],
    [{ q: 'AR 2017' }, 0],
    [{ q: 'detainr' }, 0],
    [{ jurisdiction: COUNTY, status: ['in_force', 'pending'] }, 0],
  ])(
    'reads a page of %j (from %i) with the listed columns as loadPolicySummaries reads them',
    async (filters, offset) => {
      const page = { limit: 5, offset };
      const found = await searchPolicySummaries(database.db, filters, page);
      const ids = found.rows.map((r) => r.policy.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(found.total).toBeGreaterThanOrEqual(ids.length);
      const whole = await loadPolicySummaries(database.db, ids);
      expect(found.rows).toStrictEqual(whole.map(listedPart));
      expect(found.rows.some((r) => r.body && r.identifiers.length && r.topics.length)).toBe(true);
    },
  );

  it('ignores accents and case in both directions', async () => {
    const a = await list('q=inmigraci%C3%B3n&limit=100');
    const b = await list('q=INMIGRACION&limit=100');
    expect(a.body.total).toBeGreaterThan(0);
    expect(slugs(b).sort()).toEqual(slugs(a).sort());
  });

  it('corrects a typo and says so', async () => {
    const res = await list('q=detainr&lang=en');
    expect(res.body.did_you_mean).toBe('detainer');
    expect(slugs(res)).toContain('bernco-ar-2017-22');
    const none = await list('q=zzqqxxyy');
    expect(none.body).toMatchObject({ data: [], total: 0, next_cursor: null });
    expect(none.body.did_you_mean).toBeUndefined();
  });

  it('filters by jurisdiction including its descendants', async () => {
    const res = await list(`jurisdiction=${encodeURIComponent(COUNTY)}&limit=100`);
    const kinds = new Set(res.body.data.map((p) => p.jurisdiction.slug));
    expect(kinds).toEqual(
      new Set(['bernalillo-county', 'albuquerque', 'albuquerque-public-schools']),
    );
    expect(slugs(res)).not.toContain('nm-tuition');
    const state = await list(
      `jurisdiction=${encodeURIComponent('ocd-division/country:us/state:nm')}&limit=100`,
    );
    expect(state.body.total).toBe(all);
    const unknown = await list(
      `jurisdiction=${encodeURIComponent('ocd-division/country:us/state:zz')}`,
    );
    expect(unknown.body.total).toBe(0);
  });

  it('combines status, classification, stance, topic and adoption range', async () => {
    const memorials = await list('classification=memorial&limit=100');
    expect(memorials.body.total).toBeGreaterThan(0);
    expect(memorials.body.data.every((p) => p.classification === 'memorial')).toBe(true);
    const both = await list('classification=memorial,resolution&status=in_force&limit=100');
    expect(
      both.body.data.every(
        (p) => ['memorial', 'resolution'].includes(p.classification) && p.status === 'in_force',
      ),
    ).toBe(true);
    expect(slugs(both)).toContain('bernco-ar-2017-22');
    const in2017 = await list('adopted_from=2017&adopted_to=2017&limit=100');
    expect(slugs(in2017)).toEqual(
      expect.arrayContaining(['bernco-ar-2017-22', 'abq-2017-immigrant-friendly-memorial']),
    );
    expect(in2017.body.data.every((p) => p.dates.adopted?.date.startsWith('2017'))).toBe(true);
    const march = await list('adopted_from=2017-03&adopted_to=2017-03');
    expect(slugs(march)).toEqual(['bernco-ar-2017-22']);
    const topics = new Map<string, number>();
    (await list('limit=100')).body.data.forEach((p) =>
      p.topics.forEach((t) => topics.set(t.slug, (topics.get(t.slug) ?? 0) + 1)),
    );
    const [topic, n] = [...topics.entries()][0]!;
    const byTopic = await list(`topic=${topic}&limit=100`);
    expect(byTopic.body.total).toBe(n);
    const none = await list('stance=harms');
    expect(none.body.total).toBe(0);
  });

  it('returns a policy with everything its page shows, unverified facts marked', async () => {
    const res = await getJson<PolicyDetail>(app, '/api/v1/policies/bernco-ar-2017-22?lang=en');
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.lang).toBe('en');
    expect(p.title_verification).toBe('unverified');
    expect(p.dates.adopted).toEqual({ date: '2017-03-14', verification: 'verified' });
    expect(p.provisions.length).toBeGreaterThan(0);
    expect(p.provisions.map((v) => v.category)).toContain('detainers');
    const passage = p.actions.find((a) => a.votes?.yes === 4);
    expect(passage?.votes).toMatchObject({ yes: 4, no: 1 });
    expect(p.sources.length).toBeGreaterThan(0);
    expect(p.sources.every((s) => s.url || s.citation)).toBe(true);
    const es = await getJson<PolicyDetail>(app, '/api/v1/policies/bernco-ar-2017-22', {
      'accept-language': 'es-MX,es;q=0.9',
    });
    expect(es.body.lang).toBe('es');
    expect(es.body.title).not.toBe(p.title);
  });

  it('answers 404 as problem+json in the requested language', async () => {
    const es = await app.request('/api/v1/policies/no-such-policy?lang=es');
    expect(es.status).toBe(404);
    expect(es.headers.get('content-type')).toContain('application/problem+json');
    const body = (await es.json()) as Problem;
    expect(body).toMatchObject({ status: 404, code: 'not_found', title: 'No encontrado' });
    expect(body.detail).toContain('no-such-policy');
    const en = (await (
      await app.request('/api/v1/policies/no-such-policy', { headers: { 'accept-language': 'en' } })
    ).json()) as Problem;
    expect(en.title).toBe('Not found');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1.5', 'limit'],
    ['status=bogus', 'status'],
    ['classification=resolution,nope', 'classification'],
    ['jurisdiction=albuquerque', 'jurisdiction'],
    ['adopted_from=2019-13', 'adopted_from'],
    ['adopted_to=2019-02-30', 'adopted_to'],
    ['adopted_from=2020&adopted_to=2019', 'adopted_from'],
    ['cursor=abc', 'cursor'],
    ['lang=fr', 'lang'],
    ['topic=Not%20A%20Slug', 'topic'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['q=a%00b', 'q'],
  ])('rejects %s with a 400 naming the parameter', async (query, name) => {
    const res = await app.request(`/api/v1/policies?${query}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem;
    expect(body.code).toBe('invalid_parameter');
    expect(body.errors?.map((e) => e.name)).toContain(name);
    expect(body.detail).toContain(name);
  });

  it('treats an empty filter as no filter', async () => {
    const res = await list('stance=&status=&limit=100');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(all);
  });

  it('names every bad parameter at once, in Spanish too', async () => {
    const res = await app.request('/api/v1/policies?limit=0&status=x&lang=es');
    const body = (await res.json()) as Problem;
    expect(body.errors?.map((e) => e.name).sort()).toEqual(['limit', 'status']);
    expect(body.title).toBe('Solicitud no válida');
    expect(body.detail).toMatch(/2 parámetros/);
  });

  it('sends ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const first = await app.request('/api/v1/policies?limit=3');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age/);
    const second = await app.request('/api/v1/policies?limit=3', {
      headers: { 'if-none-match': tag! },
    });
    expect(second.status).toBe(304);
    const other = await app.request('/api/v1/policies?limit=4', {
      headers: { 'if-none-match': tag! },
    });
    expect(other.status).toBe(200);
  });
});
