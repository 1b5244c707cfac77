import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { buildBoard } from './body-test-kit.ts';
import type { VoteEventDetail } from './vote-event-schema.ts';
import { addUnpublishedRollCalls, UNTRACKED } from './vote-event-test-kit.ts';

type List = {
  data: {
    id: string;
    date: string;
    motion: string | null;
    body: { slug: string } | null;
    policy: { slug: string };
  }[];
  next_cursor: string | null;
  total: number;
};
type Problem = { code: string; errors?: { name: string; detail: string }[] };

const LIST = '/api/v1/vote-events';

describe.each(engines())('vote events API on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let unpublished: string[];
  const list = async (query = '') => {
    const res = await getJson<List>(app, `${LIST}${query}`);
    expect(res.status, query).toBe(200);
    return res.body;
  };
  const dates = async (query: string) => (await list(query)).data.map((e) => e.date);

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    await buildBoard(database);
    unpublished = await addUnpublishedRollCalls(database);
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  it('lists roll calls on tracked policies only, newest first, page by page', async () => {
    const all = await list('?limit=100');
    // Four in the default dataset, five on the test board; none of the unpublished two.
    expect(all.total).toBe(9);
    expect(all.data).toHaveLength(9);
    expect(all.next_cursor).toBeNull();
    const allDates = all.data.map((e) => e.date);
    expect(allDates).toEqual([...allDates].sort().reverse());
    expect(all.data.map((e) => e.id)).not.toEqual(expect.arrayContaining([unpublished[0]]));
    expect(all.data.map((e) => e.id)).not.toEqual(expect.arrayContaining([unpublished[1]]));
    expect(all.data.some((e) => e.motion?.includes('untracked'))).toBe(false);

    const first = await list('?limit=4');
    expect(first).toMatchObject({ total: 9, next_cursor: 'o4' });
    const second = await list(`?limit=4&cursor=${first.next_cursor}`);
    const third = await list(`?limit=4&cursor=${second.next_cursor}`);
    expect(third.next_cursor).toBeNull();
    expect([...first.data, ...second.data, ...third.data].map((e) => e.id)).toEqual(
      all.data.map((e) => e.id),
    );
  });

  it('filters by body, policy, official, option and (partial) dates', async () => {
    expect(await dates('?body=test-board&from=2016&to=2018')).toEqual(['2018-02-01', '2016-05-01']);
    expect(await dates('?policy=test-board-harms')).toEqual(['2018-02-01', '2016-05-01']);
    expect(await dates('?official=rosa-ruiz&option=absent')).toEqual(['2020-01-01']);
    expect(await dates('?official=tomas-torres&option=abstain')).toEqual(['2018-02-01']);
    // Rosa also voted on the untracked matter and the policy-less motion: neither is listed.
    expect(await dates('?official=rosa-ruiz')).toHaveLength(5);
    // Alone, the option finds anyone's: the 2017 memorial's absentees and Rosa's absence.
    expect(await dates('?option=absent')).toEqual(['2020-01-01', '2017-02-22']);
    expect(await dates('?body=albuquerque-city-council&from=2018-04&to=2018-04-16')).toEqual([
      '2018-04-16',
    ]);
    expect(await dates(`?policy=${UNTRACKED.policySlug}`)).toEqual([]);
    expect(await dates('?body=no-such-body')).toEqual([]);
  });

  it('gives one roll call in the language asked, with every vote as recorded', async () => {
    const [r187] = (await list('?policy=abq-r-18-7')).data;
    const es = await getJson<VoteEventDetail>(app, `${LIST}/${r187!.id}?lang=es`);
    expect(es.status).toBe(200);
    expect(es.body).toMatchObject({
      id: r187!.id,
      date: '2018-04-16',
      body: { slug: 'albuquerque-city-council', name: 'Concejo Municipal de Albuquerque' },
      policy: { slug: 'abq-r-18-7', stance: 'protects', url: '/api/v1/policies/abq-r-18-7' },
      motion: 'Aprobar la resolución R-18-7',
      result: 'pass',
      verification: 'verified',
    });
    expect(es.body.counts).toEqual(
      expect.arrayContaining([
        { option: 'yes', value: 6 },
        { option: 'no', value: 3 },
      ]),
    );
    // How people voted, yes then no, each by name.
    expect(es.body.votes.map((v) => `${v.option} ${v.name}`)).toEqual([
      ...['Benton', 'Borrego', 'Davis', 'Gibson', 'Peña', 'Sanchez'].map((n) => `yes ${n}`),
      ...['Harris', 'Jones', 'Winter'].map((n) => `no ${n}`),
    ]);
    expect(es.body.votes.find((v) => v.name === 'Harris')).toEqual({
      name: 'Harris',
      official: null,
      option: 'no',
      reading: 'against',
      verification: expect.any(String),
    });
    const en = await getJson<VoteEventDetail>(app, `${LIST}/${r187!.id.toUpperCase()}?lang=en`);
    expect(en.body.motion).toBe('Pass resolution R-18-7');
    expect(en.body.votes).toHaveLength(9);

    const [harms2016] = (await list('?policy=test-board-harms&to=2016')).data;
    const board = await getJson<VoteEventDetail>(app, `${LIST}/${harms2016!.id}`);
    expect(board.body.votes).toEqual([
      expect.objectContaining({ name: 'Smith', official: null, option: 'yes', reading: 'against' }),
      expect.objectContaining({ name: 'Torres', official: 'tomas-torres', option: 'yes' }),
      expect.objectContaining({
        name: 'Ruiz',
        official: 'rosa-ruiz',
        option: 'no',
        reading: 'with',
      }),
    ]);
  });

  it('answers 404 for a roll call on an untracked matter or on no policy', async () => {
    for (const id of unpublished) {
      const res = await getJson<Problem & { detail: string }>(app, `${LIST}/${id}?lang=en`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body.detail).toBe(`There is no roll call "${id}".`);
    }
  });

  it('answers bad input with 400 problem+json naming the parameter, never a 500', async () => {
    for (const [query, name] of [
      ['?from=abc', 'from'],
      ['?to=2017-13', 'to'],
      ['?from=2019&to=2018', 'from'],
      ['?option=maybe', 'option'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?cursor=x', 'cursor'],
      ['?body=Not%20A%20Slug', 'body'],
      ['?official=%27%20or%201%3D1', 'official'],
      ['/not-a-uuid', 'id'],
    ] as const) {
      const res = await getJson<Problem>(app, `${LIST}${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toMatch(/problem\+json/);
      expect(
        res.body.errors?.map((e) => e.name),
        query,
      ).toEqual([name]);
    }
    const range = await getJson<Problem>(app, `${LIST}?from=2019&to=2018&lang=es`);
    expect(range.body.errors?.[0]?.detail).toBe('no debe ser posterior a to');
    const missing = await app.request(`${LIST}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });

  it('is in the OpenAPI document and answers 304 to a matching ETag', async () => {
    const { body } = await getJson<{ paths: Record<string, unknown> }>(app, '/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/vote-events', '/vote-events/{id}']),
    );
    const first = await app.request(`${LIST}?body=test-board`);
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await app.request(`${LIST}?body=test-board`, {
      headers: { 'if-none-match': tag! },
    });
    expect(again.status).toBe(304);
  });
});
