import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, policyInput, STATE } from '../../../test/factories.ts';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import {
  bodies,
  jurisdictions,
  memberships,
  people,
  policies,
  policyIdentifiers,
  posts,
  voteEvents,
  votes,
} from '../../db/schema.ts';
import { buildBoard } from '../officials/body-test-kit.ts';
import { addUnpublishedRollCalls, UNTRACKED } from '../officials/vote-event-test-kit.ts';
import type { PopoloExport } from './popolo.ts';
import { parseCsv } from '../../../test/csv-reader.ts';

const POPOLO = '/api/v1/export/popolo.json';
const CSV = '/api/v1/export/policies.csv';
const BOM = [0xef, 0xbb, 0xbf];

async function getCsv(app: ReturnType<typeof createTestApp>['app'], path = CSV) {
  const res = await app.request(path);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Response.text() would drop the BOM; decode ourselves to see it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { res, bytes, text, rows: parseCsv(text) };
}

const byKey = <T>(rows: T[], key: (r: T) => string) => new Map(rows.map((r) => [key(r), r]));

describe.each(engines())('exports of the seeded library on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let popolo: PopoloExport;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const res = await getJson<PopoloExport>(app, POPOLO);
    expect(res.status).toBe(200);
    popolo = res.body;
  });
  afterAll(() => database.close());

  it('has one area per jurisdiction, one organization per body and one bill per policy', async () => {
    const db = database.db;
    const [j, b, p] = await Promise.all([
      db.select().from(jurisdictions).orderBy(asc(jurisdictions.ocdId)),
      db.select().from(bodies).orderBy(asc(bodies.slug)),
      db.select({ slug: policies.slug }).from(policies).orderBy(asc(policies.slug)),
    ]);
    expect(p.length).toBeGreaterThan(0);
    expect(popolo.areas.map((a) => a.id)).toEqual(j.map((r) => r.ocdId));
    expect(popolo.organizations.map((o) => o.id)).toEqual(b.map((r) => `igualdad:body/${r.slug}`));
    expect(popolo.bills.map((x) => x.id)).toEqual(p.map((r) => `igualdad:policy/${r.slug}`));
    expect(popolo.meta.source).toBe('http://igualdad.test');
    expect(Number.isNaN(Date.parse(popolo.meta.generated_at))).toBe(false);
  });

  it('keeps both languages of areas and organizations, and links them', async () => {
    const db = database.db;
    const [j, b] = await Promise.all([db.select().from(jurisdictions), db.select().from(bodies)]);
    const ocd = new Map(j.map((r) => [r.id, r.ocdId]));
    const slugs = new Map(b.map((r) => [r.id, r.slug]));
    const areas = byKey(popolo.areas, (a) => a.id);
    for (const row of j) {
      expect(areas.get(row.ocdId)).toEqual({
        id: row.ocdId,
        identifier: row.ocdId,
        name: row.nameEn,
        other_names: [{ name: row.nameEs, note: 'es' }],
        classification: row.kind,
        parent_id: row.parentId ? ocd.get(row.parentId) : null,
      });
    }
    const orgs = byKey(popolo.organizations, (o) => o.id);
    for (const row of b) {
      const org = orgs.get(`igualdad:body/${row.slug}`);
      expect(org?.name).toBe(row.nameEn);
      expect(org?.other_names).toEqual([{ name: row.nameEs, note: 'es' }]);
      expect(org?.area_id).toBe(ocd.get(row.jurisdictionId));
      expect(org?.parent_id).toBe(row.parentId ? `igualdad:body/${slugs.get(row.parentId)}` : null);
    }
  });

  it('carries every verification state exactly as the database holds it', async () => {
    const db = database.db;
    const [p, ids] = await Promise.all([
      db.select().from(policies),
      db.select().from(policyIdentifiers).orderBy(asc(policyIdentifiers.position)),
    ]);
    const bills = byKey(popolo.bills, (x) => x.extras.slug);
    for (const row of p) {
      const v = bills.get(row.slug)!.extras.verification;
      expect(v.policy).toBe(row.verification);
      expect(v.title).toBe(row.titleVerification);
      expect(v.dates.adopted).toEqual(
        row.adoptedOn ? { date: row.adoptedOn, verification: row.adoptedVerification } : null,
      );
      expect(v.identifiers.map((i) => [i.identifier, i.verification])).toEqual(
        ids.filter((i) => i.policyId === row.id).map((i) => [i.value, i.verification]),
      );
    }
  });

  it('appears in the OpenAPI document under the Export tag', async () => {
    const { body } = await getJson<{ paths: Record<string, { get?: { tags?: string[] } }> }>(
      app,
      '/api/v1/openapi.json',
    );
    for (const path of ['/export/popolo.json', '/export/policies.csv'])
      expect(body.paths[path]?.get?.tags).toEqual(['Export']);
  });

  it('answers 304 to a repeat request that sends the ETag back', async () => {
    const first = await app.request(POPOLO);
    const tag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.headers.get('content-disposition')).toBeNull();
    expect(first.headers.get('cache-control')).toMatch(/max-age/);
    expect(tag).toBeTruthy();
    const again = await app.request(POPOLO, { headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves a CSV download with a BOM, a header and one row per policy', async () => {
    const { res, bytes, rows } = await getCsv(app);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="igualdad-policies.csv"',
    );
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const slugs = await database.db
      .select({ slug: policies.slug, titleEs: policies.titleEs })
      .from(policies)
      .orderBy(asc(policies.slug));
    const [header, ...data] = rows;
    expect(header?.slice(0, 5)).toEqual([
      'slug',
      'primary_identifier',
      'identifiers',
      'title_es',
      'title_en',
    ]);
    expect(header).toHaveLength(22);
    expect(data.map((r) => r[0])).toEqual(slugs.map((s) => s.slug));
    expect(data.every((r) => r.length === header!.length)).toBe(true);
    // Accents survive the round trip (UTF-8, not a legacy code page).
    expect(data.map((r) => r[3])).toEqual(slugs.map((s) => s.titleEs));
  });

  it('names jurisdictions in the language asked for', async () => {
    const [es, en] = await Promise.all([
      getCsv(app, `${CSV}?lang=es`),
      getCsv(app, `${CSV}?lang=en`),
    ]);
    const col = es.rows[0]!.indexOf('jurisdiction');
    const names = await database.db.select().from(jurisdictions);
    const first = names.find((j) => j.ocdId === es.rows[1]![col - 1])!;
    expect(es.rows[1]![col]).toBe(first.nameEs);
    expect(en.rows[1]![col]).toBe(first.nameEn);
  });
});

describe.each(engines())('exports of hand-built policies on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const formula = policyInput({
    title: {
      es: '=HIPERVINCULO("http://malo.example";"Clic")',
      en: '=HYPERLINK("http://evil.example","Click")',
      verification: 'verified',
    },
    summary: { es: '+1 resumen, con "comillas"', en: '@SUM(A1:A9)\nsecond line' },
  });
  const doubtful = policyInput({
    verification: 'unverified',
    title: { es: 'Título dudoso', en: 'Doubtful title', verification: 'unverified' },
    identifiers: [{ scheme: 'bill_number', value: 'X-1', primary: true }],
    dates: { adopted: { date: '2019-02' } },
    body: 'test-council',
    actions: [
      {
        date: '2019-02-03',
        body: 'test-council',
        classification: ['passage'],
        description: { es: 'Aprobada', en: 'Passed' },
        votes: { yes: 5, no: 2 },
      },
    ],
    sources: [
      { citation: 'Diario de prueba, 2019-02-04', publisher: 'Diario' },
      { url: 'https://example.org/minutes', title: 'Minutes' },
    ],
  });
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    await build(database.db, {
      bodies: [
        {
          slug: 'test-council',
          jurisdiction: STATE,
          classification: 'council',
          name: { es: 'Concejo de prueba', en: 'Test Council' },
        },
      ],
      policies: [formula, doubtful],
    });
    app = createTestApp(database).app;
  });
  afterAll(() => database.close());

  it('neutralizes cells that a spreadsheet would run as formulas', async () => {
    const { rows, text } = await getCsv(app);
    const [header, ...data] = rows;
    const row = data.find((r) => r[0] === formula.slug)!;
    const cell = (name: string) => row[header!.indexOf(name)];
    expect(cell('title_en')).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(cell('title_es')).toBe(`'=HIPERVINCULO("http://malo.example";"Clic")`);
    expect(cell('summary_es')).toBe(`'+1 resumen, con "comillas"`);
    expect(cell('summary_en')).toBe(`'@SUM(A1:A9)\nsecond line`);
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('keeps unverified facts visibly unverified', async () => {
    const { body } = await getJson<PopoloExport>(app, POPOLO);
    const bill = body.bills.find((b) => b.extras.slug === doubtful.slug)!;
    expect(bill.extras.verification).toMatchObject({
      policy: 'unverified',
      title: 'unverified',
      dates: { adopted: { date: '2019-02', verification: 'unverified' } },
      identifiers: [{ identifier: 'X-1', primary: true, verification: 'unverified' }],
    });
    expect(bill.actions).toEqual([
      {
        date: '2019-02-03',
        description: 'Passed',
        classification: ['passage'],
        organization_id: 'igualdad:body/test-council',
        counts: [
          { option: 'yes', value: 5 },
          { option: 'no', value: 2 },
        ],
        extras: {
          date_verification: 'unverified',
          vote_verification: 'unverified',
          translation: { description: { es: 'original', en: 'original' } },
        },
      },
    ]);
    const verified = body.bills.find((b) => b.extras.slug === formula.slug)!;
    expect(verified.extras.verification.title).toBe('verified');
  });

  it('shapes a bill as OCD does, with citation-only sources kept apart from URL sources', async () => {
    const { body } = await getJson<PopoloExport>(app, POPOLO);
    const bill = body.bills.find((b) => b.extras.slug === doubtful.slug)!;
    expect(bill).toMatchObject({
      id: `igualdad:policy/${doubtful.slug}`,
      identifier: 'X-1',
      title: 'Doubtful title',
      other_titles: [{ title: 'Título dudoso', note: 'es' }],
      classification: ['ordinance'],
      from_organization: 'igualdad:body/test-council',
      jurisdiction: STATE,
      sources: [{ url: 'https://example.org/minutes', note: 'Minutes' }],
    });
    expect(bill.extras.citations).toEqual([
      {
        citation: 'Diario de prueba, 2019-02-04',
        title: null,
        publisher: 'Diario',
        accessed: null,
      },
    ]);
    const { rows } = await getCsv(app);
    const row = rows.find((r) => r[0] === doubtful.slug)!;
    expect(row[rows[0]!.indexOf('source_urls')]).toBe('https://example.org/minutes');
    expect(row[rows[0]!.indexOf('adopted_verification')]).toBe('unverified');
  });
});

describe.each(engines())('exports of officials and roll calls on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let unpublished: string[];
  const DIVISION = 'ocd-division/country:us/state:nm/county:bernalillo/council_district:9';
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    await buildBoard(database);
    unpublished = await addUnpublishedRollCalls(database);
    // Rosa gets a seat with a division and office contacts; a phone in international form starts
    // with "+", which a spreadsheet would read as a formula.
    const db = database.db;
    const [rosa] = await db
      .update(people)
      .set({
        email: 'rosa@example.org',
        contactDetails: [
          { type: 'voice', value: '+1 505-555-0100', label: 'office' },
          { type: 'voice', value: '505-555-0101' },
          { type: 'email', value: 'rosa@example.org' },
          { type: 'address', value: '1 Civic Plaza' },
        ],
      })
      .where(eq(people.slug, 'rosa-ruiz'))
      .returning();
    const [post] = await db
      .insert(posts)
      .values({
        bodyId: (await db.select().from(bodies).where(eq(bodies.slug, 'test-board')))[0]!.id,
        label: 'District 9',
        divisionOcdId: DIVISION,
      })
      .returning();
    await db
      .update(memberships)
      .set({ postId: post!.id, party: 'Independent' })
      .where(eq(memberships.personId, rosa!.id));
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  const cells = (rows: string[][]) => {
    const [header, ...data] = rows;
    return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
  };

  it('lists one row per term with seat, division, party and office contacts, formulas neutralized', async () => {
    const { res, bytes, rows } = await getCsv(app, '/api/v1/export/officials.csv?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="igualdad-officials.csv"',
    );
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const terms = cells(rows);
    expect(terms.map((t) => t.person_slug)).toEqual(['rosa-ruiz', 'tomas-torres']);
    expect(terms[0]).toMatchObject({
      name: 'Rosa Ruiz',
      body_slug: 'test-board',
      body: 'Test Board',
      seat: 'District 9',
      division_ocd_id: DIVISION,
      party: 'Independent',
      start_date: '2015-01-01',
      end_date: '',
      email: 'rosa@example.org',
      phone: "'+1 505-555-0100 (office) | 505-555-0101",
    });
    expect(terms[1]).toMatchObject({ seat: '', end_date: '2020-12-31', phone: '' });
    const es = await getCsv(app, '/api/v1/export/officials.csv?lang=es');
    expect(cells(es.rows)[0]!.body).toBe('Junta de Prueba');
  });

  it('lists one row per vote on tracked policies only, read by the stance', async () => {
    const { res, rows } = await getCsv(app, '/api/v1/export/votes.csv?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="igualdad-votes.csv"',
    );
    const data = cells(rows);
    const tracked = await database.db
      .select({ voter: votes.voterName })
      .from(votes)
      .innerJoin(voteEvents, eq(voteEvents.id, votes.voteEventId))
      .innerJoin(policies, and(eq(policies.id, voteEvents.policyId), isNotNull(policies.stance)));
    expect(data).toHaveLength(tracked.length);
    expect(data.length).toBeGreaterThan(20);
    expect(data.filter((r) => unpublished.includes(r.vote_event_id!))).toEqual([]);
    expect(data.filter((r) => r.voter_name === UNTRACKED.voterName)).toEqual([]);
    expect(data.filter((r) => r.policy_slug === UNTRACKED.policySlug)).toEqual([]);
    const dates = data.map((r) => r.date!);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(data.find((r) => r.voter_name === 'Harris')).toMatchObject({
      date: '2018-04-16',
      body: 'Albuquerque City Council',
      policy_slug: 'abq-r-18-7',
      policy_stance: 'protects',
      motion: 'Pass resolution R-18-7',
      result: 'pass',
      official_slug: '',
      option: 'no',
      with_or_against_immigrant_residents: 'against',
    });
    const rosa2016 = data.find((r) => r.official_slug === 'rosa-ruiz' && r.date === '2016-05-01');
    expect(rosa2016).toMatchObject({
      voter_name: 'Ruiz',
      policy_stance: 'harms',
      option: 'no',
      with_or_against_immigrant_residents: 'with',
    });
    const es = cells((await getCsv(app, '/api/v1/export/votes.csv?lang=es')).rows);
    expect(es.find((r) => r.voter_name === 'Harris')).toMatchObject({
      motion: 'Aprobar la resolución R-18-7',
      motion_lang: 'es',
    });
    expect(data.find((r) => r.voter_name === 'Harris')?.motion_lang).toBe('en');
  });

  it('exports the roll calls of tracked policies as Popolo vote events', async () => {
    const { body } = await getJson<PopoloExport>(app, POPOLO);
    const ids = body.vote_events.map((v) => v.id);
    expect(ids).toHaveLength(9);
    for (const id of unpublished) expect(ids).not.toContain(`igualdad:vote_event/${id}`);
    expect(JSON.stringify(body.vote_events)).not.toContain(UNTRACKED.voterName);
    const r187 = body.vote_events.find((v) => v.extras.bill_id === 'igualdad:policy/abq-r-18-7')!;
    expect(r187).toMatchObject({
      organization_id: 'igualdad:body/albuquerque-city-council',
      motion: { text: 'Pass resolution R-18-7' },
      start_date: null,
      result: 'pass',
      extras: {
        date: '2018-04-16',
        motion: { es: 'Aprobar la resolución R-18-7', en: 'Pass resolution R-18-7' },
        translation: { motion: { es: 'original', en: 'original' } },
        verification: 'verified',
      },
    });
    expect(r187.votes).toContainEqual({
      voter_id: null,
      voter: { name: 'Harris' },
      option: 'no',
      extras: { verification: expect.any(String) },
    });
    const board = body.vote_events.find((v) => v.extras.date === '2020-01-01')!;
    expect(board.votes.find((v) => v.voter_id === 'igualdad:person/rosa-ruiz')).toEqual({
      voter_id: 'igualdad:person/rosa-ruiz',
      option: 'absent',
      extras: { verification: 'unverified' },
    });
  });

  it('lists the new downloads in the OpenAPI document under the Export tag', async () => {
    const { body } = await getJson<{ paths: Record<string, { get?: { tags?: string[] } }> }>(
      app,
      '/api/v1/openapi.json',
    );
    for (const path of ['/export/officials.csv', '/export/votes.csv'])
      expect(body.paths[path]?.get?.tags).toEqual(['Export']);
  });
});
