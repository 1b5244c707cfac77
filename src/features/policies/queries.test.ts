import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  bodies,
  faqEntries,
  faqPolicies,
  policies,
  policyActions,
  provisions,
  sources,
  talkingPointPolicies,
  talkingPoints,
} from '../../db/schema.ts';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import { loadPolicyDetail, loadPolicyDetailBySlug, loadPolicySummaries } from './queries.ts';

describe.each(engines())('policy detail in one query on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
  });
  afterAll(() => database.close());

  it('reads by slug what it reads by id, for every policy', async () => {
    const rows = await database.db.select({ id: policies.id, slug: policies.slug }).from(policies);
    expect(rows.length).toBeGreaterThan(5);
    for (const { id, slug } of rows) {
      const byId = await loadPolicyDetail(database.db, id);
      expect(byId?.policy.slug).toBe(slug);
      expect(await loadPolicyDetailBySlug(database.db, slug)).toEqual(byId);
    }
  });

  it('decodes rows exactly as Drizzle reads them, in the same order', async () => {
    const db = database.db;
    const [{ id } = { id: '' }] = await db
      .select({ id: policies.id })
      .from(policies)
      .where(eq(policies.slug, 'bernco-ar-2017-22'));
    const detail = (await loadPolicyDetail(db, id))!;
    const [summary] = await loadPolicySummaries(db, [id]);
    expect(detail.policy).toEqual(summary!.policy);
    expect(detail.policy.updatedAt).toBeInstanceOf(Date);
    expect(detail.jurisdiction).toEqual(summary!.jurisdiction);
    expect(detail.body).toEqual(summary!.body);
    expect(detail.identifiers).toEqual(summary!.identifiers);
    expect(detail.topics).toEqual(summary!.topics);
    const [fullText] = await db
      .select({ es: policies.bodyEs, en: policies.bodyEn })
      .from(policies)
      .where(eq(policies.id, id));
    expect(detail.fullText).toEqual(fullText);
    expect(detail.provisions).toEqual(
      await db
        .select()
        .from(provisions)
        .where(eq(provisions.policyId, id))
        .orderBy(asc(provisions.position)),
    );
    expect(detail.actions).toEqual(
      await db
        .select({ action: policyActions, body: bodies })
        .from(policyActions)
        .leftJoin(bodies, eq(bodies.id, policyActions.bodyId))
        .where(eq(policyActions.policyId, id))
        .orderBy(asc(policyActions.date), asc(policyActions.position)),
    );
    expect(detail.sources).toEqual(
      await db
        .select()
        .from(sources)
        .where(eq(sources.policyId, id))
        .orderBy(asc(sources.position)),
    );
    const faq = await db
      .select({ faq: faqEntries })
      .from(faqPolicies)
      .innerJoin(faqEntries, eq(faqEntries.id, faqPolicies.ownerId))
      .where(eq(faqPolicies.targetId, id))
      .orderBy(asc(faqEntries.position), asc(faqEntries.slug));
    expect(detail.faq).toEqual(faq.map((r) => r.faq));
    const points = await db
      .select({ point: talkingPoints })
      .from(talkingPointPolicies)
      .innerJoin(talkingPoints, eq(talkingPoints.id, talkingPointPolicies.ownerId))
      .where(eq(talkingPointPolicies.targetId, id))
      .orderBy(asc(talkingPoints.position), asc(talkingPoints.slug));
    expect(detail.talkingPoints).toEqual(points.map((r) => r.point));
    expect(detail.actions.length + detail.sources.length + detail.faq.length).toBeGreaterThan(3);
  });

  it('lists related policies by slug, the outgoing side of a two-way pair first', async () => {
    // The default dataset relates the minimum wage and wage theft policies in both directions.
    for (const slug of ['abq-minimum-wage', 'nm-wage-theft']) {
      const detail = (await loadPolicyDetailBySlug(database.db, slug))!;
      const other = slug === 'abq-minimum-wage' ? 'nm-wage-theft' : 'abq-minimum-wage';
      const pair = detail.relations.filter((r) => r.other.slug === other);
      expect(pair.map((r) => r.direction)).toEqual(['outgoing', 'incoming']);
      const slugs = detail.relations.map((r) => r.other.slug);
      expect(slugs).toEqual([...slugs].sort());
    }
    const county = (await loadPolicyDetailBySlug(database.db, 'bernco-ar-2017-22'))!;
    expect(county.relations.map((r) => [r.other.slug, r.direction])).toContainEqual([
      'bernco-2019-nondiscrimination',
      'incoming',
    ]);
  });

  it('answers undefined for a policy that does not exist', async () => {
    expect(await loadPolicyDetailBySlug(database.db, 'no-such-policy')).toBeUndefined();
    expect(
      await loadPolicyDetail(database.db, '00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
  });
});
