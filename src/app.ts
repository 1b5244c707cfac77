/**
 * The composition root: middleware order and every feature's routes, in one place.
 */
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';
import { adminApp } from './features/admin/app.tsx';
import { apiApp } from './features/api/app.ts';
import { healthRoutes } from './features/health/routes.ts';
import { negotiateLocale } from './i18n/catalog.ts';
import { isDatabaseUnavailable } from './lib/db-errors.ts';
import { AppError, notFound } from './lib/errors.ts';
import { problemResponse } from './lib/problem.ts';
import type { Services } from './services.ts';
import { compress } from './web/compress.ts';
import { errorPage } from './web/errors.tsx';
import { pages } from './web/pages.ts';
import { preferredLocale, webRoutes } from './web/routes.ts';
import { securityHeaders } from './web/security.ts';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();

  app.use(requestLog(services));
  app.use(securityHeaders(services.config));
  app.use(compress());
  app.use(async (c, next) => {
    const lang = c.req.query('lang');
    c.set(
      'locale',
      lang === 'es' || lang === 'en'
        ? lang
        : negotiateLocale(c.req.header('accept-language'), services.config.defaultLocale),
    );
    await next();
  });

  app.route('/', healthRoutes(services));
  app.route('/api/v1', apiApp(services));
  app.route('/', adminApp(services));
  app.route('/', webRoutes(services, pages));

  const wantsHtml = (path: string) => !path.startsWith('/api/') && path !== '/healthz';
  const localeOf = (c: Context<AppEnv>) =>
    c.get('locale') ??
    (wantsHtml(c.req.path)
      ? preferredLocale(c, services.config.defaultLocale)
      : services.config.defaultLocale);

  app.notFound((c) => {
    if (wantsHtml(c.req.path)) return errorPage(c, 404, localeOf(c), services.config.baseUrl);
    return problemResponse(c, notFound('route', { what: 'route' }), localeOf(c));
  });
  app.onError((error, c) => {
    const locale = localeOf(c);
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (isDatabaseUnavailable(error)) {
      services.logger.warn({ err: { message: error.message } }, 'database unavailable');
      appError = new AppError('service_unavailable', error.message);
    } else {
      services.logger.error({ err: error, path: c.req.path }, 'unhandled error');
      appError = new AppError('internal', error.message);
    }
    if (wantsHtml(c.req.path) && appError.status >= 500) {
      return errorPage(c, appError.status === 503 ? 503 : 500, locale, services.config.baseUrl);
    }
    if (wantsHtml(c.req.path) && appError.status === 404)
      return errorPage(c, 404, locale, services.config.baseUrl);
    return problemResponse(c, appError, locale);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** One line per request: method, route path, status, duration. No address, query or agent. */
function requestLog(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // With the level off (LOG_LEVEL above info), skip the clock and the record as well.
    if (!services.logger.isLevelEnabled('info')) return next();
    const started = performance.now();
    await next();
    services.logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
