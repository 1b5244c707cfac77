/**
 * The whole app's routes (issue 4, item 4), read from the composed app itself: public site, API,
 * assets, health and the staff pages. A route is either a safe method (GET, HEAD, OPTIONS) on a
 * public path, or a staff route with a rule in ADMIN_ROUTE_RULES (admin/authorization.test.ts then
 * checks every role against that rule); any other state-changing route fails here. Anonymous
 * writes to every public and API path are answered 404 or 405: never 2xx, never 500 (this also
 * catches a middleware that would answer a write itself, which the route list cannot show).
 */
import type { Hono } from 'hono';
import { inspectRoutes } from 'hono/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../test/harness.ts';
import type { Database } from './db/client.ts';
import { ADMIN_ROUTE_RULES } from './features/admin/route-rules.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const STAFF_PATH = /^\/(es|en)\/admin(\/|$)/;

interface Route {
  method: string;
  path: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono app, whatever its env
type AnyApp = Hono<any, any, any>;

/**
 * Routes that answer requests. Hono's own inspector tells middleware (`app.use`, which only passes
 * requests on) from handlers by arity: a middleware takes `next`.
 */
function handlersOf(app: AnyApp): Route[] {
  const keys = new Set(
    inspectRoutes(app)
      .filter((r) => !r.isMiddleware)
      .map((r) => `${r.method} ${r.path}`),
  );
  return [...keys].map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, path };
  });
}

/** Every route that breaks the rule, as "METHOD path" with why. */
function violations(routes: Route[]): string[] {
  return routes.flatMap(({ method, path }) => {
    if (STAFF_PATH.test(path)) {
      const key = `${method} ${path.slice(3)}`;
      return key in ADMIN_ROUTE_RULES ? [] : [`${method} ${path}: staff route without a rule`];
    }
    // "ALL" is a handler for every method, writes included.
    return SAFE_METHODS.has(method) ? [] : [`${method} ${path}: writes on a public path`];
  });
}

/** A request path for a route pattern: ":lang{es|en}" -> "es", ":slug" -> a sample value. */
function concrete(path: string, samples: Record<string, string>): string {
  return path
    .replace(/:(\w+)\{([^}|]+)[^}]*\}\??/g, (_m, _name: string, first: string) => first)
    .replace(/:(\w+)\??/g, (_m, name: string) => samples[name] ?? `no-such-${name}`)
    .replace(/\/\*$/, '/anything-else');
}

describe('route x method matrix (the whole app)', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let routes: Route[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    app = createTestApp(database).app;
    routes = handlersOf(app);
  }, 60_000);
  afterAll(() => database.close());

  it('sees every part of the app: public pages, API, assets, health and staff pages', () => {
    const parts = [
      /^\/(es|en)\/(?!admin)/,
      /^\/api\/v1\//,
      /^\/assets\//,
      /^\/healthz$/,
      STAFF_PATH,
    ];
    for (const part of parts)
      expect(
        routes.some((r) => part.test(r.path)),
        String(part),
      ).toBe(true);
  });

  it('has only safe methods on public paths, and a rule for every staff route', () => {
    expect(violations(routes)).toEqual([]);
  });

  it('would fail for a public write, a handler for every method, or a staff route without a rule', () => {
    const extended = createTestApp(database).app;
    extended.post('/es/petitions/:slug/sign', (c) => c.text('signed'));
    extended.all('/api/v1/anything', (c) => c.text('any method'));
    extended.get('/en/admin/secret-export', (c) => c.text('everything'));
    expect(violations(handlersOf(extended))).toEqual([
      'POST /es/petitions/:slug/sign: writes on a public path',
      'ALL /api/v1/anything: writes on a public path',
      'GET /en/admin/secret-export: staff route without a rule',
    ]);
  });

  it('answers anonymous writes to every public and API path with 404 or 405', async () => {
    // Real values where they exist, so the writes reach paths whose GET finds something.
    const home = await (await app.request('/es')).text();
    const asset = /href="\/assets\/([^"]+\.css)"/.exec(home)?.[1];
    expect(asset).toBeDefined();
    const samples = { slug: 'abq-r-18-7', file: asset!, id: 'albuquerque' };
    const paths = new Set(
      inspectRoutes(app)
        .filter((r) => !STAFF_PATH.test(r.path))
        .map((r) => concrete(r.path, samples)),
    );
    expect(paths.size).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const path of paths) {
      for (const method of WRITE_METHODS) {
        const res = await app.request(path, {
          method,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'q=x&_csrf=x&email=a%40example.org',
        });
        if (res.status !== 404 && res.status !== 405)
          wrong.push(`${method} ${path}: ${res.status}`);
        await res.arrayBuffer();
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});
