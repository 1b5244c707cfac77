/**
 * The staff pages under /{lang}/admin: mounted before the public site, so the public page cache
 * never sees them. Every response is `Cache-Control: no-store`. The frame, in order: language and
 * page context; a body limit; the session (cookie -> valid session or none); the CSRF checks on
 * every state-changing request; then the feature pages. Authentication and authorization errors
 * become the sign-in redirect, a 403 page or a 429 page here.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { locales, type Locale } from '../../config.ts';
import type { Services } from '../../services.ts';
import { pageContext } from '../../web/i18n.ts';
import { splitRequestUrl } from '../../web/routes.ts';
import { accountContext } from '../accounts/context.ts';
import { readCookie, writeCookie } from '../accounts/cookies.ts';
import { CSRF_FIELD, checkCsrf, csrfToken, ensureCsrfCookie } from '../accounts/csrf.ts';
import { AuthError } from '../accounts/errors.ts';
import { accountPages } from '../accounts/pages.tsx';
import { userPages } from '../accounts/users-pages.tsx';
import { mfaRequiredFor } from '../accounts/mfa.ts';
import { mfaPages } from '../accounts/mfa-pages.tsx';
import { findSession } from '../accounts/sessions.ts';
import { auditPages } from '../audit/pages.tsx';
import { passkeyPages } from '../accounts/passkey-pages.tsx';
import { editPages } from '../editorial/edit-pages.tsx';
import { revisionPages } from '../editorial/revision-pages.tsx';
import { AdminPage } from './components.tsx';
import type { AdminContext, AdminEnv, AdminRegistrar } from './env.ts';

const registrars: AdminRegistrar[] = [
  accountPages,
  mfaPages,
  passkeyPages,
  userPages,
  auditPages,
  editPages,
  revisionPages,
];

const MAX_FORM_BYTES = 32 * 1024;
/** A policy's form carries its full text in both languages: room for a long ordinance. */
const MAX_CONTENT_FORM_BYTES = 1024 * 1024;

export function adminApp(services: Services) {
  const app = new Hono<AdminEnv>();
  for (const locale of locales) app.route(`/${locale}/admin`, adminSite(services, locale));
  return app;
}

function adminSite(services: Services, locale: Locale) {
  const { config, db } = services;
  const context = accountContext(services);
  const site = new Hono<AdminEnv>();

  site.use(async (c, next) => {
    const [path, search] = splitRequestUrl(c.req.url);
    c.set('locale', locale);
    c.set('page', pageContext(locale, `${path.slice(locale.length + 1)}${search}`));
    await next();
    c.res.headers.set('cache-control', 'no-store');
    c.res.headers.set('x-robots-tag', 'noindex, nofollow');
    c.res.headers.set('content-language', locale);
  });
  const tooLarge = (c: AdminContext) => c.text(c.get('page').t('admin.errors.too_large'), 413);
  const formLimit = bodyLimit({ maxSize: MAX_FORM_BYTES, onError: tooLarge });
  const contentLimit = bodyLimit({ maxSize: MAX_CONTENT_FORM_BYTES, onError: tooLarge });
  site.use((c, next) =>
    new URL(c.req.url).pathname.startsWith(`/${locale}/admin/content/`)
      ? contentLimit(c, next)
      : formLimit(c, next),
  );
  site.use(async (c, next) => {
    const token = readCookie(c, config, 'session');
    const signedIn = token ? await findSession(db, { token, now: context.now() }) : undefined;
    if (token && !signedIn) writeCookie(c, config, 'session', '', 0);
    if (signedIn) c.set('signedIn', signedIn);
    c.set(
      'mfaSetupRequired',
      signedIn ? mfaRequiredFor(signedIn.principal.role, config.mfaRequiredRoles) : false,
    );
    c.set('csrf', csrfToken(context.keys.csrf, ensureCsrfCookie(c, config), signedIn?.sessionId));
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = c.req.header('content-type') ?? '';
      const form =
        type.startsWith('application/x-www-form-urlencoded') ||
        type.startsWith('multipart/form-data')
          ? await c.req.parseBody()
          : {};
      checkCsrf(c, config, context.keys.csrf, signedIn?.sessionId, form[CSRF_FIELD]);
    }
    await next();
  });

  site.onError((error, c) => {
    if (!(error instanceof AuthError)) throw error;
    const ctx = c.get('page') ?? pageContext(locale, '/admin');
    if (error.code === 'mfa_required' || error.code === 'mfa_setup_required')
      return c.redirect(
        `/${locale}/admin/${error.code === 'mfa_required' ? 'mfa' : 'mfa/setup'}`,
        303,
      );
    if (error.code === 'unauthenticated') {
      const [path] = splitRequestUrl(c.req.url);
      const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(path)}` : '';
      return c.redirect(`/${locale}/admin/sign-in${next}`, 303);
    }
    if (error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds));
    const key = `admin.errors.${error.code}`;
    return c.html(
      <AdminPage ctx={ctx} title={ctx.t(`${key}.title`)} baseUrl={config.baseUrl}>
        <h1>{ctx.t(`${key}.title`)}</h1>
        <p>{ctx.t(`${key}.body`)}</p>
        <p class="actions">
          <a class="button" href={ctx.href('/admin')}>
            {ctx.t('admin.errors.back')}
          </a>
        </p>
      </AdminPage>,
      error.status as 403 | 429,
    );
  });

  for (const register of registrars) register(services, site);
  return site;
}
