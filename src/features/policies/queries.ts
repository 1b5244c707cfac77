/**
 * Reads policies with what their pages and API answers show, in a fixed number of queries
 * per page (no query per row).
 */
import { and, asc, eq, getTableColumns, inArray, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  bodies,
  faqEntries,
  faqPolicies,
  jurisdictions,
  policies,
  policyActions,
  policyIdentifiers,
  policyRelations,
  policyTopics,
  provisions,
  sources,
  talkingPointPolicies,
  talkingPoints,
  topics,
} from '../../db/schema.ts';

/**
 * Every policy column but the long ones (full texts and search vectors): a page of 20 summaries
 * would otherwise carry ~200 KB it never shows. The detail page loads the full text on its own.
 */
const {
  bodyEs: _bodyEs,
  bodyEn: _bodyEn,
  searchEs: _searchEs,
  searchEn: _searchEn,
  ...listedPolicyColumns
} = getTableColumns(policies);

export type PolicyRow = Omit<
  typeof policies.$inferSelect,
  'bodyEs' | 'bodyEn' | 'searchEs' | 'searchEn'
>;
export type JurisdictionRow = typeof jurisdictions.$inferSelect;
export type BodyRow = typeof bodies.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;

export interface PolicyWithRefs {
  policy: PolicyRow;
  jurisdiction: JurisdictionRow;
  body: BodyRow | null;
  identifiers: (typeof policyIdentifiers.$inferSelect)[];
  topics: TopicRow[];
}

/** Policies by id, in the order of `ids`, with jurisdiction, body, identifiers and topics. */
export async function loadPolicySummaries(db: Tx, ids: string[]): Promise<PolicyWithRefs[]> {
  if (!ids.length) return [];
  const [rows, identifierRows, topicRows] = await Promise.all([
    db
      .select({ policy: listedPolicyColumns, jurisdiction: jurisdictions, body: bodies })
      .from(policies)
      .innerJoin(jurisdictions, eq(jurisdictions.id, policies.jurisdictionId))
      .leftJoin(bodies, eq(bodies.id, policies.bodyId))
      .where(inArray(policies.id, ids)),
    db
      .select()
      .from(policyIdentifiers)
      .where(inArray(policyIdentifiers.policyId, ids))
      .orderBy(asc(policyIdentifiers.position)),
    db
      .select({ policyId: policyTopics.policyId, topic: topics })
      .from(policyTopics)
      .innerJoin(topics, eq(topics.id, policyTopics.topicId))
      .where(inArray(policyTopics.policyId, ids))
      .orderBy(asc(topics.position), asc(topics.slug)),
  ]);
  const byId = new Map(rows.map((r) => [r.policy.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        ...row,
        identifiers: identifierRows.filter((i) => i.policyId === id),
        topics: topicRows.filter((t) => t.policyId === id).map((t) => t.topic),
      },
    ];
  });
}

export async function findPolicyIdBySlug(db: Tx, slug: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: policies.id })
    .from(policies)
    .where(eq(policies.slug, slug))
    .limit(1);
  return row?.id;
}

/** Everything a policy page shows. */
export async function loadPolicyDetail(db: Tx, id: string) {
  const [summary] = await loadPolicySummaries(db, [id]);
  if (!summary) return undefined;
  const [fullText] = await db
    .select({ es: policies.bodyEs, en: policies.bodyEn })
    .from(policies)
    .where(eq(policies.id, id));
  const [provisionRows, actionRows, relationRows, sourceRows, faqRows, pointRows] =
    await Promise.all([
      db
        .select()
        .from(provisions)
        .where(eq(provisions.policyId, id))
        .orderBy(asc(provisions.position)),
      db
        .select({ action: policyActions, body: bodies })
        .from(policyActions)
        .leftJoin(bodies, eq(bodies.id, policyActions.bodyId))
        .where(eq(policyActions.policyId, id))
        .orderBy(asc(policyActions.date), asc(policyActions.position)),
      db
        .select({ relation: policyRelations, other: policies })
        .from(policyRelations)
        .innerJoin(
          policies,
          or(
            and(eq(policyRelations.fromPolicyId, id), eq(policies.id, policyRelations.toPolicyId)),
            and(eq(policyRelations.toPolicyId, id), eq(policies.id, policyRelations.fromPolicyId)),
          ),
        )
        .orderBy(asc(policies.slug)),
      db.select().from(sources).where(eq(sources.policyId, id)).orderBy(asc(sources.position)),
      db
        .select({ faq: faqEntries })
        .from(faqPolicies)
        .innerJoin(faqEntries, eq(faqEntries.id, faqPolicies.ownerId))
        .where(eq(faqPolicies.targetId, id))
        .orderBy(asc(faqEntries.position), asc(faqEntries.slug)),
      db
        .select({ point: talkingPoints })
        .from(talkingPointPolicies)
        .innerJoin(talkingPoints, eq(talkingPoints.id, talkingPointPolicies.ownerId))
        .where(eq(talkingPointPolicies.targetId, id))
        .orderBy(asc(talkingPoints.position), asc(talkingPoints.slug)),
    ]);
  return {
    ...summary,
    fullText: { es: fullText?.es ?? null, en: fullText?.en ?? null },
    provisions: provisionRows,
    actions: actionRows,
    relations: relationRows.map((r) => ({
      kind: r.relation.kind,
      direction: r.relation.fromPolicyId === id ? ('outgoing' as const) : ('incoming' as const),
      other: r.other,
    })),
    sources: sourceRows,
    faq: faqRows.map((r) => r.faq),
    talkingPoints: pointRows.map((r) => r.point),
  };
}

export type PolicyDetailData = NonNullable<Awaited<ReturnType<typeof loadPolicyDetail>>>;
