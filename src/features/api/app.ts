/**
 * The read API under /api/v1: request validation through the route schemas, problem+json
 * errors, ETag/304 and Cache-Control on every GET, and the OpenAPI 3.1 document.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from '../../app-env.ts';
import { invalidParameters } from '../../lib/errors.ts';
import { fieldProblems } from '../../lib/problem.ts';
import type { Services } from '../../services.ts';
import { divisionRoutes } from '../divisions/routes.ts';
import { exportRoutes } from '../exports/routes.ts';
import { faqRoutes } from '../faq/routes.ts';
import { officialApiRoutes } from '../officials/api-routes.ts';
import { representativeRoutes } from '../officials/routes.ts';
import { voteEventRoutes } from '../officials/vote-event-routes.ts';
import { jurisdictionRoutes } from '../jurisdictions/routes.ts';
import { policyRoutes } from '../policies/routes.ts';
import { topicRoutes } from '../topics/routes.ts';
import { sha1 } from './etag.ts';
import { apiReferenceRoutes } from './reference.tsx';

export const API_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

export const openApiConfig = (baseUrl: string) => ({
  openapi: '3.1.0',
  info: {
    title: 'Igualdad API',
    version: '1.0.0',
    description:
      'Read-only API of the Igualdad policy library: policies that protect or threaten immigrant residents, their jurisdictions, FAQ and talking points, in Spanish and English.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  servers: [{ url: baseUrl }],
});

/**
 * PostgreSQL text cannot hold U+0000, so a NUL in any parameter would fail deep in a query:
 * refuse it up front, naming the parameter.
 */
const rejectNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const names = Object.entries(c.req.queries())
    .filter(([, values]) => values.some((v) => v.includes('\u0000')))
    .map(([name]) => name);
  let path = c.req.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: the router treats it as plain text.
  }
  if (path.includes('\u0000')) names.push('path');
  if (names.length)
    throw invalidParameters(names.map((name) => ({ name, reason: 'validation.invalid' })));
  await next();
};

export function apiApp(services: Services) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidParameters(fieldProblems(result.error));
    },
  });
  app.use(async (c, next) => {
    await next();
    // On the response's own headers: c.header() after the handler would copy the response and
    // turn its body into a stream (decision 012).
    const headers = c.res.headers;
    if (c.req.method === 'GET' && c.res.status === 200 && !headers.has('cache-control')) {
      headers.set('cache-control', API_CACHE_CONTROL);
    }
    headers.set('vary', 'Accept-Language, Accept-Encoding');
  });
  app.use(etag({ generateDigest: (body) => new Uint8Array(sha1(body)).buffer }));
  app.use(rejectNulCharacters);

  policyRoutes(services, app);
  jurisdictionRoutes(services, app);
  topicRoutes(services, app);
  faqRoutes(services, app);
  divisionRoutes(services, app);
  representativeRoutes(services, app);
  officialApiRoutes(services, app);
  voteEventRoutes(services, app);
  exportRoutes(services, app);

  const document = openApiConfig(services.config.baseUrl);
  app.doc31('/openapi.json', document);
  apiReferenceRoutes(app, () => app.getOpenAPI31Document(document));
  return app;
}
