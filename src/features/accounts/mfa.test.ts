/**
 * Two-step verification: RFC 6238 vectors, enrollment with a QR code and a first code, sign-in
 * with a code, a used code refused (replay), recovery codes used once, throttling, roles that
 * must enroll, and no way around it through a password reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { configureAccounts } from './context.ts';
import { createLink } from './links.ts';
import { findUserByEmail } from './service.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  manualClock,
  type Browser,
} from './test-kit.ts';
import { base32, codeAt, decryptSecret, encryptSecret, fromBase32, stepAt } from './totp.ts';

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  const secret = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(codeAt(secret, Math.floor(seconds / 30), 'sha1', 8)).toBe(code);
  });

  it('writes the secret in base32 and keeps it encrypted', () => {
    expect(base32(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(fromBase32('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(secret);
    const stored = encryptSecret('k'.repeat(43), secret);
    expect(stored).not.toContain(base32(secret));
    expect(decryptSecret('k'.repeat(43), stored)).toEqual(secret);
    expect(() => decryptSecret('j'.repeat(43), stored)).toThrow();
  });
});

describe.each(engines())('two-step verification (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  const clock = manualClock(Date.UTC(2030, 5, 1, 9, 0, 10));
  let secret: Buffer;
  let recovery: string[];
  const admin = `mfa-admin.${engine}@example.org`;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    // The default MFA_REQUIRED_ROLES: admin and editor.
    ({ app, services } = createTestApp(database, { trustProxy: true }));
    configureAccounts(services, { now: clock.now });
    await createUserWithPassword(services, { email: admin, role: 'admin' });
  });
  afterAll(() => database.close());

  const passwordStep = async (who: string, address: string): Promise<Browser> => {
    const b = browser(app, address);
    await b.get('/en/admin/sign-in');
    const res = await b.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD });
    expect(res.status).toBe(303);
    return b;
  };
  const code = () => codeAt(secret, stepAt(clock.now()));

  it('makes an admin set up an authenticator before anything else', async () => {
    const b = await passwordStep(admin, '192.0.2.1');
    for (const page of ['/en/admin', '/en/admin/audit', '/en/admin/users', '/en/admin/password'])
      expect((await b.get(page)).location, page).toBe('/en/admin/mfa/setup');
    const setup = await b.get('/en/admin/mfa/setup');
    expect(setup.status).toBe(200);
    expect(setup.html).toMatch(/<svg width="220" height="220" role="img" aria-label="QR code/);
    const key = /<code class="mono">([A-Z2-7 ]+)<\/code>/.exec(setup.html)![1]!;
    secret = fromBase32(key);
    expect(secret).toHaveLength(20);
    // A reload shows the same key: a scanned code stays valid until confirmed.
    expect((await b.get('/en/admin/mfa/setup')).html).toContain(key);

    const wrong = await b.post('/en/admin/mfa/setup', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('id="code-error"');
    const before = b.cookies.get('igualdad_session');
    const done = await b.post('/en/admin/mfa/setup', { code: code() });
    expect(done.status).toBe(200);
    recovery = [...done.html.matchAll(/<li>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/li>/g)].map(
      (m) => m[1]!,
    );
    expect(recovery).toHaveLength(10);
    expect(b.cookies.get('igualdad_session')).not.toBe(before);
    const landing = await b.get('/en/admin');
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('10 recovery codes left');
  });

  it('asks for a code after the password, and refuses a code that was already used', async () => {
    const b = await passwordStep(admin, '192.0.2.2');
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa');
    expect((await b.get('/en/admin/mfa')).status).toBe(200);
    // The code used to confirm the enrollment, in the same 30 seconds: a replay.
    const replay = await b.post('/en/admin/mfa', { code: code() });
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('already used');
    clock.advance(30_000);
    const before = b.cookies.get('igualdad_session');
    const ok = await b.post('/en/admin/mfa', { code: code() });
    expect(ok.status).toBe(303);
    expect(b.cookies.get('igualdad_session')).not.toBe(before);
    expect((await b.get('/en/admin/audit')).status).toBe(200);
    // The same code in another browser, a second later: refused.
    const other = await passwordStep(admin, '192.0.2.3');
    await other.get('/en/admin/mfa');
    expect((await other.post('/en/admin/mfa', { code: code() })).status).toBe(400);
  });

  it('accepts each recovery code once', async () => {
    const b = await passwordStep(admin, '192.0.2.4');
    await b.get('/en/admin/mfa');
    expect((await b.post('/en/admin/mfa', { code: recovery[0]!.toLowerCase() })).status).toBe(303);
    expect((await b.get('/en/admin')).html).toContain('9 recovery codes left');
    const again = await passwordStep(admin, '192.0.2.5');
    await again.get('/en/admin/mfa');
    expect((await again.post('/en/admin/mfa', { code: recovery[0]! })).status).toBe(400);
  });

  it('slows down wrong codes (429) without locking the account for good', async () => {
    clock.advance(24 * 60 * 60 * 1000);
    const b = await passwordStep(admin, '192.0.2.6');
    await b.get('/en/admin/mfa');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await b.post('/en/admin/mfa', { code: '123456' })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    clock.advance(20 * 60 * 1000);
    // After the wait, the right code works again.
    const fresh = await passwordStep(admin, '192.0.2.6');
    await fresh.get('/en/admin/mfa');
    expect((await fresh.post('/en/admin/mfa', { code: code() })).status).toBe(303);
  });

  it('does not let a password reset skip the second factor', async () => {
    const user = (await findUserByEmail(database.db, admin))!;
    const { token } = await database.db.transaction((tx) =>
      createLink(tx, { userId: user.id, purpose: 'reset', now: clock.now() }),
    );
    const b = browser(app, '192.0.2.7');
    await b.get(`/en/admin/reset/confirm?token=${token}`);
    // 12 characters are enough for an account with two-step verification.
    const done = await b.post('/en/admin/reset/confirm', {
      token,
      password: 'twelve chars',
      confirm: 'twelve chars',
    });
    expect(done.status).toBe(303);
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa');
  });

  it('leaves roles outside MFA_REQUIRED_ROLES free to choose', async () => {
    await createUserWithPassword(services, {
      email: `viewer.${engine}@example.org`,
      role: 'viewer',
    });
    const b = await passwordStep(`viewer.${engine}@example.org`, '192.0.2.8');
    const landing = await b.get('/en/admin');
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('href="/en/admin/mfa/setup"');
  });

  it('records enrollment, verifications and failures in an intact chain', async () => {
    const report = await verifyAuditChain(database.db);
    expect(report.ok).toBe(true);
    const { auditLog } = await import('../../db/schema.ts');
    const actions = (await database.db.select({ a: auditLog.action }).from(auditLog)).map(
      (r) => r.a,
    );
    expect(actions).toEqual(expect.arrayContaining(['mfa.enabled', 'mfa.verified', 'mfa.failed']));
  });
});
