/**
 * The route x role x method matrix (issue 4, item 4), for the staff pages: the routes come from
 * the app's own router, every one must have a rule in route-rules.ts, and every role, and nobody
 * signed in, gets exactly what the rule and the permission map say: deny by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { CONTENT_KINDS } from '../../db/schema.ts';
import { can, roles, type Role } from '../accounts/permissions.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  type Browser,
} from '../accounts/test-kit.ts';
import { ADMIN_ROUTE_RULES } from './route-rules.ts';

describe('route x role matrix (staff pages)', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let targetId: string;
  let routes: { method: string; path: string; key: string }[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'empty');
    const created = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] });
    app = created.app;
    for (const role of roles)
      await createUserWithPassword(created.services, { email: `${role}@example.org`, role });
    targetId = await createUserWithPassword(created.services, {
      email: 'target@example.org',
      role: 'viewer',
    });
    routes = app.routes
      .filter((r) => r.method !== 'ALL' && /^\/(es|en)\/admin(\/|$)/.test(r.path))
      .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path.slice(3)}` }));
  });
  afterAll(() => database.close());

  it('has a rule for every staff route the router knows, in both languages, and no stale rule', () => {
    const keys = new Set(routes.map((r) => r.key));
    expect(routes.length).toBe(2 * Object.keys(ADMIN_ROUTE_RULES).length);
    expect([...keys].filter((k) => !(k in ADMIN_ROUTE_RULES))).toEqual([]);
    expect(Object.keys(ADMIN_ROUTE_RULES).filter((k) => !keys.has(k))).toEqual([]);
  });

  const signIn = async (b: Browser, role: Role) => {
    await b.get('/en/admin/sign-in');
    await b.post('/en/admin/sign-in', { email: `${role}@example.org`, password: GOOD_PASSWORD });
    await b.get('/en/admin');
  };
  // Every parameter gets a value the handler accepts (a real user, a real kind of content), so the
  // check reaches authorization rather than stopping at "no such kind"; slugs name nothing.
  const call = async (b: Browser, method: string, path: string) => {
    const values: Record<string, string> = { id: targetId, kind: CONTENT_KINDS[0] };
    const concrete = path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? `no-${name}`);
    return method === 'GET' ? b.get(concrete) : b.post(concrete, {});
  };
  const toSignIn = (location: string | null) => Boolean(location?.includes('/admin/sign-in'));

  it('sends nobody-signed-in to sign in on every route but the public ones', async () => {
    const b = browser(app, '192.0.2.50');
    await b.get('/en/admin/sign-in');
    for (const { method, path, key } of routes.filter((r) => r.path.startsWith('/en/'))) {
      const res = await call(b, method, path);
      const rule = ADMIN_ROUTE_RULES[key];
      expect(res.status, key).toBeLessThan(500);
      if (rule === 'public') {
        expect(res.status, key).not.toBe(403);
        expect(toSignIn(res.location) && !key.includes('sign-in'), key).toBe(false);
      } else {
        expect(res.status, key).toBe(303);
        expect(toSignIn(res.location), key).toBe(true);
      }
    }
  });

  it.each(roles)('gives a %s exactly what the rules allow', async (role) => {
    const b = browser(app, `192.0.2.${60 + roles.indexOf(role)}`);
    await signIn(b, role);
    const mismatches: string[] = [];
    for (const { method, path, key } of routes) {
      const rule = ADMIN_ROUTE_RULES[key]!;
      const res = await call(b, method, path);
      const denied = res.status === 403;
      const allowed =
        rule === 'public' ||
        rule === 'password_step' ||
        can({ userId: 'x', role, mfaVerified: false }, rule.action, rule.resource);
      // A 5xx is never an answer: it would hide whether the rule held.
      if (
        allowed === denied ||
        res.status >= 500 ||
        (res.status === 303 && toSignIn(res.location) && rule !== 'password_step')
      )
        mismatches.push(`${key}: ${res.status} ${res.location ?? ''} (rule allows: ${allowed})`);
      // Routes that sign out (or end sessions) are still checked; sign in again after them.
      if ((await b.get('/en/admin')).status !== 200) await signIn(b, role);
    }
    expect(mismatches).toEqual([]);
  });
});
