/**
 * Generated form posts to the editing pages (create, save, add a row, schedule, the workflow
 * buttons), with a valid CSRF token so they reach the handlers: never a 5xx, and the audit chain
 * stays intact (a change is written whole with its audit entry, or not at all).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  type Browser,
} from '../accounts/test-kit.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { postPairs, readForm, type Pairs } from './form-kit.ts';

const POLICY = 'bernco-ar-2017-22';

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '-1',
    '1e309',
    '99999999999999999999',
    '2019-13',
    '2030-07-01T09:00',
    'ocd-division/country:us/state:nm',
    'ocd-division/country:us/state:zz',
    'detainers',
    'verified',
    'on',
    'javascript:alert(1)',
    'https://example.org/a',
  ),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

describe('hostile input to the editing pages', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let editor: Browser;
  let names: string[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    const created = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] });
    app = created.app;
    await createUserWithPassword(created.services, { email: 'ed@example.org', role: 'editor' });
    editor = browser(app, '192.0.2.200');
    await editor.get('/en/admin/sign-in');
    await editor.post('/en/admin/sign-in', { email: 'ed@example.org', password: GOOD_PASSWORD });
    const page = await editor.get(`/en/admin/content/policy/${POLICY}`);
    names = [...new Set(readForm(page.html, { className: 'edit-form' }).map(([n]) => n))];
  }, 120_000);
  afterAll(() => database?.close());

  it('never answers 5xx and keeps the audit chain whole', async () => {
    const name = fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom('_add', 'version', 'provisions[9999].es', 'actions[0].votes.yes', 'x'),
      fc
        .tuple(fc.constantFrom('provisions', 'sources', 'actions', 'identifiers'), fc.nat(40))
        .map(([list, i]) => `${list}[${i}].${list === 'actions' ? 'date' : 'es'}`),
    );
    const body = fc.array(fc.tuple(name, hostile), { maxLength: 25 });
    const target = fc.constantFrom(
      '/en/admin/content/policy',
      '/es/admin/content/faq',
      `/en/admin/content/policy/${POLICY}`,
      `/es/admin/content/policy/${POLICY}/schedule`,
      `/en/admin/content/policy/${POLICY}/submit`,
      `/en/admin/content/policy/${POLICY}/discard`,
      '/en/admin/content/talking_point/no-such-point',
      '/en/admin/content/nothing/x',
    );
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(target, body, async (path, pairs: Pairs) => {
        const res = await postPairs(app, editor, path, pairs);
        seen.add(res.status);
        expect(res.status, `${path} ${JSON.stringify(pairs).slice(0, 500)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    // The posts reached the handlers (not only the CSRF check): forms re-rendered with problems.
    expect([...seen]).toEqual(expect.arrayContaining([404, 409, 422]));
    for (const path of [
      '/en/admin/content?page=-1&kind=x&state=y&q=%00',
      '/en/admin/content?q=' + 'a'.repeat(5000),
    ])
      expect((await editor.get(path)).status).toBe(200);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  }, 300_000);
});
