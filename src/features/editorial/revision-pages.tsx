/**
 * Staff pages: revision history, diff, restore and the translator queue. Each handler: signed in,
 * authorized (before the URL is checked, so a forbidden role always gets 403), the kind and slug
 * checked (an unknown one is a 404 page), then one service call.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.ts';
import { isSlug } from '../../lib/slug.ts';
import type { Services } from '../../services.ts';
import { authorize, can } from '../accounts/permissions.ts';
import { requireSignedIn, type AdminContext, type AdminEnv } from '../admin/env.ts';
import type { RouteRule } from '../admin/route-rules.ts';
import {
  diffDocuments,
  EditConflict,
  history,
  isContentKind,
  loadItem,
  restoreRevision,
  revisionDocument,
  translationQueue,
  type ContentKind,
} from './service.ts';
import { DiffPage, HistoryPage, QueuePage } from './revision-views.tsx';

/** Registrars see paths below /{lang}/admin; the rules name them from /admin. */
const HISTORY = '/content/:kind/:slug/history';
const QUEUE = '/translations';

/** Each route here and what it requires (read by the route x role matrix test). */
export const REVISION_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  [`GET /admin${HISTORY}`]: { action: 'read', resource: 'content' },
  [`GET /admin${HISTORY}/:number`]: { action: 'read', resource: 'content' },
  [`POST /admin${HISTORY}/:number/restore`]: { action: 'update', resource: 'content' },
  [`GET /admin${QUEUE}`]: { action: 'read', resource: 'translations' },
};

const revisionNumber = z.coerce.number().int().min(1).max(1_000_000);
const restoreForm = z.object({ version: z.coerce.number().int().min(0).max(2_147_483_647) });
const queueFilter = z.object({ language: z.enum(['es', 'en']).optional() });

/** The kind and slug of the URL, or a 404 page. */
function itemParams(c: AdminContext): { kind: ContentKind; slug: string } {
  const kind = c.req.param('kind') ?? '';
  const slug = c.req.param('slug') ?? '';
  if (!isContentKind(kind)) throw notFound('content kind', { what: 'route' });
  if (slug.length > 200 || !isSlug(slug)) throw notFound(kind, { what: kind, slug: '' });
  return { kind, slug };
}

function numberParam(value: string | undefined): number {
  const parsed = revisionNumber.safeParse(value);
  if (!parsed.success) throw notFound('revision', { what: 'route' });
  return parsed.data;
}

export const revisionPages = ({ config, db }: Services, app: Hono<AdminEnv>) => {
  const { baseUrl } = config;

  const showHistory = async (
    c: AdminContext,
    kind: ContentKind,
    slug: string,
    extra: { message?: string; notice?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const { principal } = requireSignedIn(c);
    const state = await loadItem(db, kind, slug);
    const revisions = await history(db, kind, slug);
    return c.html(
      <HistoryPage
        c={c}
        baseUrl={baseUrl}
        state={state}
        revisions={revisions}
        mayRestore={can(principal, 'update', 'content')}
        restorePublishes={can(principal, 'publish', 'content')}
        {...extra}
      />,
      status,
    );
  };

  app.get(HISTORY, async (c) => {
    authorize(requireSignedIn(c).principal, 'read', 'content');
    const { kind, slug } = itemParams(c);
    const done = c.req.query('done') === 'restored' ? 'revisions.restored' : undefined;
    return showHistory(c, kind, slug, done ? { notice: c.get('page').t(done) } : {});
  });

  app.get(`${HISTORY}/:number`, async (c) => {
    authorize(requireSignedIn(c).principal, 'read', 'content');
    const { kind, slug } = itemParams(c);
    const number = numberParam(c.req.param('number'));
    const against = c.req.query('against');
    const previous = against === undefined ? number - 1 : numberParam(against);
    const after = await revisionDocument(db, kind, slug, number);
    const before = previous >= 1 ? await revisionDocument(db, kind, slug, previous) : undefined;
    const state = await loadItem(db, kind, slug);
    return c.html(
      <DiffPage
        c={c}
        baseUrl={baseUrl}
        state={state}
        number={number}
        against={previous >= 1 ? previous : null}
        entries={diffDocuments(before ?? {}, after)}
      />,
    );
  });

  app.post(`${HISTORY}/:number/restore`, async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'update', 'content');
    const { kind, slug } = itemParams(c);
    const number = numberParam(c.req.param('number'));
    const t = c.get('page').t;
    const form = restoreForm.safeParse(await c.req.parseBody());
    if (!form.success) return showHistory(c, kind, slug, { message: t('revisions.stale') }, 409);
    try {
      await restoreRevision(db, { principal }, kind, slug, {
        number,
        baseVersion: form.data.version,
      });
    } catch (error) {
      if (error instanceof EditConflict)
        return showHistory(c, kind, slug, { message: t('revisions.stale') }, 409);
      if (error instanceof AppError && error.code === 'invalid_body')
        return showHistory(c, kind, slug, { message: t('revisions.cannot_restore') }, 422);
      throw error;
    }
    return c.redirect(
      `${c.get('page').href(`/admin/content/${kind}/${slug}/history`)}?done=restored`,
      303,
    );
  });

  app.get(QUEUE, async (c) => {
    authorize(requireSignedIn(c).principal, 'read', 'translations');
    const filter = queueFilter.safeParse(c.req.query());
    const language = filter.success ? filter.data.language : undefined;
    const entries = await translationQueue(db, { locale: language });
    return c.html(<QueuePage c={c} baseUrl={baseUrl} language={language} entries={entries} />);
  });
};
