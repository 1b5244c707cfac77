/**
 * The content list and the translator queue: every editorial item, plus the published records
 * that were never edited (they have no item yet; opening one starts tracking it).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { readPublished, titleOf, type AnyDocument, type ContentKind } from './kinds.ts';
import type { ItemSummary, Workflow } from './items.ts';
import { translationNeeds, type Language, type TranslationNeed } from './translation.ts';

export type ListState = 'draft' | 'in_review' | 'scheduled' | 'published' | 'deleted';

export interface ListOptions {
  kind?: ContentKind | undefined;
  q?: string | undefined;
  state?: ListState | undefined;
  /** From 1. */
  page?: number | undefined;
  pageSize?: number | undefined;
}

const MAX_PAGE_SIZE = 200;

/** Filters, newest change first, one page. */
export async function listItems(
  db: Db,
  options: ListOptions = {},
): Promise<{ items: ItemSummary[]; total: number }> {
  const q = options.q?.trim().toLowerCase();
  const all = (await allSummaries(db, options.kind)).filter(
    (item) =>
      (!options.state || inState(item, options.state)) &&
      (!q || [item.slug, item.title.es, item.title.en].some((t) => t.toLowerCase().includes(q))),
  );
  all.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.slug.localeCompare(b.slug));
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? 50)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
}

function inState(item: ItemSummary, state: ListState): boolean {
  if (state === 'published') return item.live;
  if (state === 'deleted') return item.deleted;
  return item.workflow === state;
}

export interface QueueEntry {
  kind: ContentKind;
  slug: string;
  title: { es: string; en: string };
  fields: TranslationNeed[];
}

/** Items with texts that need an update, are missing or were machine-translated. */
export async function translationQueue(
  db: Db,
  { locale }: { locale?: Language | undefined } = {},
): Promise<QueueEntry[]> {
  const entries: QueueEntry[] = [];
  for (const item of await allSummaries(db)) {
    // Deleted content is not translated (a restore brings it back to the queue).
    if (!item.needsTranslation || item.deleted) continue;
    const document = item.texts ?? (await readPublished(db, item.kind, item.slug));
    if (!document) continue;
    const fields = translationNeeds(item.kind, document).filter(
      (f) => !locale || f.language === locale,
    );
    if (fields.length)
      entries.push({ kind: item.kind, slug: item.slug, title: item.title, fields });
  }
  return entries.sort((a, b) => a.kind.localeCompare(b.kind) || a.slug.localeCompare(b.slug));
}

/**
 * Only the parts of a document that a list and the queue read (titles and texts with states):
 * a policy's actions, sources and identifiers stay in the database.
 */
const LISTED_PARTS = sql.raw(`(select jsonb_strip_nulls(jsonb_build_object(${[
  'title',
  'name',
  'question',
  'answer',
  'text',
  'summary',
  'full_text',
  'provisions',
]
  .map((k) => `'${k}', doc->'${k}'`)
  .join(', ')}))
  from (select coalesce(d.document, l.document, (select r.document from content_revisions r
    where r.item_id = i.id order by r.number desc limit 1)) as doc) as working)`);

/** With the listed parts of a tracked item's document (see LISTED_PARTS). */
type Summary = ItemSummary & { texts?: AnyDocument };

interface TrackedRow {
  kind: ContentKind;
  key: string;
  workflow: Workflow | null;
  publishAt: Date | string | null;
  live: boolean;
  deletedAt: Date | string | null;
  version: number;
  updatedAt: Date | string;
  document: AnyDocument;
}

interface PublicRow {
  kind: ContentKind;
  slug: string;
  titleEs: string | null;
  titleEn: string | null;
  updatedAt: Date | string;
  needs: boolean;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

async function allSummaries(db: Db, kind?: ContentKind): Promise<Summary[]> {
  const onlyKind = (column: string) =>
    kind ? sql`and ${sql.identifier(column)} = ${kind}` : sql``;
  const tracked = await queryRows<TrackedRow>(
    db,
    sql`select i.kind, i.key, i.workflow, i.publish_at as "publishAt",
        i.live_revision_id is not null as live, i.deleted_at as "deletedAt", i.version,
        i.updated_at as "updatedAt",
        ${LISTED_PARTS} as document
      from editorial_items i
      left join content_revisions d on d.id = i.draft_revision_id
      left join content_revisions l on l.id = i.live_revision_id
      where true ${onlyKind('kind')}`,
  );
  const untracked = await queryRows<PublicRow>(
    db,
    sql`select * from (${PUBLIC_ROWS}) p
      where not exists (select 1 from editorial_items i where i.kind = p.kind and i.key = p.slug)
      ${onlyKind('kind')}`,
  );
  return [
    ...tracked.map((r): Summary => ({
      kind: r.kind,
      slug: r.key,
      title: titleOf(r.kind, r.document),
      workflow: r.workflow,
      publishAt: r.publishAt === null ? null : toDate(r.publishAt),
      live: r.live,
      deleted: r.deletedAt !== null,
      version: r.version,
      updatedAt: toDate(r.updatedAt),
      needsTranslation: translationNeeds(r.kind, r.document).length > 0,
      texts: r.document,
    })),
    ...untracked.map((r): Summary => ({
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
    })),
  ];
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

const PUBLIC_ROWS = sql.raw(`
  select 'policy'::content_kind as kind, slug, title_es as "titleEs", title_en as "titleEn",
    updated_at as "updatedAt",
    -- An imported matter nobody has assessed (no stance) is not translated until it is tracked.
    stance is not null and (${needs('title')} or ${needs('summary')} or ${needs('body')}
      or exists (select 1 from provisions v where v.policy_id = policies.id and ${needs('v.text')}))
      as needs
  from policies
  union all select 'jurisdiction', slug, name_es, name_en, updated_at, false from jurisdictions
  union all select 'body', slug, name_es, name_en, updated_at, false from bodies
  union all select 'topic', slug, name_es, name_en, updated_at, false from topics
  union all select 'faq', slug, question_es, question_en, updated_at,
    ${needs('question')} or ${needs('answer')} from faq_entries
  union all select 'talking_point', slug, left(text_es, 200), left(text_en, 200), updated_at,
    ${needs('text')} from talking_points`);
