/** FAQ entries and talking points with their linked policies and topics (three queries each). */
import { and, asc, eq, exists, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import {
  faqEntries,
  faqPolicies,
  faqTopics,
  policies,
  talkingPointPolicies,
  talkingPointTopics,
  talkingPoints,
  topics,
} from '../../db/schema.ts';
import { isTracked } from '../policies/queries.ts';

export interface ContentFilters {
  audience?: string[] | undefined;
  topic?: string | undefined;
  policy?: string | undefined;
}

type Link = typeof faqPolicies;
type Linked = {
  policies: (typeof policies.$inferSelect)[];
  topics: (typeof topics.$inferSelect)[];
};

async function listWithLinks<Row extends { id: string }>(
  db: Tx,
  table: PgTable & { id: PgColumn; audience: PgColumn; position: PgColumn; slug: PgColumn },
  policyLink: Link,
  topicLink: Link,
  filters: ContentFilters,
): Promise<(Row & Linked)[]> {
  const where: SQL[] = [];
  if (filters.audience?.length) where.push(inArray(table.audience, filters.audience));
  if (filters.policy) {
    where.push(
      exists(
        db
          .select()
          .from(policyLink)
          .innerJoin(policies, eq(policies.id, policyLink.targetId))
          .where(
            and(eq(policyLink.ownerId, table.id), eq(policies.slug, filters.policy), isTracked),
          ),
      ),
    );
  }
  if (filters.topic) {
    where.push(
      exists(
        db
          .select()
          .from(topicLink)
          .innerJoin(topics, eq(topics.id, topicLink.targetId))
          .where(and(eq(topicLink.ownerId, table.id), eq(topics.slug, filters.topic))),
      ),
    );
  }
  const rows = (await db
    .select()
    .from(table)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(table.position), asc(table.slug))) as Row[];
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [policyRows, topicRows] = await Promise.all([
    db
      .select({ ownerId: policyLink.ownerId, policy: policies })
      .from(policyLink)
      .innerJoin(policies, eq(policies.id, policyLink.targetId))
      .where(and(inArray(policyLink.ownerId, ids), isTracked))
      .orderBy(asc(policies.slug)),
    db
      .select({ ownerId: topicLink.ownerId, topic: topics })
      .from(topicLink)
      .innerJoin(topics, eq(topics.id, topicLink.targetId))
      .where(inArray(topicLink.ownerId, ids))
      .orderBy(asc(topics.position), asc(topics.slug)),
  ]);
  return rows.map((r) => ({
    ...r,
    policies: policyRows.filter((p) => p.ownerId === r.id).map((p) => p.policy),
    topics: topicRows.filter((t) => t.ownerId === r.id).map((t) => t.topic),
  }));
}

export type FaqWithLinks = typeof faqEntries.$inferSelect & Linked;
export type TalkingPointWithLinks = typeof talkingPoints.$inferSelect & Linked;

export const listFaqEntries = (db: Tx, filters: ContentFilters) =>
  listWithLinks<typeof faqEntries.$inferSelect>(db, faqEntries, faqPolicies, faqTopics, filters);

export const listTalkingPoints = (db: Tx, filters: ContentFilters) =>
  listWithLinks<typeof talkingPoints.$inferSelect>(
    db,
    talkingPoints,
    talkingPointPolicies as unknown as Link,
    talkingPointTopics as unknown as Link,
    filters,
  );
