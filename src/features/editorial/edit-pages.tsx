/**
 * Staff pages: the content list, create, edit, delete, workflow buttons, preview and conflict pages.
 * Each handler reads as a pipeline: signed in, authorized, item found, form read and checked,
 * then one service call (one transaction) and a redirect; problems re-render the form (422), a
 * stale version shows both texts (409). The service checks the role and version again.
 */
import { asc } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { Db } from '../../db/client.ts';
import { bodies, jurisdictions, policies, topics } from '../../db/schema.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import { AppError, notFound, type FieldProblem } from '../../lib/errors.ts';
import { isSlug } from '../../lib/slug.ts';
import type { Services } from '../../services.ts';
import {
  authorize,
  can,
  type Action,
  type Principal,
  type Resource,
} from '../accounts/permissions.ts';
import { AdminPage } from '../admin/components.tsx';
import { requireSignedIn, type AdminContext, type AdminEnv } from '../admin/env.ts';
import type { RouteRule } from '../admin/route-rules.ts';
import {
  applyTranslations,
  checkDocument,
  keepFixedFields,
  parseForm,
  parseSiteTime,
  problemMessages,
  type FormOptions,
  type FormValues,
  type PathErrors,
} from './form-data.ts';
import { ConflictPage, DeletePage } from './forms/conflict-page.tsx';
import { ItemPage, titleFor, type Access, type ItemPageProps } from './forms/item-page.tsx';
import { ContentListPage, type ListQuery } from './forms/list-page.tsx';
import { renderPreview } from './preview.tsx';
import {
  ASSESSMENTS,
  createItem,
  deleteItem,
  DependentsConflict,
  discardDraft,
  EditConflict,
  isContentKind,
  LIST_STATES,
  listItems,
  loadItem,
  publish,
  saveDraft as saveDraftService,
  schedule,
  submitForReview,
  unschedule,
  type ContentKind,
  type ItemState,
} from './service.ts';

const rule = (action: Action): RouteRule => ({ action, resource: 'content' });
const ITEM = '/admin/content/:kind/:slug';

/** Each route here and what it requires (read by the route x role matrix test). */
export const EDIT_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /admin/content': rule('read'),
  'GET /admin/content/:kind/new': rule('create'),
  'POST /admin/content/:kind': rule('create'),
  [`GET ${ITEM}`]: rule('read'),
  // Translators save too (only the texts); editors and admins save everything.
  [`POST ${ITEM}`]: { action: 'update', resource: 'translations' },
  // Translators submit what they translated for review; editors publish.
  [`POST ${ITEM}/submit`]: { action: 'update', resource: 'translations' },
  [`POST ${ITEM}/publish`]: rule('publish'),
  [`POST ${ITEM}/schedule`]: rule('publish'),
  [`POST ${ITEM}/unschedule`]: rule('publish'),
  [`POST ${ITEM}/discard`]: rule('update'),
  [`GET ${ITEM}/delete`]: rule('delete'),
  [`POST ${ITEM}/delete`]: rule('delete'),
  [`GET ${ITEM}/preview`]: rule('read'),
};

const PAGE_SIZE = 25;
/** The confirmations an edit page shows after a redirect (?done=...). */
const NOTICES = [
  'saved',
  'created',
  'submitted',
  'published',
  'scheduled',
  'unscheduled',
  'discarded',
  'deleted',
] as const;

type Workflow = typeof submitForReview;
const WORKFLOW: [
  path: string,
  action: Action,
  resource: Resource,
  run: Workflow,
  done: (typeof NOTICES)[number],
][] = [
  ['submit', 'update', 'translations', submitForReview, 'submitted'],
  ['publish', 'publish', 'content', publish, 'published'],
  ['unschedule', 'publish', 'content', unschedule, 'unscheduled'],
  ['discard', 'update', 'content', discardDraft, 'discarded'],
];

export function editPages(services: Services, app: Hono<AdminEnv>) {
  const { db, config } = services;
  const baseUrl = config.baseUrl;

  app.get('/content', async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'read', 'content');
    const query = listQuery(c);
    const list = await listItems(db, { ...query, q: query.q || undefined, pageSize: PAGE_SIZE });
    return c.html(
      <ContentListPage
        ctx={c.get('page')}
        baseUrl={baseUrl}
        query={query}
        list={list}
        canCreate={can(principal, 'create', 'content')}
      />,
    );
  });

  app.get('/content/:kind/new', async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'create', 'content');
    const kind = kindParam(c);
    return c.html(<ItemPage {...await pageProps(c, principal, kind)} document={{}} />);
  });

  app.post('/content/:kind', async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'create', 'content');
    const kind = kindParam(c);
    const values = await readValues(c);
    const { document, blankRows } = parseForm(kind, values);
    const props = { ...(await pageProps(c, principal, kind)), document };
    const added = addedRows(values, blankRows);
    if (added) return c.html(<ItemPage {...props} emptyRows={added} notice="row_added" />);
    const problems = checkDocument(kind, document, props.options);
    if (problems.length) return c.html(<ItemPage {...props} errors={messages(problems)} />, 422);
    try {
      const created = await createItem(db, { principal }, kind, document);
      return c.redirect(itemHref(c, kind, created.slug, 'created'), 303);
    } catch (error) {
      const fields = fieldsOf(error);
      if (!fields) throw error;
      return c.html(<ItemPage {...props} errors={messages(fields)} />, 422);
    }

    function messages(problems: readonly FieldProblem[]) {
      return problemMessages(kind, c.get('page'), problems);
    }
  });

  app.get(ITEM.slice(6), async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'read', 'content');
    const { kind, slug } = itemParams(c);
    const item = await loadItem(db, kind, slug);
    const done = c.req.query('done');
    const notice = NOTICES.find((n) => n === done);
    return c.html(<ItemPage {...await itemProps(c, principal, kind, item)} notice={notice} />);
  });

  app.post(ITEM.slice(6), async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'update', 'translations');
    const { kind, slug } = itemParams(c);
    const values = await readValues(c);
    const baseVersion = versionOf(values);
    const item = await loadItem(db, kind, slug);
    const props = await itemProps(c, principal, kind, item);
    const stored = item.document as unknown as Record<string, unknown>;
    const parsed = parseForm(kind, values);
    const document =
      props.access.edit === 'full'
        ? keepFixedFields(kind, stored, parsed.document, { published: item.summary.live })
        : applyTranslations(kind, stored, values);
    const page = { ...props, document, version: baseVersion };
    const added = props.access.edit === 'full' && addedRows(values, parsed.blankRows);
    if (added) return c.html(<ItemPage {...page} emptyRows={added} notice="row_added" />);
    if (item.summary.version !== baseVersion) return conflict(c, kind, slug, document, item);
    const problems = checkDocument(kind, document, props.options);
    const ctx = c.get('page');
    if (problems.length)
      return c.html(<ItemPage {...page} errors={problemMessages(kind, ctx, problems)} />, 422);
    try {
      await saveDraft(principal, kind, slug, baseVersion, document);
    } catch (error) {
      if (error instanceof EditConflict) return conflict(c, kind, slug, document, error.current);
      const fields = fieldsOf(error);
      if (!fields) throw error;
      return c.html(<ItemPage {...page} errors={problemMessages(kind, ctx, fields)} />, 422);
    }
    return c.redirect(itemHref(c, kind, slug, 'saved'), 303);
  });

  for (const [path, action, resource, run, done] of WORKFLOW) {
    app.post(`${ITEM.slice(6)}/${path}`, async (c) => {
      const { principal } = requireSignedIn(c);
      authorize(principal, action, resource);
      const { kind, slug } = itemParams(c);
      const baseVersion = versionOf(await readValues(c));
      try {
        await run(db, { principal }, kind, slug, { baseVersion });
      } catch (error) {
        return workflowProblem(c, principal, kind, slug, error);
      }
      return c.redirect(itemHref(c, kind, slug, done), 303);
    });
  }

  app.post(`${ITEM.slice(6)}/schedule`, async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'publish', 'content');
    const { kind, slug } = itemParams(c);
    const values = await readValues(c);
    const publishAt = parseSiteTime(String(values.publishAt ?? ''));
    const late = publishAt && publishAt.getTime() <= Date.now();
    if (!publishAt || late) {
      const item = await loadItem(db, kind, slug);
      const key = late ? 'editorial.error.schedule_past' : 'editorial.error.schedule_invalid';
      const props = await itemProps(c, principal, kind, item);
      return c.html(<ItemPage {...props} errors={{ publishAt: c.get('page').t(key) }} />, 422);
    }
    try {
      await schedule(db, { principal }, kind, slug, { baseVersion: versionOf(values), publishAt });
    } catch (error) {
      return workflowProblem(c, principal, kind, slug, error);
    }
    return c.redirect(itemHref(c, kind, slug, 'scheduled'), 303);
  });

  app.get(`${ITEM.slice(6)}/delete`, async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'delete', 'content');
    const { kind, slug } = itemParams(c);
    const item = await loadItem(db, kind, slug);
    return c.html(<Delete c={c} kind={kind} item={item} />);
  });

  app.post(`${ITEM.slice(6)}/delete`, async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'delete', 'content');
    const { kind, slug } = itemParams(c);
    const baseVersion = versionOf(await readValues(c));
    try {
      await deleteItem(db, { principal }, kind, slug, { baseVersion });
    } catch (error) {
      if (!(error instanceof DependentsConflict))
        return workflowProblem(c, principal, kind, slug, error);
      const item = await loadItem(db, kind, slug);
      const message = c.get('page').t('editorial.error.dependents', {
        list: error.dependents.map((d) => `${d.kind} ${d.slug}`).join(', '),
      });
      return c.html(<Delete c={c} kind={kind} item={item} message={message} />, 409);
    }
    return c.redirect(itemHref(c, kind, slug, 'deleted'), 303);
  });

  app.get(`${ITEM.slice(6)}/preview`, async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'read', 'content');
    const { kind, slug } = itemParams(c);
    const item = await loadItem(db, kind, slug);
    const ctx = c.get('page');
    const editHref = ctx.href(`/admin/content/${kind}/${slug}`);
    try {
      if (item.summary.deleted) throw new AppError('not_found', 'deleted item has no preview');
      return c.html(
        await renderPreview(db, {
          kind,
          document: item.document as unknown as Record<string, unknown>,
          ctx,
          baseUrl,
          editHref,
        }),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const title = ctx.t('editorial.preview.banner');
      return c.html(
        <AdminPage ctx={ctx} title={title} baseUrl={baseUrl}>
          <h1>{title}</h1>
          <p class="note" role="alert">
            {item.summary.deleted
              ? ctx.t('editorial.preview.unavailable')
              : ctx.t('editorial.error.other', { detail: error.message })}
          </p>
          <p>
            <a href={editHref}>{ctx.t('editorial.preview.back')}</a>
          </p>
        </AdminPage>,
        item.summary.deleted ? 404 : 409,
      );
    }
  });

  // ----------------------------------------------------------------------------------------------

  function saveDraft(
    principal: Principal,
    kind: ContentKind,
    slug: string,
    baseVersion: number,
    document: Record<string, unknown>,
  ) {
    return saveDraftService(db, { principal }, kind, slug, { baseVersion, document });
  }

  async function pageProps(c: AdminContext, principal: Principal, kind: ContentKind) {
    return {
      ctx: c.get('page'),
      baseUrl,
      csrf: c.get('csrf'),
      kind,
      access: accessOf(principal),
      options: await loadOptions(db, c.get('page').locale),
    } satisfies Omit<ItemPageProps, 'document'>;
  }

  async function itemProps(
    c: AdminContext,
    principal: Principal,
    kind: ContentKind,
    item: ItemState,
  ): Promise<ItemPageProps> {
    return {
      ...(await pageProps(c, principal, kind)),
      summary: item.summary,
      document: item.document as unknown as Record<string, unknown>,
    };
  }

  function conflict(
    c: AdminContext,
    kind: ContentKind,
    slug: string,
    typed: Record<string, unknown>,
    current: ItemState,
  ) {
    return c.html(
      <ConflictPage
        ctx={c.get('page')}
        baseUrl={baseUrl}
        kind={kind}
        slug={slug}
        version={current.summary.version}
        typed={typed}
        saved={current.document}
      />,
      409,
    );
  }

  /** A workflow button that could not act: the edit page again, with why, and nothing changed. */
  async function workflowProblem(
    c: AdminContext,
    principal: Principal,
    kind: ContentKind,
    slug: string,
    error: unknown,
  ) {
    if (!(error instanceof AppError) || error.status >= 500 || error.code === 'not_found')
      throw error;
    const item = await loadItem(db, kind, slug);
    const props = await itemProps(c, principal, kind, item);
    const ctx = c.get('page');
    if (error instanceof EditConflict) return c.html(<ItemPage {...props} notice="stale" />, 409);
    const fields = error.details.fields;
    const errors: PathErrors = fields?.length ? problemMessages(kind, ctx, fields) : {};
    const message = fields?.length
      ? undefined
      : ctx.t('editorial.error.other', { detail: error.message });
    return c.html(
      <ItemPage {...props} errors={errors} message={message} />,
      error.status === 409 ? 409 : 422,
    );
  }

  function Delete({
    c,
    kind,
    item,
    message,
  }: {
    c: AdminContext;
    kind: ContentKind;
    item: ItemState;
    message?: string;
  }) {
    return (
      <DeletePage
        ctx={c.get('page')}
        baseUrl={baseUrl}
        csrf={c.get('csrf')}
        kind={kind}
        slug={item.summary.slug}
        title={titleFor(c.get('page'), item.summary)}
        version={item.summary.version}
        message={message}
      />
    );
  }
}

function accessOf(principal: Principal): Access {
  return {
    edit: can(principal, 'update', 'content')
      ? 'full'
      : can(principal, 'update', 'translations')
        ? 'translations'
        : 'none',
    submit: can(principal, 'update', 'translations'),
    publish: can(principal, 'publish', 'content'),
    delete: can(principal, 'delete', 'content'),
  };
}

function kindParam(c: AdminContext): ContentKind {
  const kind = c.req.param('kind') ?? '';
  if (!isContentKind(kind)) throw notFound('content kind', { what: 'route' });
  return kind;
}

function itemParams(c: AdminContext): { kind: ContentKind; slug: string } {
  const kind = kindParam(c);
  const slug = c.req.param('slug') ?? '';
  if (slug.length > 200 || !isSlug(slug)) throw notFound(kind, { what: kind, slug: '' });
  return { kind, slug };
}

function itemHref(c: AdminContext, kind: ContentKind, slug: string, done: string) {
  return `${c.get('page').href(`/admin/content/${kind}/${slug}`)}?done=${done}`;
}

/** The posted form, repeated names as lists; files are dropped (no form here takes one). */
async function readValues(c: AdminContext): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    const list = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    if (list.length) values[key] = list.length === 1 ? list[0] : list;
  }
  return values;
}

/** The version the form was opened at; a form without one can only be stale. */
function versionOf(values: FormValues): number {
  const v = values.version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : -1;
}

/** "Add a row": the list to grow and how many empty rows it shows now (one more than sent). */
function addedRows(values: FormValues, blankRows: Record<string, number>) {
  const list = values._add;
  if (typeof list !== 'string' || !(list in blankRows)) return undefined;
  return { [list]: (blankRows[list] ?? 0) + 1 };
}

function fieldsOf(error: unknown): FieldProblem[] | undefined {
  if (!(error instanceof AppError) || error instanceof EditConflict) return undefined;
  if (error.code !== 'invalid_body' && error.code !== 'conflict') return undefined;
  return error.details.fields?.length ? error.details.fields : undefined;
}

function listQuery(c: AdminContext): ListQuery {
  const kind = c.req.query('kind') ?? '';
  const state = c.req.query('state') ?? '';
  const assessment = c.req.query('assessment') ?? '';
  const page = c.req.query('page') ?? '1';
  // A page that is not a number is ignored, with a note; one past the end shows the last page.
  const valid = /^\d{1,6}$/.test(page) && Number(page) >= 1;
  return {
    kind: isContentKind(kind) ? kind : undefined,
    state: LIST_STATES.find((s) => s === state),
    assessment: ASSESSMENTS.find((a) => a === assessment),
    // NUL cannot be stored in a PostgreSQL text (the query would fail).
    q: (c.req.query('q') ?? '').replace(/\0/g, '').trim().slice(0, 200),
    page: valid ? Number(page) : 1,
    badPage: !valid,
  };
}

/** The records a form may refer to: what the public site has (references must be published). */
async function loadOptions(db: Db, locale: 'es' | 'en'): Promise<FormOptions> {
  const [places, bodyRows, topicRows, policyRows] = await Promise.all([
    db.select().from(jurisdictions).orderBy(asc(jurisdictions.ocdId)),
    db.select().from(bodies).orderBy(asc(bodies.slug)),
    db.select().from(topics).orderBy(asc(topics.position), asc(topics.slug)),
    db
      .select({ slug: policies.slug, titleEs: policies.titleEs, titleEn: policies.titleEn })
      .from(policies)
      .orderBy(asc(policies.slug)),
  ]);
  return {
    jurisdictions: places.map((p) => ({ value: p.ocdId, label: pickName(locale, p) })),
    bodies: bodyRows.map((b) => ({ value: b.slug, label: pickName(locale, b) })),
    topics: topicRows.map((t) => ({ value: t.slug, label: pickName(locale, t) })),
    policies: policyRows.map((p) => ({
      value: p.slug,
      label: `${pickText(locale, p.titleEs, p.titleEn).text} (${p.slug})`,
    })),
  };
}
