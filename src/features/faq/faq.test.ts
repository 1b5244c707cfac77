import { describe, expect, it } from 'vitest';
import { useTestApp, getJson } from '../../../test/harness.ts';

type Entry = {
  slug: string;
  audience: string;
  position: number;
  question: string;
  answer: string;
  lang: string;
  policies: { slug: string }[];
};
type Point = { slug: string; audience: string; text: string; policies: { slug: string }[] };

describe('FAQ, talking points and topics API', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it('returns FAQ entries in order, in the requested language', async () => {
    const es = await getJson<{ data: Entry[] }>(fixture.app, '/api/v1/faq?lang=es');
    const en = await getJson<{ data: Entry[] }>(fixture.app, '/api/v1/faq?lang=en');
    expect(es.status).toBe(200);
    expect(es.body.data.length).toBeGreaterThanOrEqual(12);
    expect(es.body.data.map((e) => e.slug)).toEqual(en.body.data.map((e) => e.slug));
    const positions = es.body.data.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(
      es.body.data.every((e, i) => e.lang === 'es' && e.question !== en.body.data[i]!.question),
    ).toBe(true);
  });

  it('filters FAQ entries by policy and talking points by audience and policy', async () => {
    const all = await getJson<{ data: Entry[] }>(fixture.app, '/api/v1/faq');
    const linked = all.body.data.find((e) => e.policies.length > 0)!;
    const slug = linked.policies[0]!.slug;
    const byPolicy = await getJson<{ data: Entry[] }>(fixture.app, `/api/v1/faq?policy=${slug}`);
    expect(byPolicy.body.data.length).toBeGreaterThan(0);
    expect(byPolicy.body.data.every((e) => e.policies.some((p) => p.slug === slug))).toBe(true);

    const points = await getJson<{ data: Point[] }>(fixture.app, '/api/v1/talking-points');
    expect(points.body.data.length).toBeGreaterThanOrEqual(15);
    const media = await getJson<{ data: Point[] }>(
      fixture.app,
      '/api/v1/talking-points?audience=media,officials',
    );
    expect(media.body.data.length).toBeGreaterThan(0);
    expect(media.body.data.every((p) => ['media', 'officials'].includes(p.audience))).toBe(true);
    const bad = await getJson<{ errors: { name: string }[] }>(
      fixture.app,
      '/api/v1/talking-points?audience=everyone',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.name).toBe('audience');
  });

  it('lists topics with policy counts', async () => {
    const res = await getJson<{ data: { slug: string; name: string; policy_count: number }[] }>(
      fixture.app,
      '/api/v1/topics?lang=en',
    );
    expect(res.body.data.length).toBeGreaterThanOrEqual(5);
    const [first] = res.body.data.filter((t) => t.policy_count > 0);
    const policies = await getJson<{ total: number }>(
      fixture.app,
      `/api/v1/policies?topic=${first!.slug}`,
    );
    expect(policies.body.total).toBe(first!.policy_count);
  });
});
