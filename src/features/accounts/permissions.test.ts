/**
 * Authorization: the permission map decides, everything unlisted is denied, and the pages obey
 * it (the route x role matrix over every admin route comes with the editing slice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { AuthError } from './errors.ts';
import {
  ACTIONS,
  authorize,
  can,
  PERMISSIONS,
  RESOURCES,
  roles,
  type Principal,
  type Role,
} from './permissions.ts';
import { browser, createUserWithPassword, GOOD_PASSWORD } from './test-kit.ts';

const as = (role: Role): Principal => ({ userId: 'u', role, mfaVerified: false });

describe('permission map', () => {
  it('allows exactly what the map lists, for every role, resource and action', () => {
    for (const role of roles)
      for (const resource of RESOURCES)
        for (const action of ACTIONS)
          expect(can(as(role), action, resource), `${role} ${action} ${resource}`).toBe(
            PERMISSIONS[role][resource]?.[action] === true,
          );
  });

  it('denies by default: no principal, an unknown role, an unknown resource or action', () => {
    expect(can(undefined, 'read', 'content')).toBe(false);
    expect(can({ ...as('admin'), role: 'organizer' as Role }, 'read', 'content')).toBe(false);
    expect(can(as('admin'), 'read', 'campaigns' as never)).toBe(false);
    expect(can(as('admin'), 'export' as never, 'content')).toBe(false);
  });

  it('keeps accounts and the audit log to admins, publishing to admins and editors', () => {
    expect(roles.filter((r) => can(as(r), 'read', 'audit_log'))).toEqual(['admin']);
    expect(roles.filter((r) => can(as(r), 'change_role', 'users'))).toEqual(['admin']);
    expect(roles.filter((r) => can(as(r), 'publish', 'content'))).toEqual(['admin', 'editor']);
    expect(roles.filter((r) => can(as(r), 'update', 'translations'))).toEqual([
      'admin',
      'editor',
      'translator',
    ]);
  });

  it('authorize() throws unauthenticated without a principal and forbidden without a rule', () => {
    expect(() => authorize(undefined, 'read', 'content')).toThrow(AuthError);
    try {
      authorize(as('viewer'), 'read', 'audit_log');
    } catch (error) {
      expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    }
    expect(() => authorize(as('admin'), 'read', 'audit_log')).not.toThrow();
  });
});

describe('audit page access and filters', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'empty');
    ({ app, services } = createTestApp(database, { trustProxy: true, mfaRequiredRoles: [] }));
    await createUserWithPassword(services, { email: 'admin@example.org', role: 'admin' });
    for (const role of ['editor', 'translator', 'viewer'] as const)
      await createUserWithPassword(services, { email: `${role}@example.org`, role });
  });
  afterAll(() => database.close());

  const signedIn = async (who: string) => {
    const b = browser(app, '192.0.2.1');
    await b.get('/en/admin/sign-in');
    expect(
      (await b.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD })).status,
    ).toBe(303);
    return b;
  };

  it('sends people who are not signed in to the sign-in page, and back after it', async () => {
    const b = browser(app);
    const res = await b.get('/es/admin/audit?action=sign_out');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/es/admin/sign-in?next=%2Fes%2Fadmin%2Faudit');
    await b.get(res.location!);
    const after = await b.post(res.location!, {
      email: 'admin@example.org',
      password: GOOD_PASSWORD,
    });
    expect(after.location).toBe('/es/admin/audit');
    // An address elsewhere is never a destination.
    const evil = await b.get('/es/admin/sign-in?next=https%3A%2F%2Fevil.example');
    expect(evil.status).toBe(303);
    expect(evil.location).toBe('/es/admin');
  });

  it.each(['editor', 'translator', 'viewer'])(
    'refuses the audit log to a %s (403)',
    async (role) => {
      const b = await signedIn(`${role}@example.org`);
      const res = await b.get('/en/admin/audit');
      expect(res.status).toBe(403);
      expect(res.html).toContain('Your role does not allow this');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await b.get('/en/admin')).html).not.toContain('/en/admin/audit');
    },
  );

  it('shows an admin the log, filtered, in both languages', async () => {
    const b = await signedIn('admin@example.org');
    const all = await b.get('/en/admin/audit');
    expect(all.status).toBe(200);
    expect(all.headers.get('cache-control')).toBe('no-store');
    expect(all.html).toContain('Account created');
    expect(all.html).toContain('Signed in');
    const created = await b.get('/es/admin/audit?action=user.created');
    expect(created.html).toContain('Cuenta creada');
    expect(created.html).not.toContain('Inicio de sesión</td>');
    expect(created.html.match(/<tr>/g)?.length).toBe(1 + 4);
    const byAdmin = await b.get(
      '/en/admin/audit?actor=ADMIN%40example.org&action=sign_in.succeeded',
    );
    expect(byAdmin.html.match(/<td>admin@example.org<\/td>/g)?.length).toBeGreaterThan(0);
    expect(byAdmin.html).not.toContain('<td>viewer@example.org</td>');
    const system = await b.get('/en/admin/audit?actor=system');
    expect(system.html).toContain('Command line or unknown person');
  });

  it.each([
    ['en', 'from=2025-13-01', 'from-error', 'Enter a date like 2025-03-14.'],
    ['es', 'action=nope', 'action', 'Elija una acción de la lista.'],
    ['en', 'from=2025-03-02&to=2025-03-01', 'to-error', 'The end date must not be before'],
    ['en', 'before=-4', 'Start again from the first page', 'Start again from the first page'],
    ['en', 'actor=ghost%40example.org', 'actor-error', 'No account has this email address.'],
  ])('explains a bad filter beside it, never a 500 (%s %s)', async (lang, query, marker, text) => {
    const b = await signedIn('admin@example.org');
    const res = await b.get(`/${lang}/admin/audit?${query}`);
    expect(res.status).toBeLessThan(500);
    expect(res.html).toContain(marker);
    expect(res.html).toContain(text);
  });
});
