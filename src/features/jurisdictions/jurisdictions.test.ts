import { describe, expect, it } from 'vitest';
import { useTestApp, getJson } from '../../../test/harness.ts';

type J = {
  ocd_id: string;
  slug: string;
  name: string;
  kind: string;
  parent: string | null;
  policy_count: number;
};

describe('jurisdictions API', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it('lists the four jurisdictions of the default dataset with their parents', async () => {
    const res = await getJson<{ data: J[] }>(fixture.app, '/api/v1/jurisdictions?lang=en');
    expect(res.status).toBe(200);
    const byslug = new Map(res.body.data.map((j) => [j.slug, j]));
    expect(byslug.get('albuquerque')).toMatchObject({
      ocd_id: 'ocd-division/country:us/state:nm/place:albuquerque',
      kind: 'city',
      parent: 'ocd-division/country:us/state:nm/county:bernalillo',
    });
    expect(byslug.get('new-mexico')?.parent).toBeNull();
    const total = res.body.data.reduce((n, j) => n + j.policy_count, 0);
    const policies = await getJson<{ total: number }>(fixture.app, '/api/v1/policies');
    expect(total).toBe(policies.body.total);
  });

  it('finds one by OCD id or by slug, with children and bodies, in Spanish', async () => {
    const bySlug = await getJson<J & { children: J[]; bodies: { slug: string }[] }>(
      fixture.app,
      '/api/v1/jurisdictions/bernalillo-county?lang=es',
    );
    const byOcd = await getJson<J>(
      fixture.app,
      `/api/v1/jurisdictions/${encodeURIComponent('ocd-division/country:us/state:nm/county:bernalillo')}?lang=es`,
    );
    expect(bySlug.status).toBe(200);
    expect(byOcd.body).toMatchObject({ slug: 'bernalillo-county', name: bySlug.body.name });
    expect(bySlug.body.name).toMatch(/Condado/);
    expect(bySlug.body.children.map((c) => c.slug).sort()).toEqual([
      'albuquerque',
      'albuquerque-public-schools',
    ]);
    expect(bySlug.body.bodies.map((b) => b.slug)).toContain('bernalillo-county-commission');
  });

  it('answers 404 for an unknown jurisdiction', async () => {
    const res = await getJson<{ code: string }>(fixture.app, '/api/v1/jurisdictions/atlantis');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
