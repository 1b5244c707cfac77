/**
 * Accounts through the real app and database: set-up links, sign-in and sign-out, session
 * fixation and replay, idle and absolute timeouts (a moved clock, no sleeping), CSRF, backoff
 * without lockout, no enumeration, password policy, role and disable changes, and that every one
 * of them is in the audit log.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { auditLog, sessions, users } from '../../db/schema.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { readEmlText } from '../mail/outbox.ts';
import { configureAccounts, settled } from './context.ts';
import { createUser, changeRole, setUserDisabled } from './service.ts';
import { browser, createUserWithPassword, GOOD_PASSWORD, manualClock } from './test-kit.ts';

const MINUTE = 60_000;

/** The database's own message for a failed statement (drizzle wraps it). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    const e = error as { message: string; cause?: { message?: string } };
    return e.cause?.message ?? e.message;
  }
}

describe.each(engines())('accounts (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  let outbox: string;
  const clock = manualClock(Date.UTC(2030, 0, 15, 12));

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-accounts-'));
    ({ app, services } = createTestApp(database, {
      trustProxy: true,
      dataDir,
      mfaRequiredRoles: [],
    }));
    outbox = configureAccounts(services, { now: clock.now }).outboxDir;
  });
  afterAll(() => database.close());

  let n = 0;
  const email = () => `person${++n}.${engine}@example.org`;
  const signIn = async (
    b = browser(app),
    address?: string,
    who?: string,
    password = GOOD_PASSWORD,
  ) => {
    if (address) b.address = address;
    await b.get('/en/admin/sign-in');
    const res = await b.post('/en/admin/sign-in', { email: who ?? '', password });
    // Signed in: the landing page gives the forms their session-bound CSRF token.
    if (res.status === 303) await b.get('/en/admin');
    return { b, res };
  };
  const sessionCookie = (b: ReturnType<typeof browser>) => b.cookies.get('igualdad_session');
  const actions = async () =>
    (await database.db.select().from(auditLog).orderBy(auditLog.seq)).map((r) => r.action);

  it('set-up link: sets the password once, signs in, then no longer works', async () => {
    const who = email();
    const created = await createUser(database.db, {
      email: who,
      role: 'editor',
      locale: 'en',
      actorId: null,
      now: clock.now(),
    });
    const b = browser(app);
    const form = await b.get(`/en/admin/set-up?token=${created.token}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(who);
    expect(form.headers.get('cache-control')).toBe('no-store');

    const short = await b.post('/en/admin/set-up', {
      token: created.token,
      password: 'short one',
      confirm: 'short one',
    });
    expect(short.status).toBe(400);
    expect(short.html).toContain('id="password-error"');
    expect(short.html).toContain('Use at least 15 characters');

    const mismatch = await b.post('/en/admin/set-up', {
      token: created.token,
      password: GOOD_PASSWORD,
      confirm: `${GOOD_PASSWORD}!`,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain('id="confirm-error"');

    const done = await b.post('/en/admin/set-up', {
      token: created.token,
      password: GOOD_PASSWORD,
      confirm: GOOD_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/en/admin?password_set');
    const landing = await b.get('/en/admin?password_set');
    expect(landing.status).toBe(200);
    expect(landing.html).toContain(who);
    expect(landing.html).toContain('Editor');

    const again = await browser(app).get(`/en/admin/set-up?token=${created.token}`);
    expect(again.status).toBe(400);
    expect(again.html).toContain('This link no longer works');
    const replay = await b.post('/en/admin/set-up', {
      token: created.token,
      password: 'another long passphrase here',
      confirm: 'another long passphrase here',
    });
    expect(replay.status).toBe(400);
  });

  it('set-up link expires after 72 hours', async () => {
    const created = await createUser(database.db, {
      email: email(),
      role: 'viewer',
      locale: 'es',
      actorId: null,
      now: clock.now(),
    });
    clock.advance(71 * 60 * MINUTE);
    expect((await browser(app).get(`/es/admin/set-up?token=${created.token}`)).status).toBe(200);
    clock.advance(61 * MINUTE);
    const expired = await browser(app).get(`/es/admin/set-up?token=${created.token}`);
    expect(expired.status).toBe(400);
    expect(expired.html).toContain('Este enlace ya no funciona');
  });

  it('signs in with a new session token (no fixation) and a signed-out cookie cannot be replayed', async () => {
    const alice = email();
    const mallory = email();
    await createUserWithPassword(services, { email: alice, role: 'viewer' });
    await createUserWithPassword(services, { email: mallory, role: 'viewer' });
    // A session id the server never issued is dropped, not adopted.
    const victim = browser(app, '198.51.100.2');
    victim.cookies.set('igualdad_session', 'chosen-by-the-attacker-0123456789abcdefghijk');
    await victim.get('/en/admin/sign-in');
    expect(sessionCookie(victim)).toBeUndefined();
    // Mallory plants her own valid session cookie in Alice's browser; Alice signs in.
    const { b: attacker } = await signIn(browser(app), '198.51.100.1', mallory);
    const planted = sessionCookie(attacker)!;
    victim.cookies.set('igualdad_session', planted);
    await victim.get('/en/admin');
    const res = await victim.post('/en/admin/sign-in', { email: alice, password: GOOD_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const fresh = sessionCookie(victim)!;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(planted);
    expect(res.headers.getSetCookie().join('\n')).toMatch(
      /igualdad_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200/,
    );
    // The planted session ended with the sign-in.
    expect((await attacker.get('/en/admin')).status).toBe(303);
    expect((await victim.get('/en/admin')).html).toContain(alice);

    const out = await victim.post('/en/admin/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/en/admin/sign-in?signed_out');
    expect(sessionCookie(victim)).toBeUndefined();
    const replay = browser(app);
    replay.cookies.set('igualdad_session', fresh);
    const replayed = await replay.get('/en/admin');
    expect(replayed.status).toBe(303);
    expect(replayed.location).toBe('/en/admin/sign-in?next=%2Fen%2Fadmin');
    expect(await actions()).toEqual(expect.arrayContaining(['sign_in.succeeded', 'sign_out']));
  });

  it('uses __Host- cookies with Secure over HTTPS', async () => {
    const page = await app.request('https://igualdad.test/en/admin/sign-in');
    expect(page.headers.getSetCookie().join('\n')).toMatch(
      /^__Host-igualdad_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/m,
    );
    const proxied = await app.request('/en/admin/sign-in', {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers.getSetCookie()[0]).toMatch(/^__Host-igualdad_csrf=.*Secure/);
  });

  it('signs out everywhere', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who });
    const { b: laptop } = await signIn(browser(app), '192.0.2.10', who);
    const { b: phone } = await signIn(browser(app), '192.0.2.11', who);
    expect((await phone.get('/en/admin')).status).toBe(200);
    expect((await laptop.post('/en/admin/sign-out-everywhere', {})).status).toBe(303);
    expect((await phone.get('/en/admin')).status).toBe(303);
    expect((await laptop.get('/en/admin')).status).toBe(303);
  });

  it('ends a session after 30 idle minutes, and 12 hours after sign-in whatever the activity', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who });
    const { b } = await signIn(browser(app), '192.0.2.20', who);
    clock.advance(29 * MINUTE);
    expect((await b.get('/en/admin')).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await b.get('/en/admin')).status).toBe(200);
    clock.advance(31 * MINUTE);
    expect((await b.get('/en/admin')).status).toBe(303);

    const { b: busy } = await signIn(browser(app), '192.0.2.21', who);
    for (let i = 0; i < 12 * 3 - 1; i++) {
      clock.advance(20 * MINUTE);
      expect((await busy.get('/en/admin')).status, `after ${(i + 1) * 20} minutes`).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await busy.get('/en/admin')).status).toBe(303);
  });

  it('refuses cross-site posts and posts without a valid CSRF token (403)', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who });
    const { b } = await signIn(browser(app), '192.0.2.30', who);
    await b.get('/en/admin');
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ['cross-site Origin', {}, { origin: 'https://evil.example' }],
      ['Sec-Fetch-Site cross-site', {}, { 'sec-fetch-site': 'cross-site' }],
      ['Sec-Fetch-Site same-site', {}, { 'sec-fetch-site': 'same-site' }],
      ['null Origin', {}, { origin: 'null' }],
      ['no token', { _csrf: '' }, {}],
      ['wrong token', { _csrf: 'x'.repeat(43) }, {}],
    ];
    for (const [label, fields, headers] of cases) {
      const res = await b.post('/en/admin/sign-out', fields, headers);
      expect(res.status, label).toBe(403);
      expect(res.html, label).toContain('This form could not be accepted');
    }
    // A token from before sign-in belongs to no session and is refused after it.
    const fresh = browser(app, '192.0.2.31');
    await fresh.get('/en/admin/sign-in');
    const anonymousToken = fresh.csrf;
    await fresh.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD });
    expect((await fresh.post('/en/admin/sign-out', { _csrf: anonymousToken })).status).toBe(403);
    // Without the CSRF cookie at all (a first request that is a post).
    const bare = await app.request('/en/admin/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(who)}&password=x&_csrf=abc`,
    });
    expect(bare.status).toBe(403);
    // Still signed in: none of these did anything.
    expect((await b.get('/en/admin')).status).toBe(200);
  });

  it(
    'backs off per account and address without locking the real user out',
    { timeout: 180_000 },
    async () => {
      const who = email();
      await createUserWithPassword(services, { email: who });
      // The real user signed in from their laptop before: the laptop has a device cookie.
      const { b: laptop } = await signIn(browser(app), '192.0.2.40', who);
      await laptop.post('/en/admin/sign-out', {});

      const attacker = browser(app, '203.0.113.50');
      await attacker.get('/en/admin/sign-in');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await attacker.post('/en/admin/sign-in', { email: who, password: `guess ${i}` })).status,
        );
      expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
      const throttled = await attacker.post('/en/admin/sign-in', { email: who, password: 'guess' });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.html).toContain('Too many attempts');
      // Even the right password is not checked while blocked.
      expect(
        (await attacker.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD })).status,
      ).toBe(429);

      // The real user, from another address, is not locked out.
      const phone = browser(app, '192.0.2.41');
      expect((await signIn(phone, undefined, who)).res.status).toBe(303);
      await phone.post('/en/admin/sign-out', {});

      // A distributed attack (SECURITY.md): 1,000 guesses, each from another address. After a
      // few, new browsers wait for this account; the laptop that signed in before does not.
      const bot = browser(app, '203.0.113.99');
      await bot.get('/en/admin/sign-in');
      let checked = 0;
      for (let i = 0; i < 1000; i++) {
        bot.address = `10.${(i >> 8) & 255}.${i & 255}.7`;
        const res = await bot.post('/en/admin/sign-in', { email: who, password: `spray ${i}` });
        expect([400, 429]).toContain(res.status);
        if (res.status === 400) checked++;
      }
      expect(checked).toBeLessThanOrEqual(11); // 10 free failures; the 11th starts the wait
      expect((await signIn(laptop, undefined, who)).res.status).toBe(303);

      // Backoff, not lockout: after the wait the attacker's address may try again.
      clock.advance(16 * MINUTE);
      expect(
        (await attacker.post('/en/admin/sign-in', { email: who, password: 'late guess' })).status,
      ).toBe(400);
    },
  );

  it('answers known and unknown emails alike: same status and body, on sign-in and reset', async () => {
    const known = email();
    await createUserWithPassword(services, { email: known });
    const unknown = `nobody.${engine}@example.org`;
    const attempt = async (who: string, address: string) => {
      const b = browser(app, address);
      await b.get('/en/admin/sign-in');
      const res = await b.post('/en/admin/sign-in', {
        email: who,
        password: 'not the password at all',
      });
      return {
        status: res.status,
        body: res.html.replaceAll(who, 'EMAIL').replace(/value="[^"]{43}"/g, ''),
      };
    };
    expect(await attempt(known, '192.0.2.60')).toEqual(await attempt(unknown, '192.0.2.61'));

    const reset = async (who: string, address: string) => {
      const b = browser(app, address);
      await b.get('/en/admin/reset');
      const res = await b.post('/en/admin/reset', { email: who });
      return { status: res.status, body: res.html.replace(/value="[^"]{43}"/g, '') };
    };
    const before = existsSync(outbox) ? readdirSync(outbox).length : 0;
    const a = await reset(known, '192.0.2.62');
    const b = await reset(unknown, '192.0.2.63');
    expect(a).toEqual(b);
    expect(a.status).toBe(200);
    await settled(services);
    expect(readdirSync(outbox).length).toBe(before + 1);
  });

  it(
    'takes as long for unknown emails as for known ones (median difference < 10 ms)',
    { timeout: 240_000 },
    async () => {
      // 200 tries in 100 pairs, one known and one unknown email, in random order within the
      // pair; the statistic is the median of the pairs' differences, so that load from other
      // processes (this machine has 2 cores) drifts both sides of a pair alike. Each try moves
      // the clock a day, so the daily throttle keys are fresh and every try takes the full path
      // (lookup, argon2id at full cost, audit write).
      const known = email();
      await createUserWithPassword(services, { email: known });
      const b = browser(app, '192.0.2.70');
      await b.get('/en/admin/sign-in');
      const attempt = async (who: string) => {
        clock.advance(24 * 60 * MINUTE);
        const started = performance.now();
        const res = await b.post('/en/admin/sign-in', {
          email: who,
          password: 'wrong but long enough',
        });
        const elapsed = performance.now() - started;
        expect(res.status).toBe(400);
        return elapsed;
      };
      const differences: number[] = [];
      for (let i = 0; i < 100; i++) {
        const ghost = `ghost${i}.${engine}@example.org`;
        if (Math.random() < 0.5) {
          const k = await attempt(known);
          differences.push(k - (await attempt(ghost)));
        } else {
          const u = await attempt(ghost);
          differences.push((await attempt(known)) - u);
        }
      }
      const median = [...differences].sort((x, y) => x - y)[50]!;
      expect(Math.abs(median)).toBeLessThan(10);
    },
  );

  it('resets a password by an emailed single-use link, in both languages, ending every session', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who });
    const { b: old } = await signIn(browser(app), '192.0.2.80', who);
    const requester = browser(app, '192.0.2.81');
    await requester.get('/es/admin/reset');
    const sent = await requester.post('/es/admin/reset', { email: who.toUpperCase() });
    expect(sent.status).toBe(200);
    expect(sent.html).toContain('Revise su correo');
    await settled(services);
    const file = readdirSync(outbox)
      .map((f) => path.join(outbox, f))
      .map((f) => ({ f, text: readFileSync(f, 'utf8') }))
      .find(({ text }) => text.includes(`To: ${who}`));
    expect(file).toBeDefined();
    const { headers, text } = readEmlText(file!.text);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(text).toContain('Alguien (esperamos que usted)');
    expect(text).toContain('Someone (we hope you)');
    const url = /https?:\/\/\S+\/es\/admin\/reset\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(text);
    expect(url).not.toBeNull();
    const token = url![1]!;

    const b = browser(app, '192.0.2.82');
    expect((await b.get(`/es/admin/reset/confirm?token=${token}`)).status).toBe(200);
    const common = await b.post('/es/admin/reset/confirm', {
      token,
      password: 'passwordpassword',
      confirm: 'passwordpassword',
    });
    expect(common.status).toBe(400);
    expect(common.html).toContain('de las más comunes');
    const next = 'otra frase larga y distinta';
    const done = await b.post('/es/admin/reset/confirm', { token, password: next, confirm: next });
    expect(done.status).toBe(303);
    expect((await b.get('/es/admin')).status).toBe(200);
    expect((await old.get('/en/admin')).status).toBe(303);
    expect((await browser(app).get(`/es/admin/reset/confirm?token=${token}`)).status).toBe(400);
    expect((await signIn(browser(app), '192.0.2.83', who, GOOD_PASSWORD)).res.status).toBe(400);
    expect((await signIn(browser(app), '192.0.2.84', who, next)).res.status).toBe(303);
  });

  it('changes the password of a signed-in user, ending their other sessions', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who });
    const { b } = await signIn(browser(app), '192.0.2.90', who);
    const { b: other } = await signIn(browser(app), '192.0.2.91', who);
    await b.get('/en/admin/password');
    const wrong = await b.post('/en/admin/password', {
      current: 'not it',
      password: 'a brand new passphrase',
      confirm: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('id="current-error"');
    const before = sessionCookie(b);
    const ok = await b.post('/en/admin/password', {
      current: GOOD_PASSWORD,
      password: 'a brand new passphrase',
      confirm: 'a brand new passphrase',
    });
    expect(ok.status).toBe(303);
    expect(sessionCookie(b)).not.toBe(before);
    expect((await b.get('/en/admin')).status).toBe(200);
    expect((await other.get('/en/admin')).status).toBe(303);
    expect(await actions()).toEqual(
      expect.arrayContaining(['password.change_failed', 'password.changed']),
    );
  });

  it('ends the sessions of a user whose role changes or who is disabled; a disabled user cannot sign in', async () => {
    const who = email();
    const id = await createUserWithPassword(services, { email: who, role: 'editor' });
    const { b } = await signIn(browser(app), '192.0.2.100', who);
    await changeRole(database.db, { actorId: null, userId: id, role: 'viewer', now: clock.now() });
    expect((await b.get('/en/admin')).status).toBe(303);
    const { b: again } = await signIn(browser(app), '192.0.2.101', who);
    expect((await again.get('/en/admin')).html).toContain('Viewer');
    await setUserDisabled(database.db, {
      actorId: null,
      userId: id,
      disabled: true,
      now: clock.now(),
    });
    expect((await again.get('/en/admin')).status).toBe(303);
    const refused = await signIn(browser(app), '192.0.2.102', who);
    expect(refused.res.status).toBe(400);
    expect(refused.res.html).toContain('The email or the password is not right');
  });

  it('rolls the change back when the audit write fails', async () => {
    const who = email();
    const id = await createUserWithPassword(services, { email: who, role: 'editor' });
    const { b } = await signIn(browser(app), '192.0.2.110', who);
    // A constraint that refuses the next role change's audit row, and only that.
    const [{ max }] = (await queryRows<{ max: number }>(
      database.db,
      sql`select coalesce(max(seq), 0)::int as max from audit_log`,
    )) as [{ max: number }];
    await database.db.execute(
      sql.raw(
        `alter table audit_log add constraint test_refuse_role check (action <> 'user.role_changed' or seq <= ${max})`,
      ),
    );
    try {
      await expect(
        changeRole(database.db, { actorId: null, userId: id, role: 'admin', now: clock.now() }),
      ).rejects.toThrow();
    } finally {
      await database.db.execute(sql`alter table audit_log drop constraint test_refuse_role`);
    }
    const [user] = await database.db.select().from(users).where(eq(users.id, id));
    expect(user!.role).toBe('editor');
    expect((await b.get('/en/admin')).status).toBe(200);
  });

  it('keeps no password, token or address in the database but as hashes', async () => {
    const who = email();
    await createUserWithPassword(services, { email: who, password: 'a secret nobody should read' });
    const { b } = await signIn(browser(app), '198.18.0.77', who, 'a secret nobody should read');
    const token = sessionCookie(b)!;
    const [row] = await database.db.select().from(users).where(eq(users.email, who));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const dump = JSON.stringify(
      await queryRows(
        database.db,
        sql`select (select json_agg(a) from audit_log a) as audit, (select json_agg(s) from sessions s) as sessions,
          (select json_agg(t) from auth_throttle t) as throttle, (select json_agg(k) from account_tokens k) as tokens`,
      ),
    );
    for (const secret of ['a secret nobody should read', token, '198.18.0.77'])
      expect(dump).not.toContain(secret);
    const [session] = await database.db.select().from(sessions).limit(1);
    expect(session!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the audit chain intact through all of the above, and refuses to change it', async () => {
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ ok: true });
    expect(report.rows).toBeGreaterThan(50);
    for (const statement of [
      'update audit_log set action = $$x$$',
      'delete from audit_log',
      'truncate audit_log',
    ])
      expect(await failureOf(database.db.execute(sql.raw(statement))), statement).toMatch(
        /append-only/,
      );
    expect(await actions()).toEqual(
      expect.arrayContaining([
        'user.created',
        'password.set',
        'sign_in.succeeded',
        'sign_in.failed',
        'sign_out',
        'sign_out.everywhere',
        'password.reset_requested',
        'user.role_changed',
        'user.disabled',
      ]),
    );
  });
});
