/**
 * The staff content list: every editorial item, plus the published records that were never
 * edited (they have no item yet; opening one starts tracking it). The database filters, counts,
 * orders and cuts the page (decision 014, addendum); only the page's rows are read whole, so the
 * list costs the same with ten thousand imported matters as with a hundred policies.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { normalizeIdentifier } from '../../lib/slug.ts';
import { PUBLIC_TABLES, titleOf, type AnyDocument, type ContentKind } from './kinds.ts';
import type { ItemSummary, Workflow } from './items.ts';
import { translationNeeds } from './translation.ts';

export const LIST_STATES = ['draft', 'in_review', 'scheduled', 'published', 'deleted'] as const;
export type ListState = (typeof LIST_STATES)[number];
/** Policies by decision 016: imported matters nobody has assessed (no stance), or tracked ones. */
export const ASSESSMENTS = ['not_assessed', 'tracked'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export interface ListOptions {
  kind?: ContentKind | undefined;
  /** Words of the title (either language, accents ignored), the slug, or an identifier's start. */
  q?: string | undefined;
  state?: ListState | undefined;
  assessment?: Assessment | undefined;
  /** From 1; past the last page, the last page is shown (`page` in the answer says which). */
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface ListedItem extends ItemSummary {
  /** A policy whose published record has no stance: an imported matter to assess (decision 016). */
  notAssessed: boolean;
}

export interface ItemList {
  items: ListedItem[];
  total: number;
  /** The page shown: the one asked for, or the last one when it was past the end. */
  page: number;
  pages: number;
}

const MAX_PAGE_SIZE = 200;
const KINDS = Object.keys(PUBLIC_TABLES) as ContentKind[];

/** Filters, newest change first (then kind and slug, so pages never overlap), one page. */
export async function listItems(db: Db, options: ListOptions = {}): Promise<ItemList> {
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? 50)), MAX_PAGE_SIZE);
  let page = Math.max(1, Math.trunc(options.page ?? 1));
  const matches = matching(options);
  const cut = (n: number) =>
    queryRows<Key & { total: number | string }>(
      db,
      sql`select kind, slug, count(*) over () as total from (${matches}) m
        order by "updatedAt" desc, kind, slug collate "C"
        limit ${pageSize} offset ${(n - 1) * pageSize}`,
    );
  let keys = await cut(page);
  let total = Number(keys[0]?.total ?? 0);
  if (!keys.length && page > 1) {
    const [row] = await queryRows<{ total: number | string }>(
      db,
      sql`select count(*) as total from (${matches}) m`,
    );
    total = Number(row!.total);
    page = Math.max(1, Math.ceil(total / pageSize));
    if (total) keys = await cut(page);
  }
  return {
    items: await summaries(db, keys),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
  };
}

interface Key {
  kind: ContentKind;
  slug: string;
}

/** The matching rows' kind, slug and updatedAt, as one union. */
function matching(options: ListOptions): SQL {
  const q = options.q?.replace(/\0/g, '').trim();
  const text = q ? textFilter(q) : undefined;
  const arms = [trackedArm(options, text)];
  for (const kind of KINDS) {
    if (options.kind && options.kind !== kind) continue;
    // Records never edited are published, with no working copy.
    if (options.state && options.state !== 'published') continue;
    if (options.assessment && kind !== 'policy') continue;
    arms.push(publicArm(kind, options.assessment, text));
  }
  return sql.join(arms, sql` union all `);
}

interface TextFilter {
  /** An ILIKE pattern, accents folded. */
  pattern: string;
  /** A LIKE prefix of normalized identifiers, when the words make one. */
  identifier: string | undefined;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function textFilter(q: string): TextFilter {
  const identifier = normalizeIdentifier(q);
  return {
    pattern: `%${escapeLike(q)}%`,
    identifier: identifier ? `${escapeLike(identifier)}%` : undefined,
  };
}

const like = (column: SQL, pattern: string) =>
  sql`unaccent(coalesce(${column}, '')) ilike unaccent(${pattern})`;

/** A policy (by its id) has an identifier starting with the words. */
const identifierMatch = (policyId: SQL, text: TextFilter) =>
  text.identifier
    ? sql`exists (select 1 from policy_identifiers pi where pi.policy_id = ${policyId}
        and pi.normalized like ${text.identifier})`
    : sql`false`;

/** Policy `p` is, or is not, assessed. */
const stanceIs = (assessment: Assessment) =>
  sql.raw(`p.stance is ${assessment === 'not_assessed' ? '' : 'not '}null`);

/**
 * `w.doc`, the document staff work on: the working copy, else the live revision, else the last
 * one. OFFSET 0 keeps the planner from copying the subqueries into every use of `w.doc`.
 */
export const WORKING_DOCUMENT = sql`lateral (select coalesce(
  (select r.document from content_revisions r
    where r.id = coalesce(i.draft_revision_id, i.live_revision_id)),
  (select r.document from content_revisions r where r.item_id = i.id
    order by r.number desc limit 1)) as doc offset 0) w`;

/** The title of `w.doc` (as `titleOf`), in one language. */
const documentTitle = (language: 'es' | 'en') =>
  sql.raw(`(case i.kind when 'policy' then w.doc->'title' when 'faq' then w.doc->'question'
    else coalesce(w.doc->'name', w.doc->'text') end)->>'${language}'`);

function trackedArm(options: ListOptions, text: TextFilter | undefined): SQL {
  const where: SQL[] = [sql`true`];
  if (options.kind) where.push(sql`i.kind = ${options.kind}`);
  if (options.state === 'published') where.push(sql`i.live_revision_id is not null`);
  else if (options.state === 'deleted') where.push(sql`i.deleted_at is not null`);
  else if (options.state) where.push(sql`i.workflow = ${options.state}`);
  if (options.assessment)
    where.push(sql`i.kind = 'policy' and exists (select 1 from policies p
      where p.slug = i.key and ${stanceIs(options.assessment)})`);
  if (text) {
    where.push(sql`(i.key ilike ${text.pattern}
      or exists (select 1 from ${WORKING_DOCUMENT}
        where ${like(documentTitle('es'), text.pattern)} or ${like(documentTitle('en'), text.pattern)})
      or (i.kind = 'policy' and exists (select 1 from policies p where p.slug = i.key
        and ${identifierMatch(sql`p.id`, text)})))`);
  }
  return sql`select i.kind, i.key as slug, i.updated_at as "updatedAt" from editorial_items i
    where ${sql.join(where, sql` and `)}`;
}

function publicArm(
  kind: ContentKind,
  assessment: Assessment | undefined,
  text: TextFilter | undefined,
): SQL {
  const title = TITLE[kind];
  const where: SQL[] = [
    sql`not exists (select 1 from editorial_items i where i.kind = ${kind} and i.key = p.slug)`,
  ];
  if (assessment) where.push(stanceIs(assessment));
  if (text)
    where.push(sql`(p.slug ilike ${text.pattern}
      or ${like(sql.raw(`p.${title}_es`), text.pattern)}
      or ${like(sql.raw(`p.${title}_en`), text.pattern)}
      ${kind === 'policy' ? sql`or ${identifierMatch(sql`p.id`, text)}` : sql``})`);
  return sql`select ${kind}::content_kind as kind, p.slug, p.updated_at as "updatedAt"
    from ${sql.identifier(PUBLIC_TABLES[kind])} p where ${sql.join(where, sql` and `)}`;
}

/**
 * Only the parts of a document that a list and the queue read (titles and texts with states):
 * a policy's actions, sources and identifiers stay in the database.
 */
export const LISTED_PARTS = sql.raw(
  `jsonb_strip_nulls(jsonb_build_object(${[
    'title',
    'name',
    'question',
    'answer',
    'text',
    'summary',
    'full_text',
    'provisions',
  ]
    .map((k) => `'${k}', w.doc->'${k}'`)
    .join(', ')}))`,
);

interface TrackedRow extends Key {
  workflow: Workflow | null;
  publishAt: Date | string | null;
  live: boolean;
  deletedAt: Date | string | null;
  version: number;
  updatedAt: Date | string;
  notAssessed: boolean;
  document: AnyDocument;
}

interface PublicRow extends Key {
  titleEs: string | null;
  titleEn: string | null;
  updatedAt: Date | string;
  needs: boolean;
  notAssessed: boolean;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const keyOf = (r: Key) => `${r.kind}/${r.slug}`;

/** The page's rows whole, in the page's order. */
async function summaries(db: Db, keys: Key[]): Promise<ListedItem[]> {
  if (!keys.length) return [];
  const pairs = sql.join(
    keys.map((k) => sql`(${k.kind}::content_kind, ${k.slug})`),
    sql`, `,
  );
  const tracked = await queryRows<TrackedRow>(
    db,
    sql`select i.kind, i.key as slug, i.workflow, i.publish_at as "publishAt",
        i.live_revision_id is not null as live, i.deleted_at as "deletedAt", i.version,
        i.updated_at as "updatedAt", ${LISTED_PARTS} as document,
        i.kind = 'policy' and exists (select 1 from policies p where p.slug = i.key
          and p.stance is null) as "notAssessed"
      from editorial_items i cross join ${WORKING_DOCUMENT}
      where (i.kind, i.key) in (${pairs})`,
  );
  const untracked = keys.filter((k) => !tracked.some((t) => keyOf(t) === keyOf(k)));
  const byKind = KINDS.map((kind) => ({
    kind,
    slugs: untracked.filter((k) => k.kind === kind).map((k) => k.slug),
  })).filter((k) => k.slugs.length);
  const published = byKind.length
    ? await queryRows<PublicRow>(
        db,
        sql.join(
          byKind.map(
            ({ kind, slugs }) =>
              sql`${PUBLIC_ROWS[kind]} where slug in (${sql.join(
                slugs.map((s) => sql`${s}`),
                sql`, `,
              )})`,
          ),
          sql` union all `,
        ),
      )
    : [];
  const found = new Map<string, ListedItem>();
  for (const r of tracked)
    found.set(keyOf(r), {
      kind: r.kind,
      slug: r.slug,
      title: titleOf(r.kind, r.document),
      workflow: r.workflow,
      publishAt: r.publishAt === null ? null : toDate(r.publishAt),
      live: r.live,
      deleted: r.deletedAt !== null,
      version: r.version,
      updatedAt: toDate(r.updatedAt),
      needsTranslation: translationNeeds(r.kind, r.document).length > 0,
      notAssessed: r.notAssessed,
    });
  for (const r of published)
    found.set(keyOf(r), {
      kind: r.kind,
      slug: r.slug,
      title: { es: r.titleEs ?? '', en: r.titleEn ?? '' },
      workflow: null,
      publishAt: null,
      live: true,
      deleted: false,
      // Tracking starts an item at version 1.
      version: 1,
      updatedAt: toDate(r.updatedAt),
      needsTranslation: r.needs,
      notAssessed: r.notAssessed,
    });
  // A row changed between the two reads is left out rather than shown half.
  return keys.flatMap((k) => found.get(keyOf(k)) ?? []);
}

/** A text of a public row needs work: the same rule as `translationNeeds`. */
const needs = (name: string) => {
  const [es, en, esState, enState] = [
    `${name}_es`,
    `${name}_en`,
    `${name}_es_state`,
    `${name}_en_state`,
  ];
  return `(${esState} in ('needs_update', 'machine') or ${enState} in ('needs_update', 'machine')
    or (${esState} = 'missing' and coalesce(${en}, '') <> '')
    or (${enState} = 'missing' and coalesce(${es}, '') <> ''))`;
};

/** The columns (`<name>_es`, `<name>_en`) that are each kind's title in a list. */
const TITLE: Record<ContentKind, string> = {
  policy: 'title',
  jurisdiction: 'name',
  body: 'name',
  topic: 'name',
  faq: 'question',
  talking_point: 'text',
};

/**
 * When a published row has texts a translator should look at. An imported matter nobody has
 * assessed (no stance) is not translated until it is tracked.
 */
const NEEDS: Partial<Record<ContentKind, string>> = {
  policy: `stance is not null and (${needs('title')} or ${needs('summary')} or ${needs('body')}
    or exists (select 1 from provisions v where v.policy_id = policies.id and ${needs('v.text')}))`,
  faq: `${needs('question')} or ${needs('answer')}`,
  talking_point: needs('text'),
};

function publicRow(kind: ContentKind): SQL {
  const title = TITLE[kind];
  // A talking point's title is its text: the list shows its start.
  const [es, en] =
    kind === 'talking_point'
      ? ['left(text_es, 200)', 'left(text_en, 200)']
      : [`${title}_es`, `${title}_en`];
  return sql.raw(`select '${kind}'::content_kind as kind, slug, ${es} as "titleEs",
    ${en} as "titleEn", updated_at as "updatedAt", ${NEEDS[kind] ?? 'false'} as needs,
    ${kind === 'policy' ? 'stance is null' : 'false'} as "notAssessed"
    from ${PUBLIC_TABLES[kind]}`);
}

/** Each kind's published rows as list rows, ending with FROM (a WHERE may follow). */
export const PUBLIC_ROWS = Object.fromEntries(KINDS.map((k) => [k, publicRow(k)])) as Record<
  ContentKind,
  SQL
>;
