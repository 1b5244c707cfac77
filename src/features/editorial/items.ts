/**
 * Editorial items and their revisions: finding an item, tracking content that predates the
 * workflow (or that an import changed since), appending revisions, and the state the editor sees.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { WORKFLOW_STATES } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import {
  PUBLIC_TABLES,
  readPublished,
  titleOf,
  type AnyDocument,
  type ContentKind,
} from './kinds.ts';
import { translationNeeds } from './translation.ts';

export type Workflow = (typeof WORKFLOW_STATES)[number];
export type RevisionOrigin = 'saved' | 'imported' | 'restored';

export interface ItemSummary {
  kind: ContentKind;
  slug: string;
  title: { es: string; en: string };
  workflow: Workflow | null;
  publishAt: Date | null;
  /** Published now (the public site shows it). */
  live: boolean;
  deleted: boolean;
  version: number;
  updatedAt: Date;
  /** Some text needs an update, is missing or was machine-translated. */
  needsTranslation: boolean;
}

export interface RevisionInfo {
  number: number;
  origin: RevisionOrigin;
  restoredFrom: number | null;
  authorId: string | null;
  authorEmail: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  /** The revision the public site shows. */
  live: boolean;
  /** The working copy (draft, in review or scheduled). */
  working: boolean;
}

export interface ItemState<D = AnyDocument> {
  summary: ItemSummary;
  live?: { revision: RevisionInfo; document: D };
  working?: { revision: RevisionInfo; document: D };
  /** What the editor opens: working ?? live (?? the last revision, for deleted content). */
  document: D;
}

export interface ItemRow {
  id: string;
  kind: ContentKind;
  key: string;
  liveRevisionId: string | null;
  draftRevisionId: string | null;
  workflow: Workflow | null;
  publishAt: Date | null;
  deletedAt: Date | null;
  version: number;
  updatedAt: Date;
}

const ITEM_COLUMNS = sql`id, kind, key, live_revision_id as "liveRevisionId",
  draft_revision_id as "draftRevisionId", workflow, publish_at as "publishAt",
  deleted_at as "deletedAt", version, updated_at as "updatedAt"`;

/** Raw queries return timestamps as strings on one engine and Dates on the other. */
const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

function itemFromRow(row: ItemRow): ItemRow {
  return {
    ...row,
    publishAt: toDate(row.publishAt),
    deletedAt: toDate(row.deletedAt),
    updatedAt: toDate(row.updatedAt)!,
  };
}

/** The item, locked for the rest of the transaction when asked. */
export async function findItem(
  tx: Tx,
  kind: ContentKind,
  slug: string,
  lock = false,
): Promise<ItemRow | undefined> {
  const [row] = await queryRows<ItemRow>(
    tx,
    sql`select ${ITEM_COLUMNS} from editorial_items where kind = ${kind} and key = ${slug}
      ${lock ? sql`for update` : sql``}`,
  );
  return row && itemFromRow(row);
}

/**
 * The item, locked, with its live revision matching the public tables: content never edited
 * gets an item and a first revision (origin "imported") holding the published record, and a
 * record an import changed after its last publication gets another one. Undefined when there is
 * neither an item nor a published record.
 */
export async function trackItem(
  tx: Tx,
  kind: ContentKind,
  slug: string,
): Promise<ItemRow | undefined> {
  let item = await findItem(tx, kind, slug, true);
  const table = sql.identifier(PUBLIC_TABLES[kind]);
  if (!item) {
    const [exists] = await queryRows(tx, sql`select 1 from ${table} where slug = ${slug}`);
    if (!exists) return undefined;
    await tx.execute(sql`insert into editorial_items (kind, key) values (${kind}, ${slug})
      on conflict (kind, key) do nothing`);
    item = (await findItem(tx, kind, slug, true))!;
  }
  // Publishing sets published_at to its transaction's time, as the public row's updated_at; a
  // later updated_at means a change from outside the workflow.
  // As text: a JavaScript Date would drop the microseconds and the comparison would never settle.
  const [outside] = await queryRows<{ updatedAt: string }>(
    tx,
    sql`select p.updated_at::text as "updatedAt" from ${table} p
      left join content_revisions r on r.id = ${item.liveRevisionId}
      where p.slug = ${slug} and (r.published_at is null or p.updated_at > r.published_at)`,
  );
  if (!outside) return item;
  const document = (await readPublished(tx, kind, slug))!;
  const revision = await insertRevision(tx, item.id, document, {
    origin: 'imported',
    authorId: null,
    publishedAt: outside.updatedAt,
  });
  // A new item starts at version 1; a tracked one changed under the editors, so forms go stale.
  const bump = item.liveRevisionId || item.draftRevisionId || item.deletedAt ? 1 : 0;
  const [row] = await queryRows<ItemRow>(
    tx,
    sql`update editorial_items set live_revision_id = ${revision.id}, deleted_at = null,
      version = version + ${bump}, updated_at = now() where id = ${item.id}
      returning ${ITEM_COLUMNS}`,
  );
  return itemFromRow(row!);
}

/**
 * After an import, in its transaction: every tracked record the import wrote gets its "imported"
 * revision now, so the history holds each import's state, not only the last one before an editor
 * next opens it. Records an import wrote have `updated_at` = this transaction's start.
 */
export async function recordImportedChanges(tx: Tx): Promise<number> {
  let recorded = 0;
  for (const [kind, table] of Object.entries(PUBLIC_TABLES) as [ContentKind, string][]) {
    const changed = await queryRows<{ key: string }>(
      tx,
      sql`select i.key from editorial_items i join ${sql.identifier(table)} p on p.slug = i.key
        where i.kind = ${kind} and p.updated_at = now() order by i.key`,
    );
    for (const { key } of changed) {
      await trackItem(tx, kind, key);
      recorded++;
    }
  }
  return recorded;
}

/** Like trackItem, but a missing item is a 404. */
export async function requireItem(tx: Tx, kind: ContentKind, slug: string): Promise<ItemRow> {
  const item = await trackItem(tx, kind, slug);
  if (!item) throw notFound(`${kind} ${slug}`, { what: kind, slug });
  return item;
}

/** Appends revision number max + 1 (the caller holds the item's row lock). */
export async function insertRevision(
  tx: Tx,
  itemId: string,
  document: AnyDocument,
  options: {
    origin: RevisionOrigin;
    authorId: string | null;
    restoredFrom?: number | null;
    /** A timestamp as PostgreSQL writes it, to the microsecond. */
    publishedAt?: string | null;
  },
): Promise<{ id: string; number: number }> {
  const [row] = await queryRows<{ id: string; number: number }>(
    tx,
    sql`insert into content_revisions (item_id, number, document, author_id, origin, restored_from, published_at)
      select ${itemId}::uuid, coalesce(max(number), 0) + 1, ${JSON.stringify(document)}::jsonb,
        ${options.authorId}::uuid, ${options.origin}::text, ${options.restoredFrom ?? null}::integer,
        ${options.publishedAt ?? null}::timestamptz
      from content_revisions where item_id = ${itemId}
      returning id, number`,
  );
  return row!;
}

interface RevisionRow {
  id: string;
  number: number;
  origin: RevisionOrigin;
  restoredFrom: number | null;
  authorId: string | null;
  authorEmail: string | null;
  createdAt: Date | string;
  publishedAt: Date | string | null;
  document?: AnyDocument;
}

const REVISION_COLUMNS = sql`r.id, r.number, r.origin, r.restored_from as "restoredFrom",
  r.author_id as "authorId", u.email as "authorEmail", r.created_at as "createdAt",
  r.published_at as "publishedAt"`;

function revisionInfo(row: RevisionRow, item: ItemRow): RevisionInfo {
  return {
    number: row.number,
    origin: row.origin,
    restoredFrom: row.restoredFrom,
    authorId: row.authorId,
    authorEmail: row.authorEmail,
    createdAt: toDate(row.createdAt)!,
    publishedAt: toDate(row.publishedAt),
    live: row.id === item.liveRevisionId,
    working: row.id === item.draftRevisionId,
  };
}

/** Every revision of the item, newest first. */
export async function listRevisions(tx: Tx, item: ItemRow): Promise<RevisionInfo[]> {
  const rows = await queryRows<RevisionRow>(
    tx,
    sql`select ${REVISION_COLUMNS} from content_revisions r left join users u on u.id = r.author_id
      where r.item_id = ${item.id} order by r.number desc`,
  );
  return rows.map((row) => revisionInfo(row, item));
}

/** One revision with its document, or undefined. */
export async function findRevision(
  tx: Tx,
  item: ItemRow,
  number: number,
): Promise<{ id: string; info: RevisionInfo; document: AnyDocument } | undefined> {
  const [row] = await queryRows<RevisionRow>(
    tx,
    sql`select ${REVISION_COLUMNS}, r.document from content_revisions r
      left join users u on u.id = r.author_id where r.item_id = ${item.id} and r.number = ${number}`,
  );
  return row && { id: row.id, info: revisionInfo(row, item), document: row.document! };
}

/** The editor's view of an item: summary, live and working revisions, and the document to open. */
export async function readState(tx: Tx, item: ItemRow): Promise<ItemState> {
  const rows = await queryRows<RevisionRow>(
    tx,
    sql`select ${REVISION_COLUMNS}, r.document from content_revisions r
      left join users u on u.id = r.author_id
      where r.item_id = ${item.id}
        and (r.id in (${item.liveRevisionId}, ${item.draftRevisionId})
          or r.number = (select max(number) from content_revisions where item_id = ${item.id}))`,
  );
  const pick = (id: string | null) => {
    const row = id ? rows.find((r) => r.id === id) : undefined;
    return row && { revision: revisionInfo(row, item), document: row.document! };
  };
  const live = pick(item.liveRevisionId);
  const working = pick(item.draftRevisionId);
  const latest = rows.reduce<RevisionRow | undefined>(
    (a, r) => (!a || r.number > a.number ? r : a),
    undefined,
  );
  const document = working?.document ?? live?.document ?? latest!.document!;
  return {
    summary: {
      kind: item.kind,
      slug: item.key,
      title: titleOf(item.kind, document),
      workflow: item.workflow,
      publishAt: item.publishAt,
      live: item.liveRevisionId !== null,
      deleted: item.deletedAt !== null,
      version: item.version,
      updatedAt: item.updatedAt,
      needsTranslation: translationNeeds(item.kind, document).length > 0,
    },
    ...(live ? { live } : {}),
    ...(working ? { working } : {}),
    document,
  };
}
