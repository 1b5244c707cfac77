import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { buildBoard } from './body-test-kit.ts';

type Official = {
  name: string;
  votes: { date: string; option: string; reading: string | null; policy: { stance: string } }[];
  scorecard: { with: number; cast: number; from: number | null; to: number | null };
};
type Body = {
  name: string;
  roll_calls: {
    date: string;
    result: string;
    policy: { slug: string } | null;
    votes: { name: string; official: string | null; option: string; reading: string | null }[];
  }[];
};

describe.each(engines())('officials and bodies API on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    await buildBoard(database);
    app = createTestApp(database).app;
  }, 60_000);
  afterAll(() => database?.close());

  it('gives the default roll calls of a body with the names as recorded', async () => {
    const { status, body } = await getJson<Body>(
      app,
      '/api/v1/bodies/albuquerque-city-council?lang=es',
    );
    expect(status).toBe(200);
    expect(body.name).toBe('Concejo Municipal de Albuquerque');
    const r187 = body.roll_calls.find((r) => r.policy?.slug === 'abq-r-18-7')!;
    expect(r187.result).toBe('pass');
    expect(r187.votes.filter((v) => v.option === 'no').map((v) => v.name)).toEqual([
      'Harris',
      'Jones',
      'Winter',
    ]);
    // R-18-7 protects: a no vote reads against immigrant residents; no official is matched.
    expect(r187.votes.find((v) => v.name === 'Harris')).toMatchObject({
      official: null,
      reading: 'against',
    });
  });

  it("gives an official's votes read by stance, and a scorecard for a period with its count", async () => {
    const all = await getJson<Official>(app, '/api/v1/officials/rosa-ruiz?lang=en');
    expect(all.status).toBe(200);
    expect(all.body.scorecard).toEqual({ with: 2, cast: 3, from: null, to: null });
    expect(all.body.votes.find((v) => v.date === '2019-01-01')).toMatchObject({
      policy: { stance: 'mixed' },
      reading: null,
    });
    const period = await getJson<Official>(app, '/api/v1/officials/rosa-ruiz?from=2016&to=2018');
    expect(period.body.scorecard).toEqual({ with: 1, cast: 2, from: 2016, to: 2018 });
    expect(period.body.votes.map((v) => v.date)).toEqual(
      expect.arrayContaining(['2016-05-01', '2018-02-01']),
    );
    expect(period.body.votes).toHaveLength(2);
  });

  it('answers 404 and 400 as problem+json, never a 500', async () => {
    for (const [path, status] of [
      ['/api/v1/officials/nobody-here', 404],
      ['/api/v1/bodies/no-such-body', 404],
      ['/api/v1/officials/rosa-ruiz?from=abc', 400],
      ['/api/v1/officials/rosa-ruiz?to=99999', 400],
      ['/api/v1/officials?body=Not A Slug', 400],
      ['/api/v1/bodies/NOT_A_SLUG', 400],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/problem\+json/);
    }
  });

  it('lists the officials with a term in force today, filtered by body', async () => {
    const { body } = await getJson<{
      data: { slug: string; terms: { body: { slug: string } }[] }[];
    }>(app, '/api/v1/officials?body=test-board');
    expect(body.data.map((o) => o.slug)).toEqual(['rosa-ruiz']);
    expect(body.data[0]!.terms[0]!.body.slug).toBe('test-board');
  });
});
