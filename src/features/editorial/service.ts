/**
 * The editorial workflow (decision 014): drafts, review, publishing (now or scheduled), revisions
 * with restore, deletion, translation states and optimistic concurrency. Every change is one
 * transaction: authorize, check the version, validate, write, then the audit entry last.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import {
  authorize,
  can,
  type Action,
  type Principal,
  type Resource,
} from '../accounts/permissions.ts';
import { appendAudit, type AuditAction } from '../audit/chain.ts';
import {
  findDependents,
  findDocumentProblems,
  invalidDocument,
  parseDocument,
  publishDocument,
  readPublished,
  unpublishDocument,
  type AnyDocument,
  type ContentKind,
  type Dependent,
  type DocumentOf,
} from './documents.ts';
import {
  findRevision,
  insertRevision,
  listRevisions,
  readState,
  requireItem,
  trackItem,
  type ItemRow,
  type ItemState,
  type RevisionInfo,
  type Workflow,
} from './items.ts';
import { settleTranslationStates, takeTranslations } from './translation.ts';

export { documentSchemas, isContentKind } from './documents.ts';
export type { ContentKind, Dependent, DocumentOf } from './documents.ts';
export type { ItemState, ItemSummary, RevisionInfo } from './items.ts';
export { diffDocuments, type DiffEntry } from './diff.ts';
export { ASSESSMENTS, LIST_STATES, listItems } from './listing.ts';
export type { Assessment, ItemList, ListedItem, ListState } from './listing.ts';
export { translationQueue } from './queue.ts';

export interface Actor {
  principal: Principal;
}

/** The item changed since the form was opened: nothing was written; `current` is what is there now. */
export class EditConflict extends AppError {
  constructor(readonly current: ItemState) {
    super(
      'conflict',
      `${current.summary.kind} ${current.summary.slug} changed since it was opened`,
      {
        values: { what: current.summary.kind, slug: current.summary.slug },
      },
    );
  }
}

/** The record cannot be deleted while these published records refer to it. */
export class DependentsConflict extends AppError {
  constructor(readonly dependents: Dependent[]) {
    super('conflict', `referred to by ${dependents.map((d) => `${d.kind} ${d.slug}`).join(', ')}`, {
      values: { dependents: dependents.map((d) => d.slug).join(', ') },
    });
  }
}

/** What the workflow does not allow in the item's current state (nothing to publish, ...). */
const notNow = (what: string) => new AppError('conflict', what, { values: { what } });

/**
 * A workflow step on one item: authorize, lock and track the item, check the version the form
 * was opened at, do the work, bump the version (`where version = $base`), then the audit entry.
 */
function step<O extends Opened = Opened>(
  permission: Action,
  action: AuditAction,
  work: (tx: Tx, item: ItemRow, options: O, actor: Actor) => Promise<StepResult>,
  resource: Resource = 'content',
) {
  return (db: Db, actor: Actor, kind: ContentKind, slug: string, options: O) =>
    db.transaction(async (tx): Promise<{ version: number }> => {
      authorize(actor.principal, permission, resource);
      const item = await requireItem(tx, kind, slug);
      if (item.version !== options.baseVersion) throw new EditConflict(await readState(tx, item));
      const { set, details, revision } = await work(tx, item, options, actor);
      const version = await bumpVersion(tx, item, options.baseVersion, set);
      await audit(tx, actor.principal.userId, action, item, {
        ...(revision !== undefined ? { revision } : {}),
        ...details,
      });
      return { version };
    });
}

interface StepResult {
  revision?: number;
  set: ItemUpdate;
  details?: AuditExtra;
}

/** What every workflow step names: the item and the version its form was opened at. */
interface Opened {
  baseVersion: number;
}

interface ItemUpdate {
  liveRevisionId?: string | null;
  draftRevisionId?: string | null;
  workflow?: Workflow | null;
  publishAt?: Date | null;
  deleted?: boolean;
}
type AuditExtra = Record<string, string | number | boolean | null>;

async function bumpVersion(tx: Tx, item: ItemRow, base: number, set: ItemUpdate) {
  const column = <V>(name: string, value: V | undefined, cast = '') =>
    value === undefined ? sql`` : sql`, ${sql.identifier(name)} = ${value}${sql.raw(cast)}`;
  const [row] = await queryRows<{ version: number }>(
    tx,
    sql`update editorial_items set version = version + 1, updated_at = now()
      ${column('live_revision_id', set.liveRevisionId, '::uuid')}
      ${column('draft_revision_id', set.draftRevisionId, '::uuid')}
      ${column('workflow', set.workflow, '::workflow_state')}
      ${column('publish_at', set.publishAt === undefined ? undefined : (set.publishAt?.toISOString() ?? null), '::timestamptz')}
      ${set.deleted === undefined ? sql`` : set.deleted ? sql`, deleted_at = coalesce(deleted_at, now())` : sql`, deleted_at = null`}
      where id = ${item.id} and version = ${base} returning version`,
  );
  if (!row) throw new EditConflict(await readState(tx, item));
  return row.version;
}

async function audit(
  tx: Tx,
  actorId: string | null,
  action: AuditAction,
  item: ItemRow,
  extra: AuditExtra = {},
) {
  await appendAudit(
    tx,
    {
      actorId,
      action,
      subjectType: 'content',
      subjectId: item.id,
      details: { kind: item.kind, slug: item.key, ...extra },
    },
    new Date(),
  );
}

/** The item as the editor opens it; starts tracking content that was never edited. */
export async function loadItem<K extends ContentKind>(
  db: Db,
  kind: K,
  slug: string,
): Promise<ItemState<DocumentOf<K>>> {
  return db.transaction(async (tx) => {
    const item = await requireItem(tx, kind, slug);
    return (await readState(tx, item)) as ItemState<DocumentOf<K>>;
  });
}

/** Every revision, newest first. */
export async function history(db: Db, kind: ContentKind, slug: string): Promise<RevisionInfo[]> {
  return db.transaction(async (tx) => listRevisions(tx, await requireItem(tx, kind, slug)));
}

/** The document of revision `number`. */
export async function revisionDocument<K extends ContentKind>(
  db: Db,
  kind: K,
  slug: string,
  number: number,
): Promise<DocumentOf<K>> {
  return db.transaction(async (tx) => {
    const revision = await findRevision(tx, await requireItem(tx, kind, slug), number);
    if (!revision) throw notFound(`${kind} ${slug} revision ${number}`, { what: kind, slug });
    return revision.document as DocumentOf<K>;
  });
}

async function checkDocument<K extends ContentKind>(
  tx: Tx,
  kind: K,
  document: DocumentOf<K>,
  item: ItemRow | undefined,
) {
  const problems = [];
  if (item && document.slug !== item.key)
    problems.push({ name: 'slug', reason: 'validation.content.fixed' });
  const published = item?.liveRevisionId ? await readPublished(tx, kind, item.key) : undefined;
  problems.push(...(await findDocumentProblems(tx, kind, document, published)));
  if (problems.length) throw invalidDocument(problems);
}

/** A new draft. A slug already used (published, drafted or deleted) is a conflict on "slug". */
export async function createItem<K extends ContentKind>(
  db: Db,
  actor: Actor,
  kind: K,
  input: unknown,
): Promise<{ slug: string; version: number }> {
  return db.transaction(async (tx) => {
    authorize(actor.principal, 'create', 'content');
    const document = parseDocument(kind, input);
    if (await trackItem(tx, kind, document.slug)) {
      throw new AppError('conflict', `${kind} ${document.slug} exists`, {
        values: { what: kind, slug: document.slug },
        fields: [{ name: 'slug', reason: 'validation.content.slug_taken' }],
      });
    }
    await checkDocument(tx, kind, document, undefined);
    settleTranslationStates(kind, undefined, document, 'editor');
    const [item] = await queryRows<ItemRow>(
      tx,
      sql`insert into editorial_items (kind, key) values (${kind}, ${document.slug})
        returning id, kind, key, version`,
    );
    const revision = await insertRevision(tx, item!.id, document, {
      origin: 'saved',
      authorId: actor.principal.userId,
    });
    await tx.execute(sql`update editorial_items set draft_revision_id = ${revision.id},
      workflow = 'draft' where id = ${item!.id}`);
    await audit(tx, actor.principal.userId, 'content.created', item!, {
      revision: revision.number,
    });
    return { slug: document.slug, version: item!.version };
  });
}

/**
 * Saves a new revision as the working copy. Editors save the whole document; translators only
 * the texts and their states (the rest comes from the revision they started from).
 */
export async function saveDraft<K extends ContentKind>(
  db: Db,
  actor: Actor,
  kind: K,
  slug: string,
  { baseVersion, document: input }: { baseVersion: number; document: unknown },
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const role = can(actor.principal, 'update', 'content') ? 'editor' : 'translator';
    if (role === 'translator') authorize(actor.principal, 'update', 'translations');
    const item = await requireItem(tx, kind, slug);
    if (item.version !== baseVersion) throw new EditConflict(await readState(tx, item));
    const base = (await readState(tx, item)).document as DocumentOf<K>;
    const sent =
      role === 'translator'
        ? takeTranslations(kind, base, (input ?? {}) as AnyDocument)
        : (input as AnyDocument);
    const document = parseDocument(kind, sent);
    await checkDocument(tx, kind, document, item);
    settleTranslationStates(kind, base, document, role);
    const revision = await insertRevision(tx, item.id, document, {
      origin: 'saved',
      authorId: actor.principal.userId,
    });
    // A change after scheduling needs a new decision to publish it.
    const workflow: Workflow = item.workflow && item.workflow !== 'draft' ? 'in_review' : 'draft';
    const version = await bumpVersion(tx, item, baseVersion, {
      draftRevisionId: revision.id,
      workflow,
      publishAt: null,
    });
    await audit(tx, actor.principal.userId, 'content.saved', item, {
      revision: revision.number,
      translation: role === 'translator',
    });
    return { version };
  });
}

function requireWorking(item: ItemRow): string {
  if (!item.draftRevisionId) throw notNow('no working copy');
  return item.draftRevisionId;
}

/** Sends a draft to review (editors publish it). */
/** Translators submit their translations too: editors then review and publish. */
export const submitForReview = step(
  'update',
  'content.submitted',
  async (_, item) => {
    requireWorking(item);
    if (item.workflow !== 'draft') throw notNow('not a draft');
    return { set: { workflow: 'in_review' } };
  },
  'translations',
);

/** Applies a revision to the public tables and makes it the live one. */
async function goLive(
  tx: Tx,
  item: ItemRow,
  revisionId: string,
  publisherId: string | null,
): Promise<{ number: number; set: ItemUpdate }> {
  const [revision] = await queryRows<{ number: number; document: AnyDocument }>(
    tx,
    sql`select number, document from content_revisions where id = ${revisionId}`,
  );
  const document = parseDocument(item.kind, revision!.document);
  await checkDocument(tx, item.kind, document, item);
  await publishDocument(tx, item.kind, document);
  await tx.execute(sql`update content_revisions set published_at = now(),
    published_by = ${publisherId} where id = ${revisionId}`);
  return {
    number: revision!.number,
    set: {
      liveRevisionId: revisionId,
      draftRevisionId: null,
      workflow: null,
      publishAt: null,
      deleted: false,
    },
  };
}

/** Publishes the working copy: the public site, the API and the exports show it at once. */
export const publish = step('publish', 'content.published', async (tx, item, _options, actor) => {
  const { number, set } = await goLive(tx, item, requireWorking(item), actor.principal.userId);
  return { revision: number, set };
});

/** Publishes the working copy at `publishAt` (the scheduler does it); the time must be ahead. */
export const schedule = step<{ baseVersion: number; publishAt: Date }>(
  'publish',
  'content.scheduled',
  async (tx, item, { publishAt }) => {
    if (
      !(publishAt instanceof Date) ||
      Number.isNaN(publishAt.getTime()) ||
      publishAt <= new Date()
    )
      throw invalidDocument([{ name: 'publishAt', reason: 'validation.content.future' }]);
    const [revision] = await queryRows<{ document: AnyDocument }>(
      tx,
      sql`select document from content_revisions where id = ${requireWorking(item)}`,
    );
    // Problems show now, not at publishing time when nobody is looking.
    await checkDocument(tx, item.kind, parseDocument(item.kind, revision!.document), item);
    return {
      set: { workflow: 'scheduled', publishAt },
      details: { publish_at: publishAt.toISOString() },
    };
  },
);

/** Takes a scheduled working copy back to review. */
export const unschedule = step('publish', 'content.unscheduled', async (_, item) => {
  if (item.workflow !== 'scheduled') throw notNow('not scheduled');
  return { set: { workflow: 'in_review', publishAt: null } };
});

/** Drops the working copy (its revision stays in the history). */
export const discardDraft = step('update', 'content.discarded', async (_, item) => {
  requireWorking(item);
  return {
    set: {
      draftRevisionId: null,
      workflow: null,
      publishAt: null,
      // Never published: nothing is left to show, as after a delete (restore brings it back).
      ...(item.liveRevisionId ? {} : { deleted: true }),
    },
  };
});

/** Removes the record from the public tables; the item and its revisions stay, for a restore. */
export const deleteItem = step('delete', 'content.deleted', async (tx, item) => {
  if (item.deletedAt) throw notNow('already deleted');
  if (item.liveRevisionId) {
    const dependents = await findDependents(tx, item.kind, item.key);
    if (dependents.length) throw new DependentsConflict(dependents);
    await unpublishDocument(tx, item.kind, item.key);
  }
  return {
    set: {
      liveRevisionId: null,
      draftRevisionId: null,
      workflow: null,
      publishAt: null,
      deleted: true,
    },
  };
});

/**
 * A new revision copying revision `number` ("restored from N"): published at once for those who
 * may publish, else the working copy. History only grows.
 */
export const restoreRevision = step<{ number: number; baseVersion: number }>(
  'update',
  'content.restored',
  async (tx, item, { number }, actor) => {
    const old = await findRevision(tx, item, number);
    if (!old) throw notFound(`${item.kind} ${item.key} revision ${number}`, { what: item.kind });
    const document = parseDocument(item.kind, old.document);
    await checkDocument(tx, item.kind, document, item);
    const revision = await insertRevision(tx, item.id, document, {
      origin: 'restored',
      authorId: actor.principal.userId,
      restoredFrom: number,
    });
    if (can(actor.principal, 'publish', 'content')) {
      const { set } = await goLive(tx, item, revision.id, actor.principal.userId);
      return { revision: revision.number, set, details: { from: number, published: true } };
    }
    return {
      revision: revision.number,
      set: { draftRevisionId: revision.id, workflow: 'draft', publishAt: null },
      details: { from: number, published: false },
    };
  },
);

/**
 * Publishes every scheduled item whose time has come, one transaction each; `skip locked` lets
 * several app servers run this at once without publishing an item twice. Returns how many.
 */
export async function publishDue(
  db: Db,
  now: Date = new Date(),
  onError: (error: unknown, item: { kind: ContentKind; slug: string }) => void = () => {},
): Promise<number> {
  const failed: string[] = [];
  let published = 0;
  for (;;) {
    let due: { id: string; kind: ContentKind; key: string } | undefined;
    try {
      await db.transaction(async (tx) => {
        // An item that failed is skipped for the rest of this run, so it cannot stop the others.
        const skip = failed.length
          ? sql`and id not in (${sql.join(
              failed.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql``;
        [due] = await queryRows<{ id: string; kind: ContentKind; key: string }>(
          tx,
          sql`select id, kind, key from editorial_items
            where workflow = 'scheduled' and publish_at <= ${now.toISOString()}::timestamptz ${skip}
            order by publish_at limit 1 for update skip locked`,
        );
        if (!due) return;
        const item = (await trackItem(tx, due.kind, due.key))!;
        const { number, set } = await goLive(tx, item, requireWorking(item), null);
        await bumpVersion(tx, item, item.version, set);
        await audit(tx, null, 'content.published', item, { revision: number, scheduled: true });
      });
    } catch (error) {
      if (!due) throw error;
      failed.push(due.id);
      onError(error, { kind: due.kind, slug: due.key });
      continue;
    }
    if (!due) return published;
    published++;
  }
}

class PreviewRollback<T> extends Error {
  constructor(readonly result: T) {
    super('preview rolled back');
  }
}

/**
 * Renders with the document applied to the public tables inside a transaction that is always
 * rolled back: the preview is the real page, by the real code, and nothing of it stays.
 */
export async function withPreview<K extends ContentKind, T>(
  db: Db,
  kind: K,
  input: unknown,
  render: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      await publishDocument(tx, kind, parseDocument(kind, input));
      throw new PreviewRollback(await render(tx));
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return error.result as T;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}
