/**
 * The accounts page: an admin invites, changes roles, disables and enables; every change is
 * audited with the admin as actor; nobody else may, and an admin cannot lock themselves out.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';
import { readEmlText } from '../mail/outbox.ts';
import { accountContext } from './context.ts';
import { browser, createUserWithPassword, GOOD_PASSWORD } from './test-kit.ts';

describe('accounts page', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let adminId: string;
  let editorId: string;
  let outbox: string;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'empty');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-users-'));
    const created = createTestApp(database, { trustProxy: true, dataDir, mfaRequiredRoles: [] });
    app = created.app;
    outbox = accountContext(created.services).outboxDir;
    adminId = await createUserWithPassword(created.services, { email: 'admin@example.org' });
    editorId = await createUserWithPassword(created.services, {
      email: 'editor@example.org',
      role: 'editor',
    });
  });
  afterAll(() => database.close());

  const signedIn = async (who: string, address = '192.0.2.1') => {
    const b = browser(app, address);
    await b.get('/en/admin/sign-in');
    expect(
      (await b.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD })).status,
    ).toBe(303);
    await b.get('/en/admin/users');
    return b;
  };
  const lastAudit = async () =>
    (await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]!;

  it('invites: creates the account, emails the set-up link in both languages and shows it once', async () => {
    const admin = await signedIn('admin@example.org');
    const res = await admin.post('/en/admin/users', {
      email: 'New.Person@example.org',
      role: 'translator',
      locale: 'es',
    });
    expect(res.status).toBe(200);
    const url = /\/es\/admin\/set-up\?token=[A-Za-z0-9_-]{43}/.exec(res.html)?.[0];
    expect(url).toBeDefined();
    expect(res.html).toContain('new.person@example.org');
    const eml = readdirSync(outbox)
      .map((f) => readFileSync(path.join(outbox, f), 'utf8'))
      .find((text) => text.includes('To: new.person@example.org'));
    const { text } = readEmlText(eml!);
    expect(text).toContain(url);
    expect(text).toContain('con el rol Traducción');
    expect(text).toContain('with the role Translator');
    expect(await lastAudit()).toMatchObject({ action: 'user.created', actorId: adminId });
    expect((await browser(app).get(url!)).status).toBe(200);

    const again = await admin.post('/en/admin/users', {
      email: 'new.person@EXAMPLE.org',
      role: 'viewer',
      locale: 'en',
    });
    expect(again.status).toBe(400);
    expect(again.html).toContain('There is already an account with this email address.');
    const bad = await admin.post('/es/admin/users', {
      email: 'x@example.org',
      role: 'boss',
      locale: 'fr',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Elija un rol de la lista.');
    expect(bad.html).toContain('Elija español o inglés.');
  });

  it('changes a role and disables an account, ending its sessions, audited with the admin as actor', async () => {
    const admin = await signedIn('admin@example.org');
    const editor = await signedIn('editor@example.org', '192.0.2.2');
    const changed = await admin.post(`/en/admin/users/${editorId}/role`, { role: 'viewer' });
    expect(changed.status).toBe(303);
    expect(await lastAudit()).toMatchObject({
      action: 'user.role_changed',
      actorId: adminId,
      details: { from: 'editor', to: 'viewer', sessions_ended: expect.any(Number) },
    });
    expect((await editor.get('/en/admin')).status).toBe(303);

    expect((await admin.post(`/en/admin/users/${editorId}/disable`, {})).status).toBe(303);
    const [row] = await database.db.select().from(users).where(eq(users.id, editorId));
    expect(row!.disabledAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'user.disabled', actorId: adminId });
    const page = await admin.get('/en/admin/users');
    expect(page.html).toContain('Disabled');
    expect((await admin.post(`/en/admin/users/${editorId}/enable`, {})).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'user.enabled', actorId: adminId });
  });

  it('lets an admin change neither their own role nor their own state', async () => {
    const admin = await signedIn('admin@example.org');
    expect((await admin.post(`/en/admin/users/${adminId}/role`, { role: 'viewer' })).status).toBe(
      404,
    );
    expect((await admin.post(`/en/admin/users/${adminId}/disable`, {})).status).toBe(404);
    expect((await admin.post('/en/admin/users/not-a-uuid/disable', {})).status).toBe(404);
    const [row] = await database.db.select().from(users).where(eq(users.id, adminId));
    expect(row).toMatchObject({ role: 'admin', disabledAt: null });
  });

  it('refuses all of it to anyone but an admin', async () => {
    const viewer = await signedIn('editor@example.org', '192.0.2.3');
    expect((await viewer.get('/en/admin/users')).status).toBe(403);
    await viewer.get('/en/admin');
    for (const [target, fields] of [
      ['/en/admin/users', { email: 'x@example.org', role: 'admin', locale: 'en' }],
      [`/en/admin/users/${adminId}/role`, { role: 'viewer' }],
      [`/en/admin/users/${adminId}/disable`, {}],
    ] as const) {
      const res = await viewer.post(target, fields);
      expect(res.status, target).toBe(403);
    }
    const [row] = await database.db.select().from(users).where(eq(users.id, adminId));
    expect(row).toMatchObject({ role: 'admin', disabledAt: null });
  });
});
