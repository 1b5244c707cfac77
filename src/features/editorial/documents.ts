/**
 * Editorial documents (kinds.ts): parsing, the checks against the database that an import makes,
 * and writing and removing the published record in the public tables, all through the dataset
 * code.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { AppError, type FieldProblem } from '../../lib/errors.ts';
import { fieldProblems } from '../../lib/problem.ts';
import {
  applyRecord,
  findDatabaseProblems,
  lockPublicWrites,
  singleRecordFile,
} from '../dataset/apply.ts';
import { DatasetError, type DatasetProblem } from '../dataset/load.ts';
import type { JurisdictionRecord } from '../dataset/schema.ts';
import { rebuildSearchLexicon } from '../policies/search.ts';
import {
  documentSchemas,
  PUBLIC_TABLES,
  SECTIONS,
  type ContentKind,
  type DocumentOf,
} from './kinds.ts';

export {
  documentSchemas,
  isContentKind,
  PUBLIC_TABLES,
  readPublished,
  titleOf,
  type AnyDocument,
  type ContentKind,
  type DocumentOf,
} from './kinds.ts';

/** Validates with the dataset schema; bad fields become field problems (400), never a 500. */
export function parseDocument<K extends ContentKind>(kind: K, input: unknown): DocumentOf<K> {
  const parsed = documentSchemas[kind].safeParse(input);
  if (!parsed.success) {
    throw new AppError('invalid_body', `invalid ${kind} document`, {
      fields: fieldProblems(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * The checks an import makes against the database (unknown references, slugs used by another
 * record), plus the keys that may not change once published, as field problems.
 */
export async function findDocumentProblems<K extends ContentKind>(
  tx: Tx,
  kind: K,
  document: DocumentOf<K>,
  published: DocumentOf<K> | undefined,
): Promise<FieldProblem[]> {
  const file = singleRecordFile(SECTIONS[kind], document as never);
  const problems = (await findDatabaseProblems(tx, [file])).map(toFieldProblem);
  if (kind === 'jurisdiction') {
    const j = document as JurisdictionRecord;
    const before = published as JurisdictionRecord | undefined;
    if (before && before.ocd_id !== j.ocd_id)
      problems.push({ name: 'ocd_id', reason: 'validation.content.fixed_once_published' });
    const [owner] = await queryRows<{ slug: string }>(
      tx,
      sql`select slug from jurisdictions where ocd_id = ${j.ocd_id} and slug <> ${j.slug}`,
    );
    if (owner)
      problems.push({
        name: 'ocd_id',
        reason: 'validation.content.taken_by',
        values: { other: owner.slug },
      });
  }
  return problems;
}

const REASONS: [RegExp, string][] = [
  [/refers to an unknown/, 'validation.content.unknown_reference'],
  [/already used by|is used by/, 'validation.content.taken'],
  [/declared more than once|repeats another/, 'validation.repeated'],
  [/own parent|relate to itself/, 'validation.content.self_reference'],
  [/only one identifier can be primary/, 'validation.content.one_primary'],
  [/form a cycle/, 'validation.content.cycle'],
];

/** Dataset problems name the field ("relations.0.policy") and say why in English; map the why. */
function toFieldProblem(problem: DatasetProblem): FieldProblem {
  const reason = REASONS.find(([pattern]) => pattern.test(problem.reason))?.[1];
  const value = /"([^"]*)"/.exec(problem.reason)?.[1] ?? '';
  return {
    name: problem.field || 'slug',
    reason: reason ?? 'validation.invalid',
    values: { value },
  };
}

export function invalidDocument(fields: FieldProblem[]): AppError {
  return new AppError(
    'invalid_body',
    `document rejected: ${fields.map((f) => f.name).join(', ')}`,
    {
      fields,
    },
  );
}

/**
 * Writes the document to the public tables with the import code, inside the caller's
 * transaction; bumps the data version when something changed (the page cache then refreshes).
 */
export async function publishDocument<K extends ContentKind>(
  tx: Tx,
  kind: K,
  document: DocumentOf<K>,
): Promise<void> {
  try {
    await applyRecord(tx, SECTIONS[kind], document as never);
  } catch (error) {
    if (error instanceof DatasetError) throw invalidDocument(error.problems.map(toFieldProblem));
    throw error;
  }
}

export interface Dependent {
  kind: ContentKind;
  slug: string;
}

/** Published records that refer to this one, and would lose (or block) the reference. */
export async function findDependents(
  tx: Tx,
  kind: ContentKind,
  slug: string,
): Promise<Dependent[]> {
  const query = DEPENDENTS[kind];
  if (!query) return [];
  return queryRows<Dependent>(tx, query(slug));
}

const DEPENDENTS: Partial<Record<ContentKind, (slug: string) => ReturnType<typeof sql>>> = {
  jurisdiction: (slug) => sql`
    with j as (select id from jurisdictions where slug = ${slug})
    select 'jurisdiction' as kind, slug from jurisdictions where parent_id in (select id from j)
    union select 'body', slug from bodies where jurisdiction_id in (select id from j)
    union select 'policy', slug from policies where jurisdiction_id in (select id from j)
    order by 1, 2`,
  body: (slug) => sql`
    with b as (select id from bodies where slug = ${slug})
    select 'body' as kind, slug from bodies where parent_id in (select id from b)
    union select 'policy', slug from policies where body_id in (select id from b)
    union select 'policy', p.slug from policy_actions a join policies p on p.id = a.policy_id
      where a.body_id in (select id from b)
    order by 1, 2`,
  topic: (slug) => sql`
    with t as (select id from topics where slug = ${slug})
    select 'policy' as kind, p.slug from policy_topics l join policies p on p.id = l.policy_id
      where l.topic_id in (select id from t)
    union select 'faq', f.slug from faq_topics l join faq_entries f on f.id = l.faq_id
      where l.topic_id in (select id from t)
    union select 'talking_point', x.slug from talking_point_topics l
      join talking_points x on x.id = l.talking_point_id where l.topic_id in (select id from t)
    order by 1, 2`,
  policy: (slug) => sql`
    with p as (select id from policies where slug = ${slug})
    select 'policy' as kind, o.slug from policy_relations r join policies o on o.id = r.from_policy_id
      where r.to_policy_id in (select id from p)
    union select 'faq', f.slug from faq_policies l join faq_entries f on f.id = l.faq_id
      where l.policy_id in (select id from p)
    union select 'talking_point', x.slug from talking_point_policies l
      join talking_points x on x.id = l.talking_point_id where l.policy_id in (select id from p)
    order by 1, 2`,
};

/**
 * Removes the published record (a policy's parts go with it, by cascade). The caller has checked
 * that nothing depends on it. Returns false when it was not published.
 */
export async function unpublishDocument(tx: Tx, kind: ContentKind, slug: string): Promise<boolean> {
  await lockPublicWrites(tx);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`delete from ${sql.identifier(PUBLIC_TABLES[kind])} where slug = ${slug} returning id`,
  );
  if (!rows.length) return false;
  if (kind === 'policy') await rebuildSearchLexicon(tx);
  await bumpDataVersion(tx);
  return true;
}
