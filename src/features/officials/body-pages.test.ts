import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { people } from '../../db/schema.ts';
import { BUDGET, count, getPage, pageWeight } from '../home/page-test-kit.ts';
import { buildBoard } from './body-test-kit.ts';

/** The text of the page without tags, entities decoded for the characters our copy uses. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.each(engines())('body pages, scorecards and comparison on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    await buildBoard(database);
  }, 120_000);
  afterAll(() => database?.close());

  it.each(['es', 'en'] as const)(
    "shows the default dataset's roll calls of the city council, newest first, as tables (%s)",
    async (lang) => {
      const { status, html } = await getPage(app, `/${lang}/bodies/albuquerque-city-council`);
      expect(status).toBe(200);
      expect(count(html, /<table class="roll-call-table"/g)).toBe(2);
      const page = text(html);
      // R-18-7 (2018) before the 2017 memorial.
      expect(page.indexOf('Harris')).toBeLessThan(page.indexOf('Trudy Jones'));
      for (const name of ['Benton', 'Borrego', 'Peña', 'Winter', 'Trudy Jones', 'Dan Lewis'])
        expect(page).toContain(name);
      expect(page).toContain(lang === 'es' ? 'a favor 6 · en contra 3' : 'yes 6 · no 3');
      expect(page).toContain(lang === 'es' ? 'ausentes 2' : 'absent 2');
      expect(page).toContain(
        lang === 'es' ? 'Aprobar la resolución R-18-7' : 'Pass resolution R-18-7',
      );
      expect(html).toContain(`href="/${lang}/policies/abq-r-18-7"`);
      // R-18-7 protects: Harris's no reads against, Benton's yes with.
      expect(html).toMatch(/>Harris<\/th><td>[^]*?<span class="badge harm">/);
      expect(html).toMatch(/>Benton<\/th><td>[^]*?<span class="badge ok">/);
      expect(html).toContain('class="badge verified"');
      expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
    },
  );

  it.each(['es', 'en'] as const)(
    'shows the county commission roll calls with names and counts (%s)',
    async (lang) => {
      const { status, html } = await getPage(app, `/${lang}/bodies/bernalillo-county-commission`);
      expect(status).toBe(200);
      expect(count(html, /<table class="roll-call-table"/g)).toBe(2);
      const page = text(html);
      for (const name of ['Wayne Johnson', "O'Malley", 'Quezada', 'Hart Stebbins', 'Talbert'])
        expect(page).toContain(name);
      expect(page).toContain(lang === 'es' ? 'a favor 4 · en contra 1' : 'yes 4 · no 1');
      expect(page).toContain(lang === 'es' ? 'Rechazada' : 'Failed');
      expect(page).toContain(lang === 'es' ? 'Jurisdicción:' : 'Jurisdiction:');
      expect(html).toContain(`href="/${lang}/jurisdictions/bernalillo-county"`);
    },
  );

  it('links a vote matched to a person to that official, and names as recorded stay text', async () => {
    const { status, html } = await getPage(app, '/es/bodies/test-board');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Junta de Prueba</h1>');
    expect(
      count(html, /<th scope="row"><a href="\/es\/officials\/rosa-ruiz">Ruiz<\/a><\/th>/g),
    ).toBe(5);
    expect(html).toContain('<th scope="row">Smith</th>');
    // Members today: Rosa, not Tomás, whose term ended in 2020.
    const members = html.slice(
      html.indexOf('id="members-heading"'),
      html.indexOf('id="roll-calls-heading"'),
    );
    expect(members).toContain('Rosa Ruiz');
    expect(members).not.toContain('Tomás Torres');
    // The mixed policy's table has no with/against column.
    expect(count(html, /<table class="roll-call-table"/g)).toBe(5);
    expect(count(html, /Para los residentes inmigrantes<\/th>/g)).toBe(4);
  });

  it.each([
    ['', '2 de 3 votos a favor de los residentes inmigrantes, 2015–2018'],
    ['?from=2016&to=2018', '1 de 2 votos a favor de los residentes inmigrantes, 2016–2018'],
    ['?from=2015&to=2015', '1 de 1 voto a favor de los residentes inmigrantes, en 2015'],
    ['?from=2016', '1 de 2 votos a favor de los residentes inmigrantes, desde 2016'],
    ['?to=2015', '1 de 1 voto a favor de los residentes inmigrantes, hasta 2015'],
    [
      '?from=2019&to=2024',
      'No hay ningún voto por el sí ni por el no registrado sobre las políticas que seguimos en este periodo (2019–2024).',
    ],
  ])("Rosa's scorecard %s reads %s", async (query, sentence) => {
    const { status, html } = await getPage(app, `/es/officials/rosa-ruiz${query}`);
    expect(status).toBe(200);
    expect(text(html)).toContain(sentence);
    expect(html).not.toContain('%');
  });

  it("counts Tomás's votes both ways, in English, without the abstention or the mixed policy", async () => {
    const { html } = await getPage(app, '/en/officials/tomas-torres');
    expect(text(html)).toContain('1 of 3 votes with immigrant residents, 2015–2020');
    const period = await getPage(app, '/en/officials/tomas-torres?from=2015&to=2018');
    expect(text(period.html)).toContain('0 of 2 votes with immigrant residents, 2015–2018');
    // The abstention on a policy that harms is not counted, and is not called a mixed policy.
    expect(text(html)).toContain('Not counted (did not vote yes or no)');
    expect(text(html).match(/Mixed policy: no reading either way/g)).toHaveLength(1);
  });

  it('says when an official has no vote to count, never 0%', async () => {
    const { html: list } = await getPage(app, '/en/bodies/albuquerque-city-council');
    expect(list).toContain('<h1>Albuquerque City Council</h1>');
    await database.db.insert(people).values({ slug: 'no-votes-yet', name: 'Nadia Nueva' });
    await bumpDataVersion(database.db);
    const { status, html } = await getPage(app, '/en/officials/no-votes-yet');
    expect(status).toBe(200);
    expect(text(html)).toContain(
      'No yes or no vote on the policies we track is on record, so there is no scorecard yet.',
    );
  });

  it.each([
    ['?from=abcd', 'El primer año debe tener cuatro cifras'],
    ['?to=99999', 'El último año debe tener cuatro cifras'],
    ['?from=2020&to=2010', 'El primer año es posterior al último.'],
  ])(
    'a period that cannot be read (%s) is a friendly note, with every year counted',
    async (query, note) => {
      const { status, html } = await getPage(app, `/es/officials/rosa-ruiz${query}`);
      expect(status).toBe(400);
      expect(html).toContain('role="alert"');
      expect(text(html)).toContain(note);
      expect(text(html)).toContain('2 de 3 votos a favor de los residentes inmigrantes, 2015–2018');
      expect(html).toContain('aria-invalid="true"');
    },
  );

  it.each(['es', 'en'] as const)('compares two officials side by side (%s)', async (lang) => {
    const { status, html } = await getPage(
      app,
      `/${lang}/officials/compare?a=rosa-ruiz&b=tomas-torres`,
    );
    expect(status).toBe(200);
    const page = text(html);
    expect(page).toContain(
      lang === 'es'
        ? '2 de 3 votos a favor de los residentes inmigrantes, 2015–2018'
        : '2 of 3 votes with immigrant residents, 2015–2018',
    );
    expect(page).toContain(
      lang === 'es'
        ? '1 de 3 votos a favor de los residentes inmigrantes, 2015–2020'
        : '1 of 3 votes with immigrant residents, 2015–2020',
    );
    // Four roll calls on tracked policies had both; the mixed one is left out.
    const table = html.slice(
      html.indexOf('<table class="compare-table"'),
      html.indexOf('</table>', html.indexOf('<table class="compare-table"')),
    );
    expect(count(table, /<th scope="row">/g)).toBe(4);
    expect(table).not.toContain('test-board-mixed');
    expect(html).toContain('<option value="rosa-ruiz" selected="">');
    expect(html).toContain(`href="/${lang}/bodies/test-board"`);
    expect(await pageWeight(app, html)).toBeLessThan(BUDGET);

    const period = await getPage(
      app,
      `/${lang}/officials/compare?a=rosa-ruiz&b=tomas-torres&from=2016&to=2016`,
    );
    const periodTable = period.html.slice(period.html.indexOf('<table class="compare-table"'));
    expect(count(periodTable.slice(0, periodTable.indexOf('</table>')), /<th scope="row">/g)).toBe(
      1,
    );
  });

  it('shows the pickers alone when no pair is chosen, and a friendly 404 for unknown slugs', async () => {
    const empty = await getPage(app, '/en/officials/compare');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('<select id="compare-a" name="a">');
    expect(empty.html).not.toContain('compare-table');
    // From an official's page: the first picker is already chosen.
    const half = await getPage(app, '/en/officials/compare?a=rosa-ruiz');
    expect(half.status).toBe(200);
    expect(half.html).toContain('<option value="rosa-ruiz" selected="">');
    expect(half.html).not.toContain('compare-table');
    const badPeriod = await getPage(
      app,
      '/en/officials/compare?a=rosa-ruiz&b=tomas-torres&to=20x5',
    );
    expect(badPeriod.status).toBe(400);
    expect(text(badPeriod.html)).toContain('The last year must be four digits');
    const unknown = await getPage(app, '/es/officials/compare?a=rosa-ruiz&b=nadie-asi');
    expect(unknown.status).toBe(404);
    expect(text(unknown.html)).toContain(
      'No tenemos ningún funcionario en la dirección «nadie-asi»',
    );
    expect(unknown.html).toContain('<select id="compare-b" name="b">');
  });

  it('links body names from policy timelines, the officials list and term tables', async () => {
    const policy = await getPage(app, '/es/policies/bernco-ar-2017-22');
    expect(policy.html).toContain('href="/es/bodies/bernalillo-county-commission"');
    const list = await getPage(app, '/en/officials');
    expect(list.html).toContain('<a href="/en/bodies/test-board">Test Board</a>');
    const official = await getPage(app, '/en/officials/rosa-ruiz');
    expect(official.html).toContain('href="/en/bodies/test-board"');
    expect(official.html).toContain('href="/en/officials/compare?a=rosa-ruiz"');
    expect((await getPage(app, '/en/bodies/no-such-body')).status).toBe(404);
  });

  it('never answers 5xx to arbitrary periods, pairs and body slugs', async () => {
    const anyText = fc.string({ maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, anyText, async (from, to, a, b) => {
        const q = new URLSearchParams({ from, to, a, b });
        for (const path of [
          `/es/officials/rosa-ruiz?${q}`,
          `/en/officials/compare?${q}`,
          `/es/bodies/${encodeURIComponent(a || 'x')}`,
        ]) {
          const res = await app.request(path);
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 40 },
    );
  });
});
