import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { queryRows, sql } from '../../db/client.ts';
import { build, policyInput } from '../../../test/factories.ts';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';

type List = { data: { slug: string }[]; total: number; next_cursor: string | null };

const text = (es: string, en: string) => ({ es, en });
const adopted = (date: string) => ({ adopted: { date, verification: 'verified' } });

describe.each(engines())('search result order on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  const slugs = async (query: string) => {
    const res = await getJson<List>(app, `/api/v1/policies?${query}`);
    expect(res.status).toBe(200);
    return res.body.data.map((p) => p.slug);
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    app = createTestApp(database).app;
    // The newest policy mentions the word only in its full text, the oldest in its title.
    await build(database.db, {
      policies: [
        policyInput({
          slug: 'in-body-2024',
          title: text('Ordenanza de parques', 'Parks ordinance'),
          summary: text('Horarios de los parques.', 'Park opening hours.'),
          full_text: text('Nada sobre órdenes de retención.', 'Nothing here about a zebrafish.'),
          identifiers: [{ scheme: 'bill_number', value: 'P-1', primary: true }],
          dates: adopted('2024-01-01'),
        }),
        policyInput({
          slug: 'in-summary-2015',
          title: text('Resolución de la ciudad', 'City resolution'),
          summary: text('Habla del pez cebra.', 'It is about the zebrafish.'),
          identifiers: [{ scheme: 'bill_number', value: 'R-2', primary: true }],
          dates: adopted('2015-01-01'),
        }),
        policyInput({
          slug: 'in-title-2001',
          title: text('Ordenanza del pez cebra', 'Zebrafish ordinance'),
          identifiers: [{ scheme: 'bill_number', value: 'Z-3', primary: true }],
          dates: adopted('2001-01-01'),
        }),
        policyInput({
          slug: 'in-title-2019',
          title: text('Otra ordenanza del pez cebra', 'Another zebrafish ordinance'),
          identifiers: [{ scheme: 'bill_number', value: 'Z-4', primary: true }],
          dates: adopted('2019-01-01'),
        }),
        policyInput({
          slug: 'named-zebrafish-1999',
          title: text('Acuerdo antiguo', 'Old agreement'),
          identifiers: [{ scheme: 'alias', value: 'Zebrafish', primary: true }],
          dates: adopted('1999-01-01'),
        }),
      ],
    });
  }, 60_000);
  afterAll(() => database.close());

  it('puts an identifier first, then titles, summaries and full texts, newest first in each', async () => {
    expect(await slugs('q=zebrafish')).toEqual([
      'named-zebrafish-1999',
      'in-title-2019',
      'in-title-2001',
      'in-summary-2015',
      'in-body-2024',
    ]);
  });

  it('keeps that order across pages and counts every match', async () => {
    const first = await getJson<List>(app, '/api/v1/policies?q=zebrafish&limit=2');
    expect(first.body.total).toBe(5);
    const second = await getJson<List>(
      app,
      `/api/v1/policies?q=zebrafish&limit=2&cursor=${first.body.next_cursor}`,
    );
    expect([...first.body.data, ...second.body.data].map((p) => p.slug)).toEqual([
      'named-zebrafish-1999',
      'in-title-2019',
      'in-title-2001',
      'in-summary-2015',
    ]);
  });

  it('gives the same order whether a page holds only title matches or reaches past them', async () => {
    // Pages of one and three: the first ends inside the title matches, the others reach the
    // summary and full-text matches, which are only ordered when the page needs them.
    const byOne: string[] = [];
    for (let offset = 0; offset < 5; offset++) {
      const res = await getJson<List>(
        app,
        `/api/v1/policies?q=zebrafish&limit=1${offset ? `&cursor=o${offset}` : ''}`,
      );
      expect(res.body.total).toBe(5);
      byOne.push(...res.body.data.map((p) => p.slug));
    }
    const byThree = [
      ...(await slugs('q=zebrafish&limit=3')),
      ...(await slugs('q=zebrafish&limit=3&cursor=o3')),
    ];
    expect(byOne).toEqual(await slugs('q=zebrafish'));
    expect(byThree).toEqual(byOne);
  });

  it('leaves out a title match whose full text has an excluded word', async () => {
    // in-body-2024's English title has "parks" but its full text has "zebrafish"; the two
    // "zebrafish" titles also say "ordinance". Small pages, which title (or summary) matches
    // alone would fill.
    expect(await slugs('q=parks%20-zebrafish&limit=1')).toEqual([]);
    expect(await slugs('q=zebrafish%20-ordinance&limit=2')).toEqual(['in-summary-2015']);
    // Its summary has "hours": a summary match, excluded the same way.
    expect(await slugs('q=hours%20-zebrafish&limit=1')).toEqual([]);
  });

  it('lists newest first when there are only filters', async () => {
    expect(await slugs('status=in_force')).toEqual([
      'in-body-2024',
      'in-title-2019',
      'in-summary-2015',
      'in-title-2001',
      'named-zebrafish-1999',
    ]);
  });

  it('ranks an exact identifier above the ones it is a prefix of', async () => {
    await build(database.db, {
      policies: [
        policyInput({
          slug: 'hb-17',
          identifiers: [{ scheme: 'bill_number', value: 'HB 17', primary: true }],
          dates: adopted('2000-01-01'),
        }),
        policyInput({
          slug: 'hb-173',
          identifiers: [{ scheme: 'bill_number', value: 'HB 173', primary: true }],
          dates: adopted('2020-01-01'),
        }),
      ],
    });
    expect(await slugs('q=hb%2017')).toEqual(['hb-17', 'hb-173']);
    expect(await slugs('q=HB-173')).toEqual(['hb-173']);
  });
});

describe.each(engines())('bulk imports on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
  }, 60_000);
  afterAll(() => database.close());

  it('collect planner statistics themselves (PGlite has no autovacuum)', async () => {
    const analyzed = async () => {
      const [row] = await queryRows<{ n: string | number }>(
        database.db,
        sql`select count(*) as n from pg_stat_user_tables
            where relname = 'policies' and last_analyze is not null`,
      );
      return Number(row!.n);
    };
    await build(database.db, { policies: [policyInput()] });
    expect(await analyzed()).toBe(0);
    await build(database.db, { policies: Array.from({ length: 100 }, () => policyInput()) });
    expect(await analyzed()).toBe(1);
  }, 60_000);
});
