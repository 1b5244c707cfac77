/**
 * Reads policies with what their pages and API answers show, in a fixed number of queries
 * per page (no query per row).
 */
import {
  and,
  asc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  sql,
  type Column,
  type SQL,
  type Table,
} from 'drizzle-orm';
import { alias, QueryBuilder } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { preparedStatement } from '../../db/prepared.ts';
import type { PolicyStance } from '../../db/enums.ts';
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

/**
 * A policy is in the public library once staff have given it a stance; imported matters wait
 * untracked until then (decision 016). Every public read of policies filters on this.
 */
export const isTracked = isNotNull(policies.stance);

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
      .where(and(inArray(policies.id, ids), isTracked)),
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
    .where(and(eq(policies.slug, slug), isTracked))
    .limit(1);
  return row?.id;
}

/** A policy row as pages and answers use it, with a related policy in the same shape. */
export interface PolicyRelationRow {
  kind: typeof policyRelations.$inferSelect.kind;
  direction: 'outgoing' | 'incoming';
  other: PolicyRow;
}

/** Everything a policy page (and the API's and the kit's policy) shows. */
export interface PolicyDetailData extends PolicyWithRefs {
  fullText: { es: string | null; en: string | null };
  provisions: (typeof provisions.$inferSelect)[];
  actions: { action: typeof policyActions.$inferSelect; body: BodyRow | null }[];
  relations: PolicyRelationRow[];
  sources: (typeof sources.$inferSelect)[];
  faq: (typeof faqEntries.$inferSelect)[];
  talkingPoints: (typeof talkingPoints.$inferSelect)[];
  rollCalls: RollCall[];
}

/** A roll call on the policy with the voters' names as recorded (decision 016). */
export interface RollCall {
  date: string;
  bodyId: string | null;
  result: 'pass' | 'fail';
  verification: 'verified' | 'unverified';
  votes: { name: string; option: string }[];
}

/** Everything a policy page shows, by id; undefined when there is no such policy. */
export function loadPolicyDetail(db: Tx, id: string): Promise<PolicyDetailData | undefined> {
  return loadDetail(db, 'id', id);
}

/** The same by slug, without a separate query for the id. */
export function loadPolicyDetailBySlug(
  db: Tx,
  slug: string,
): Promise<PolicyDetailData | undefined> {
  return loadDetail(db, 'slug', slug);
}

// One round trip for the whole page (decision 012): each part is a JSON value built by the
// database, keyed by the schema's TypeScript names so it decodes with the columns' own mappers.
// Eleven queries of a few rows each cost eleven times PGlite's per-query overhead, which was most
// of an uncached page.
const actionBody = alias(bodies, 'action_body');
const other = alias(policies, 'other');
const {
  bodyEs: _b1,
  bodyEn: _b2,
  searchEs: _s1,
  searchEn: _s2,
  ...otherListedColumns
} = getTableColumns(other);

const jsonList = (row: SQL, from: SQL, orderBy: SQL) =>
  sql`coalesce((select json_agg(${row} order by ${orderBy}) ${from}), '[]'::json)`;

/** The policy's own rows of a table, in their position order. */
const ownRows = (table: typeof policyIdentifiers | typeof provisions | typeof sources) =>
  jsonList(
    jsonRow(getTableColumns(table)),
    sql`from ${table} where ${table.policyId} = ${policies.id}`,
    sql`${table.position}`,
  );

/** FAQ entries or talking points linked to the policy, in their list order. */
const linkedRows = (
  link: typeof faqPolicies | typeof talkingPointPolicies,
  table: typeof faqEntries | typeof talkingPoints,
) =>
  jsonList(
    jsonRow(getTableColumns(table)),
    sql`from ${link} join ${table} on ${table.id} = ${link.ownerId}
      where ${link.targetId} = ${policies.id}`,
    sql`${table.position}, ${table.slug}`,
  );

// In the roll calls' subquery the outer policy's id is written out in full: Drizzle may write a
// column of the statement's own table unqualified ("id"), which there would mean vote_events.id.
const detailJson = sql<RawDetail | string>`json_build_object(
  'policy', ${jsonRow(listedPolicyColumns)},
  'fullText', json_build_object('es', ${policies.bodyEs}, 'en', ${policies.bodyEn}),
  'jurisdiction', (select ${jsonRow(getTableColumns(jurisdictions))} from ${jurisdictions}
    where ${jurisdictions.id} = ${policies.jurisdictionId}),
  'body', (select ${jsonRow(getTableColumns(bodies))} from ${bodies}
    where ${bodies.id} = ${policies.bodyId}),
  'identifiers', ${ownRows(policyIdentifiers)},
  'topics', ${jsonList(
    jsonRow(getTableColumns(topics)),
    sql`from ${policyTopics} join ${topics} on ${topics.id} = ${policyTopics.topicId}
      where ${policyTopics.policyId} = ${policies.id}`,
    sql`${topics.position}, ${topics.slug}`,
  )},
  'provisions', ${ownRows(provisions)},
  'actions', ${jsonList(
    sql`json_build_object('action', ${jsonRow(getTableColumns(policyActions))}, 'body',
      case when ${actionBody.id} is null then null else ${jsonRow(getTableColumns(actionBody))} end)`,
    sql`from ${policyActions} left join ${bodies} ${actionBody} on ${actionBody.id} = ${policyActions.bodyId}
      where ${policyActions.policyId} = ${policies.id}`,
    sql`${policyActions.date}, ${policyActions.position}`,
  )},
  'relations', ${jsonList(
    sql`json_build_object('kind', ${policyRelations.kind}, 'direction',
      case when ${policyRelations.fromPolicyId} = ${policies.id} then 'outgoing' else 'incoming' end,
      'other', ${jsonRow(otherListedColumns)})`,
    // Both indexes of policy_relations, then the other policy by its key: no scan of policies.
    sql`from ${policyRelations} join ${policies} ${other} on ${other.id} = case
        when ${policyRelations.fromPolicyId} = ${policies.id} then ${policyRelations.toPolicyId}
        else ${policyRelations.fromPolicyId} end
      where (${policyRelations.fromPolicyId} = ${policies.id}
        or ${policyRelations.toPolicyId} = ${policies.id}) and ${other.stance} is not null`,
    // A pair related both ways shows its outgoing side first.
    sql`${other.slug}, ${policyRelations.fromPolicyId} = ${policies.id} desc, ${policyRelations.kind}`,
  )},
  'sources', ${ownRows(sources)},
  'faq', ${linkedRows(faqPolicies, faqEntries)},
  'talkingPoints', ${linkedRows(talkingPointPolicies, talkingPoints)},
  'rollCalls', coalesce((select json_agg(json_build_object('date', ve.date, 'bodyId', ve.body_id,
      'result', ve.result, 'verification', ve.verification,
      'votes', coalesce((select json_agg(json_build_object('name', v.voter_name, 'option', v.option)
        order by v.voter_name) from votes v where v.vote_event_id = ve.id), '[]'::json))
      order by ve.date, ve.motion_en)
    from vote_events ve where ve.policy_id = ${sql.raw('"policies"."id"')}), '[]'::json)
)`;

// One named statement per key, prepared once per database session (src/db/prepared.ts): its text
// is built once per process (Drizzle took about 1 ms to assemble it), and its plan is kept, on
// PGlite too, where parsing and planning the 10 KB of SQL was half of the query's time.
const detailBy = (key: 'id' | 'slug') =>
  preparedStatement<{ detail: RawDetail | string }>(
    `policy_detail_by_${key}`,
    new QueryBuilder()
      .select({ detail: detailJson.as('detail') })
      .from(policies)
      .where(and(eq(policies[key], sql.placeholder('key')), isTracked))
      .limit(1),
  );
const detailStatements = { id: detailBy('id'), slug: detailBy('slug') };

/** The detail as the database built it: rows keyed by TypeScript names, values as JSON has them. */
interface RawDetail {
  policy: JsonRow;
  fullText: { es: string | null; en: string | null };
  jurisdiction: JsonRow;
  body: JsonRow | null;
  identifiers: JsonRow[];
  topics: JsonRow[];
  provisions: JsonRow[];
  actions: { action: JsonRow; body: JsonRow | null }[];
  relations: { kind: string; direction: 'outgoing' | 'incoming'; other: JsonRow }[];
  sources: JsonRow[];
  faq: JsonRow[];
  talkingPoints: JsonRow[];
  rollCalls: RollCall[];
}

async function loadDetail(
  db: Tx,
  key: 'id' | 'slug',
  value: string,
): Promise<PolicyDetailData | undefined> {
  const [row] = await detailStatements[key].execute(db, { key: value });
  if (!row) return undefined;
  const d: RawDetail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
  const decodeAll = <T extends Table>(table: T, rows: JsonRow[]) =>
    rows.map((r) => decodeRow(table, r));
  return {
    policy: decodeRow(policies, d.policy),
    jurisdiction: decodeRow(jurisdictions, d.jurisdiction),
    body: d.body && decodeRow(bodies, d.body),
    identifiers: decodeAll(policyIdentifiers, d.identifiers),
    topics: decodeAll(topics, d.topics),
    fullText: d.fullText,
    provisions: decodeAll(provisions, d.provisions),
    actions: d.actions.map((a) => ({
      action: decodeRow(policyActions, a.action),
      body: a.body && decodeRow(bodies, a.body),
    })),
    relations: d.relations.map((r) => ({
      kind: r.kind as PolicyRelationRow['kind'],
      direction: r.direction,
      other: decodeRow(policies, r.other),
    })),
    sources: decodeAll(sources, d.sources),
    faq: decodeAll(faqEntries, d.faq),
    talkingPoints: decodeAll(talkingPoints, d.talkingPoints),
    rollCalls: d.rollCalls,
  };
}

type JsonRow = Record<string, unknown>;

/** json_build_object('id', "t"."id", ...) over the given columns, keyed by their TypeScript names. */
function jsonRow(columns: Record<string, Column>): SQL {
  const pairs = Object.entries(columns).map(
    ([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`,
  );
  // json_build_object takes at most 100 arguments; wider rows are merged from chunks.
  const chunks: SQL[] = [];
  for (let i = 0; i < pairs.length; i += 50)
    chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + 50), sql`, `)})`);
  return chunks.length === 1
    ? sql`json_build_object(${sql.join(pairs, sql`, `)})`
    : sql`(${sql.join(chunks, sql` || `)})::json`;
}

/** Each table's columns, listed once (getTableColumns copies them on every call). */
const columnsOf = new WeakMap<Table, [string, Column][]>();

/**
 * A JSON row back to what Drizzle would have returned for the same columns: each present column
 * through its own driver mapper (timestamps become Dates), JSON columns as they are.
 */
function decodeRow<T extends Table>(table: T, json: JsonRow): T['$inferSelect'] {
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = Object.entries(getTableColumns(table))));
  const out: JsonRow = {};
  for (const [key, column] of columns) {
    if (!(key in json)) continue;
    const value = json[key];
    out[key] =
      value === null || value === undefined || column.dataType === 'json'
        ? (value ?? null)
        : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}

/** The stance of a policy a public read returned: those reads only return tracked policies. */
export function trackedStance(policy: { slug: string; stance: PolicyStance | null }): PolicyStance {
  if (!policy.stance) throw new Error(`untracked policy ${policy.slug} reached a public view`);
  return policy.stance;
}
