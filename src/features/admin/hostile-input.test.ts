/**
 * No input to the staff pages yields a 5xx or a half-written change: generated form bodies and
 * query strings, with a valid CSRF token (so they reach the handlers), on every admin route.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  type Browser,
} from '../accounts/test-kit.ts';

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '%', '%00', '\u0000', "' or 1=1 --", '$$', '{}', 'null', '-1', '1e309'),
  fc.constantFrom(
    'admin',
    'viewer',
    'es',
    'en',
    'a@example.org',
    'a\u0000@example.org',
    'admin@example.org\u0000',
    'user.created',
    '2025-02-30',
  ),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
const fields = ['email', 'password', 'confirm', 'current', 'token', 'role', 'locale', 'x'];
const form = fc.dictionary(fc.constantFrom(...fields), hostile, { maxKeys: 6 });

describe('hostile input to the staff pages', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let admin: Browser;
  let otherId: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'empty');
    const created = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] });
    app = created.app;
    await createUserWithPassword(created.services, { email: 'admin@example.org' });
    otherId = await createUserWithPassword(created.services, {
      email: 'other@example.org',
      role: 'viewer',
    });
    admin = browser(app, '192.0.2.200');
    await admin.get('/en/admin/sign-in');
    await admin.post('/en/admin/sign-in', { email: 'admin@example.org', password: GOOD_PASSWORD });
    await admin.get('/en/admin');
  });
  afterAll(() => database.close());

  it('answers every generated form post with a 2xx, 3xx or 4xx', { timeout: 240_000 }, async () => {
    const routes = [
      '/en/admin/sign-in',
      '/es/admin/reset',
      '/en/admin/set-up',
      '/es/admin/reset/confirm',
      '/en/admin/password',
      '/en/admin/users',
      `/en/admin/users/${otherId}/role`,
      '/en/admin/users/not-a-uuid/disable',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), form, async (route, body) => {
        // Posts that would sign the admin out or change their password are answered, then the
        // session is restored, so the next run still reaches the signed-in handlers.
        const res = await admin.post(route, body);
        expect(res.status, `${route} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        if ((await admin.get('/en/admin')).status !== 200) {
          await admin.get('/en/admin/sign-in');
          await admin.post('/en/admin/sign-in', {
            email: 'admin@example.org',
            password: GOOD_PASSWORD,
          });
          await admin.get('/en/admin');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers every generated audit query with a 200 or 400', async () => {
    const query = fc.dictionary(
      fc.constantFrom('action', 'actor', 'from', 'to', 'before', 'x'),
      hostile,
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await admin.get(`/en/admin/audit?${new URLSearchParams(q).toString()}`);
        expect([200, 400], JSON.stringify(q).slice(0, 200)).toContain(res.status);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the audit chain intact', async () => {
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
