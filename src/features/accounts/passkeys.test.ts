/**
 * Passkeys as a second factor, through the real app with a software authenticator: set up
 * instead of an authenticator app, used after the password (the session rotates, `next` is
 * followed safely), and refused when the challenge is replayed, wrong, expired or missing, when
 * the credential is another user's, when the counter goes backwards, and after too many
 * failures; cross-site posts and bad input are 4xx, never 500; the last factor stays.
 */
import { desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { createTestApp, createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { auditLog, authThrottle, users } from '../../db/schema.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { configureAccounts } from './context.ts';
import { SoftAuthenticator } from './passkey-kit.ts';
import { CHALLENGE_TTL_MS } from './passkeys.ts';
import { secondFactors } from './service.ts';
import {
  browser,
  createUserWithPassword,
  GOOD_PASSWORD,
  manualClock,
  type Browser,
  type Page,
} from './test-kit.ts';

const BASE = '/en/admin/mfa/passkeys';
const json = <T = Record<string, unknown>>(page: Page) => JSON.parse(page.html) as T;

describe.each(engines())('passkeys (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  const clock = manualClock(Date.UTC(2030, 5, 1, 9, 0, 10));
  // BASE_URL of the test app: its origin and hostname are the relying party.
  const authenticator = new SoftAuthenticator('http://igualdad.test', 'igualdad.test');
  const editor = `passkey-editor.${engine}@example.org`;
  let address = 0;
  /** A passkey of another user (set in the test about other users' credentials). */
  let theirId = '';

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    // The default MFA_REQUIRED_ROLES: admin and editor.
    ({ app, services } = createTestApp(database, { trustProxy: true }));
    configureAccounts(services, { now: clock.now });
    await createUserWithPassword(services, { email: editor, role: 'editor' });
  }, 60_000);
  afterAll(() => database.close());

  /** A new browser past the password step. */
  const passwordStep = async (who: string): Promise<Browser> => {
    address += 1;
    const b = browser(app, `198.51.100.${address}`);
    await b.get('/en/admin/sign-in');
    const res = await b.post('/en/admin/sign-in', { email: who, password: GOOD_PASSWORD });
    expect(res.status).toBe(303);
    await refresh(b);
    return b;
  };
  /** Opens the page the session is sent to, for a CSRF token bound to the current session. */
  const refresh = async (b: Browser) => {
    let page = await b.get('/en/admin');
    while (page.location) page = await b.get(page.location);
  };
  /** Registers a passkey from a session allowed to; returns the JSON answer. */
  const register = async (b: Browser, name: string) => {
    const options = await b.post(`${BASE}/register/options`, { name });
    expect(options.status).toBe(200);
    const credential = authenticator.register(
      json<PublicKeyCredentialCreationOptionsJSON>(options),
    );
    const done = await b.post(`${BASE}/register`, { name, credential: JSON.stringify(credential) });
    return { done, credential };
  };
  const authOptions = async (b: Browser) => {
    const res = await b.post(`${BASE}/authenticate/options`, {});
    expect(res.status).toBe(200);
    return json<PublicKeyCredentialRequestOptionsJSON>(res);
  };
  const authenticate = (b: Browser, credential: unknown, next?: string) =>
    b.post(`${BASE}/authenticate`, {
      credential: JSON.stringify(credential),
      ...(next ? { next } : {}),
    });
  /** Why the last passkey attempt failed, as audited. */
  const lastFailure = async () => {
    const [row] = await services.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, 'passkey.failed'))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    return (row?.details as { reason?: string } | undefined)?.reason;
  };
  const actions = async () =>
    (await services.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);

  /** A verified session of the editor (signs in with the passkey). */
  const verified = async (who = editor): Promise<Browser> => {
    const b = await passwordStep(who);
    const res = await authenticate(b, authenticator.assert(await authOptions(b)));
    expect(res.status).toBe(200);
    await refresh(b);
    return b;
  };

  it('lets a new editor set up a passkey instead of an authenticator app', async () => {
    const b = await passwordStep(editor);
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa/setup');
    const setup = await b.get('/en/admin/mfa/setup');
    expect(setup.html).toContain(`href="${BASE}"`);
    const page = await b.get(BASE);
    expect(page.status).toBe(200);
    expect(page.html).toContain('You have no passkeys yet.');
    // Without JavaScript the form stays hidden and the note says why.
    expect(page.html).toMatch(/<form[^>]*data-passkey="register"[^>]*hidden/);
    expect(page.html).toContain('needs JavaScript');
    // The browser library comes from this site, hashed and immutable (no CDN).
    const script = /<script src="(\/assets\/simplewebauthn-browser\.[\w-]+\.js)"/.exec(page.html);
    const asset = await app.request(script![1]!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toContain('SimpleWebAuthnBrowser');
    expect(page.html).toMatch(/<script src="\/assets\/passkeys\.[\w-]+\.js"/);

    const unnamed = await b.post(`${BASE}/register/options`, { name: '  ' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(json(unnamed)).toMatchObject({
      status: 400,
      errors: [{ name: 'name', detail: 'Give the passkey a name.' }],
    });

    const options = await b.post(`${BASE}/register/options`, { name: 'Work laptop' });
    const parsed = json<PublicKeyCredentialCreationOptionsJSON>(options);
    expect(parsed.rp.id).toBe('igualdad.test');
    expect(parsed.attestation).toBe('none');
    expect(parsed.authenticatorSelection?.userVerification).toBe('preferred');
    expect(parsed.excludeCredentials).toEqual([]);
    const credential = authenticator.register(parsed);
    const before = b.cookies.get('igualdad_session');
    const done = await b.post(`${BASE}/register`, {
      name: 'Work laptop',
      credential: JSON.stringify(credential),
    });
    expect(done.status).toBe(200);
    const answer = json<{ recoveryCodes: string[]; redirect: string }>(done);
    // The first factor: recovery codes, and this session is now verified (a new token).
    expect(answer.recoveryCodes).toHaveLength(10);
    expect(b.cookies.get('igualdad_session')).not.toBe(before);
    const landing = await b.get('/en/admin');
    expect(landing.status).toBe(200);
    // The account page names the factor it has and links to the passkeys.
    expect(landing.html).toContain('On, with 1 passkey. 10 recovery codes left.');
    expect(landing.html).toContain(`href="${BASE}"`);
    // A passkey is a second factor for the password rule too (12 characters instead of 15).
    const [me] = await database.db.select().from(users).where(eq(users.email, editor));
    expect(await secondFactors(database.db, me!.id)).toEqual({
      totp: false,
      passkeys: 1,
      any: true,
    });
    const list = await b.get(BASE);
    expect(list.html).toContain('<th scope="row">Work laptop</th>');
    expect(list.html).toContain('Not used yet');
    expect(await actions()).toContain('passkey.registered');

    // Registering again excludes the passkey this user already has.
    const again = await b.post(`${BASE}/register/options`, { name: 'Phone' });
    expect(json<PublicKeyCredentialCreationOptionsJSON>(again).excludeCredentials).toEqual([
      { id: credential.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it('offers the passkey after the password and verifies the session with it', async () => {
    const b = await passwordStep(editor);
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa');
    const mfa = await b.get('/en/admin/mfa?next=/en/admin/password');
    expect(mfa.html).toContain('Use a passkey');
    expect(mfa.html).toMatch(/<form[^>]*data-passkey="authenticate"[^>]*hidden/);
    expect(mfa.html).toContain('name="next" value="/en/admin/password"');
    // A password alone cannot add a factor or reach the passkey list.
    expect((await b.post(`${BASE}/register/options`, { name: 'x' })).location).toBe(
      '/en/admin/mfa',
    );
    expect((await b.get(BASE)).location).toBe('/en/admin/mfa');
    expect((await b.get('/en/admin/mfa/setup')).location).toBe('/en/admin/mfa');

    const options = await authOptions(b);
    expect(options.allowCredentials).toHaveLength(1);
    expect(options.userVerification).toBe('preferred');
    const before = b.cookies.get('igualdad_session');
    const res = await authenticate(b, authenticator.assert(options), '/en/admin/password');
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ ok: true, redirect: '/en/admin/password' });
    expect(b.cookies.get('igualdad_session')).not.toBe(before);
    expect((await b.get('/en/admin/password')).status).toBe(200);
    expect((await b.get(BASE)).html).not.toContain('Not used yet');
    expect(await actions()).toContain('passkey.verified');

    // `next` only ever leads to an admin page of this site.
    const other = await passwordStep(editor);
    const away = await authenticate(
      other,
      authenticator.assert(await authOptions(other)),
      'https://evil.example/admin',
    );
    expect(json(away)).toEqual({ ok: true, redirect: '/en/admin' });
  });

  it('refuses a replayed assertion, a wrong challenge and a challenge used once already', async () => {
    const first = await passwordStep(editor);
    const used = authenticator.assert(await authOptions(first));
    expect((await authenticate(first, used)).status).toBe(200);

    const b = await passwordStep(editor);
    // No ceremony started: there is no challenge.
    const none = await authenticate(b, used);
    expect(none.status).toBe(400);
    expect(json(none).detail).toMatch(/expired or was already used/);
    expect(await lastFailure()).toBe('challenge');
    // The replayed assertion against this session's own new challenge.
    await authOptions(b);
    expect((await authenticate(b, used)).status).toBe(400);
    expect(await lastFailure()).toBe('verification');
    // A fresh signature over some other challenge.
    const options = await authOptions(b);
    const wrong = authenticator.assert(options, {
      challenge: Buffer.from('not the challenge').toString('base64url'),
    });
    expect((await authenticate(b, wrong)).status).toBe(400);
    expect(await lastFailure()).toBe('verification');
    // The failure consumed the challenge: a right answer to it now fails too.
    expect((await authenticate(b, authenticator.assert(options))).status).toBe(400);
    expect(await lastFailure()).toBe('challenge');
    // A wrong origin.
    const elsewhere = authenticator.assert(await authOptions(b), {
      origin: 'http://evil.example',
    });
    expect((await authenticate(b, elsewhere)).status).toBe(400);
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa');
    expect(await actions()).toContain('passkey.failed');
  });

  it("refuses another user's passkey, a counter that goes backwards and an expired challenge", async () => {
    const other = `passkey-other.${engine}@example.org`;
    await createUserWithPassword(services, { email: other, role: 'editor' });
    const ob = await passwordStep(other);
    const { credential: theirs } = await register(ob, 'Their key');
    theirId = theirs.id;
    // Earlier tests' failures are forgotten after a success (they would throttle this one).
    await verified();

    const b = await passwordStep(editor);
    const options = await authOptions(b);
    const foreign = authenticator.assert(options, { credentialId: theirs.id });
    expect((await authenticate(b, foreign)).status).toBe(400);
    expect(await lastFailure()).toBe('unknown_credential');

    const mine = [...authenticator.keys.keys()].find((id) => id !== theirs.id)!;
    const backwards = authenticator.assert(await authOptions(b), {
      credentialId: mine,
      counter: 1,
    });
    expect((await authenticate(b, backwards)).status).toBe(400);
    expect(await lastFailure()).toBe('verification');

    const late = await authOptions(b);
    clock.advance(CHALLENGE_TTL_MS + 1000);
    const expired = await authenticate(b, authenticator.assert(late, { credentialId: mine }));
    expect(expired.status).toBe(400);
    expect(json(expired).detail).toMatch(/expired/);
    expect(await lastFailure()).toBe('challenge');
    expect((await b.get('/en/admin')).location).toBe('/en/admin/mfa');
  });

  it('throttles failed passkey attempts like wrong codes, and answers 429 with Retry-After', async () => {
    const who = `passkey-throttle.${engine}@example.org`;
    await createUserWithPassword(services, { email: who, role: 'editor' });
    await register(await passwordStep(who), 'Key');
    const b = await passwordStep(who);
    let last: Page | undefined;
    for (let i = 0; i < 8; i++) {
      last = await authenticate(
        b,
        authenticator.assert(await authOptions(b), {
          challenge: Buffer.from(`wrong ${i}`).toString('base64url'),
        }),
      );
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(json(last!).detail).toMatch(/Too many failed attempts/);
    clock.advance(60 * 60 * 1000 - 1000);
  });

  it('rejects cross-site posts and bad input with 4xx, never 500', async () => {
    const b = await passwordStep(editor);
    expect(
      (
        await b.post(
          `${BASE}/authenticate/options`,
          {},
          {
            'sec-fetch-site': 'cross-site',
            origin: 'https://evil.example',
          },
        )
      ).status,
    ).toBe(403);
    expect((await b.post(`${BASE}/authenticate/options`, { _csrf: 'forged' })).status).toBe(403);
    for (const credential of [
      'not json',
      '{}',
      '[]',
      'null',
      JSON.stringify({ id: 'a', rawId: 'a', type: 'public-key', response: {} }),
      JSON.stringify({
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'AA', authenticatorData: 'AA', signature: 'AA' },
      }),
    ]) {
      await b.post(`${BASE}/authenticate/options`, {});
      const res = await b.post(`${BASE}/authenticate`, { credential });
      expect(res.status, credential).toBeGreaterThanOrEqual(400);
      expect(res.status, credential).toBeLessThan(500);
      expect(res.headers.get('content-type'), credential).toMatch(/problem\+json/);
    }
    // Registration from a verified session, with garbage.
    const v = await verified();
    await v.post(`${BASE}/register/options`, { name: 'Key' });
    const garbage = await v.post(`${BASE}/register`, {
      name: 'Key',
      credential: JSON.stringify({
        id: 'AAAA',
        rawId: 'AAAA',
        type: 'public-key',
        response: { clientDataJSON: 'AA', attestationObject: 'AA' },
      }),
    });
    expect(garbage.status).toBe(400);
    // A registration answer for a challenge never asked for.
    const unasked = authenticator.register(
      json<PublicKeyCredentialCreationOptionsJSON>(
        await v.post(`${BASE}/register/options`, { name: 'Key' }),
      ),
      { challenge: Buffer.from('other').toString('base64url') },
    );
    const refused = await v.post(`${BASE}/register`, {
      name: 'Key',
      credential: JSON.stringify(unasked),
    });
    expect(refused.status).toBe(400);
  });

  it('keeps the last factor of a role that requires one, and removes the others', async () => {
    const b = await verified();
    const page = await b.get(BASE);
    const ids = [...page.html.matchAll(/name="credential" value="([\w-]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(1);
    const refused = await b.post(`${BASE}/remove`, { credential: ids[0]! });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('This is your only second step');

    const { done } = await register(b, 'Phone');
    expect(done.status).toBe(200);
    expect(json(done)).toEqual({ ok: true, redirect: `${BASE}?added` });
    // Someone else's passkey is not found here, and stays theirs.
    const notMine = await b.post(`${BASE}/remove`, { credential: theirId });
    expect(notMine.status).toBe(400);
    expect(notMine.html).toContain('does not exist');
    const removed = await b.post(`${BASE}/remove`, { credential: ids[0]! });
    expect(removed.location).toBe(`${BASE}?removed`);
    const after = await b.get(removed.location!);
    expect(after.html).toContain('Passkey removed.');
    expect(after.html).not.toContain(ids[0]!);
    expect(await actions()).toContain('passkey.removed');
  });

  it('accepts a recovery code for a user whose only factor is a passkey', async () => {
    const who = `passkey-recovery.${engine}@example.org`;
    await createUserWithPassword(services, { email: who, role: 'admin' });
    const b = await passwordStep(who);
    const { done } = await register(b, 'Key');
    const codes = json<{ recoveryCodes: string[] }>(done).recoveryCodes;
    const c = await passwordStep(who);
    const mfa = await c.get('/en/admin/mfa');
    expect(mfa.html).toContain('use your passkey below, or enter one of your recovery codes');
    const res = await c.post('/en/admin/mfa', { code: codes[0]! });
    expect(res.status).toBe(303);
    expect((await c.get('/en/admin/audit')).status).toBe(200);
  });

  it('answers generated passkey posts with 2xx, 3xx or 4xx, never 5xx', async () => {
    const who = `passkey-hostile.${engine}@example.org`;
    await createUserWithPassword(services, { email: who, role: 'editor' });
    const owner = await passwordStep(who);
    await register(owner, 'Key');
    await refresh(owner);
    const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/);
    const clientData = fc
      .record({
        type: fc.constantFrom('webauthn.get', 'webauthn.create', 'x'),
        challenge: b64,
        origin: fc.constantFrom('http://igualdad.test', 'http://evil.example', ''),
      })
      .map((data) => Buffer.from(JSON.stringify(data)).toString('base64url'));
    const credential = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record(
          {
            id: fc.oneof(b64, fc.constant([...authenticator.keys.keys()][0]!)),
            rawId: b64,
            type: fc.constantFrom('public-key', 'x'),
            response: fc.record(
              {
                clientDataJSON: fc.oneof(b64, clientData),
                attestationObject: b64,
                authenticatorData: b64,
                signature: b64,
                userHandle: b64,
                transports: fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
              },
              { requiredKeys: [] },
            ),
            clientExtensionResults: fc.oneof(fc.constant({}), fc.object({ maxDepth: 1 })),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    const body = fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('', '\u0000', 'Key')),
        credential,
        next: fc.oneof(fc.string(), fc.constant('//evil.example')),
      },
      { requiredKeys: [] },
    );
    const routes = ['register', 'authenticate', 'remove'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async (route, fields) => {
        // Signing in needs a session still at the password step; the rest a verified one.
        const b = route === 'authenticate' ? await passwordStep(who) : owner;
        if (route !== 'remove') await b.post(`${BASE}/${route}/options`, { name: 'Key' });
        const res = await b.post(`${BASE}/${route}`, fields as Record<string, string>);
        expect(res.status, `${route} ${JSON.stringify(fields).slice(0, 300)}`).toBeLessThan(500);
        // Forget the failures, so that later runs reach the checks rather than the backoff.
        await services.db.delete(authThrottle);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the audit chain intact', async () => {
    expect(await verifyAuditChain(services.db)).toMatchObject({ ok: true });
  });
});
