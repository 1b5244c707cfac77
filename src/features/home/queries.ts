/** What the home page lists besides jurisdictions and actions: topics and recent wins. */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { policies, policyTopics, topics } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import { loadPolicySummaries, type PolicyWithRefs } from '../policies/queries.ts';

/** Topics in their editorial order, with how many policies each one has. */
export async function listTopicsWithCounts(db: Tx, locale: Locale) {
  const rows = await db
    .select({ topic: topics, n: count(policyTopics.policyId) })
    .from(topics)
    .leftJoin(policyTopics, eq(policyTopics.topicId, topics.id))
    .groupBy(topics.id)
    .orderBy(asc(topics.position), asc(topics.slug));
  return rows.map(({ topic, n }) => ({
    slug: topic.slug,
    name: pickName(locale, topic),
    count: Number(n),
  }));
}

/** Policies in force that protect, newest adopted first. */
export async function listWins(db: Tx, limit: number): Promise<PolicyWithRefs[]> {
  const rows = await db
    .select({ id: policies.id })
    .from(policies)
    .where(and(eq(policies.status, 'in_force'), eq(policies.stance, 'protects')))
    .orderBy(
      sql`coalesce(${policies.adoptedOn}, ${policies.effectiveOn}, ${policies.introducedOn}) desc nulls last`,
      desc(policies.slug),
    )
    .limit(limit);
  return loadPolicySummaries(
    db,
    rows.map((r) => r.id),
  );
}
