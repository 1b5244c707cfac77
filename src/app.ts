/**
 * The composition root: middleware order and every feature's routes, in one place.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.ts';
import { apiApp } from './features/api/app.ts';
import { healthRoutes } from './features/health/routes.ts';
import { negotiateLocale } from './i18n/catalog.ts';
import { isDatabaseUnavailable } from './lib/db-errors.ts';
import { AppError, notFound } from './lib/errors.ts';
import { problemResponse } from './lib/problem.ts';
import type { Services } from './services.ts';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();

  app.use(requestLog(services));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
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

  app.notFound((c) =>
    problemResponse(
      c,
      notFound('route', { what: 'route' }),
      c.get('locale') ?? services.config.defaultLocale,
    ),
  );
  app.onError((error, c) => {
    const locale = c.get('locale') ?? services.config.defaultLocale;
    if (error instanceof AppError) return problemResponse(c, error, locale);
    if (isDatabaseUnavailable(error)) {
      services.logger.warn({ err: { message: error.message } }, 'database unavailable');
      return problemResponse(c, new AppError('service_unavailable', error.message), locale);
    }
    services.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return problemResponse(c, new AppError('internal', error.message), locale);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** One line per request: method, route path, status, duration. No address, query or agent. */
function requestLog(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
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
