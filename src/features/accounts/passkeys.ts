/**
 * Passkeys (WebAuthn) as a second factor, through @simplewebauthn/server. A passkey counts exactly
 * like an authenticator app: a user with one is enrolled, and an assertion verifies the session
 * (which rotates, as after a TOTP code). The relying party is BASE_URL: its hostname is the RP ID
 * and its origin the only accepted origin.
 *
 * Each ceremony's challenge is stored against the session that asked for it (any app server can
 * finish the ceremony), lives five minutes and is deleted when read, so it works once.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users, userTotp, webauthnChallenges, webauthnCredentials } from '../../db/schema.ts';
import type { Config } from '../../config.ts';
import type { Services } from '../../services.ts';
import { appendAudit } from '../audit/chain.ts';
import { accountContext } from './context.ts';
import { replaceRecoveryCodes, rotateToVerified } from './mfa.ts';
import { clearFailures, recordFailure, secondsBlocked, throttleKeys } from './throttle.ts';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
/**
 * The WebAuthn library loads with the first ceremony: with its ASN.1, X.509 and CBOR packages it
 * is about a third of the app's code, which every start would otherwise load (decision 011).
 */
const webauthn = () => import('@simplewebauthn/server');
const RP_NAME = 'Igualdad';
/** Transports worth keeping (hints for the browser next time); anything else is dropped. */
const TRANSPORTS: readonly string[] = [
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
];

type Purpose = 'register' | 'authenticate';

/** The relying party: BASE_URL's hostname (the RP ID) and origin. */
export function relyingParty(config: Pick<Config, 'baseUrl'>): { rpID: string; origin: string } {
  const url = new URL(config.baseUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** Keeps one challenge per session: a new ceremony replaces an unfinished one. */
async function storeChallenge(
  tx: Tx,
  { sessionId, purpose, challenge }: { sessionId: string; purpose: Purpose; challenge: string },
  now: Date,
): Promise<void> {
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await tx
    .insert(webauthnChallenges)
    .values({ sessionId, purpose, challenge, expiresAt })
    .onConflictDoUpdate({
      target: webauthnChallenges.sessionId,
      set: { purpose, challenge, expiresAt },
    });
}

/** Reads and deletes the session's challenge in one statement: it is used once, or never. */
async function takeChallenge(
  tx: Tx,
  sessionId: string,
  purpose: Purpose,
  now: Date,
): Promise<string | undefined> {
  const [row] = await tx
    .delete(webauthnChallenges)
    .where(eq(webauthnChallenges.sessionId, sessionId))
    .returning();
  if (!row || row.purpose !== purpose || row.expiresAt.getTime() <= now.getTime()) return undefined;
  return row.challenge;
}

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(tx: Tx, userId: string): Promise<PasskeySummary[]> {
  return tx
    .select({
      id: webauthnCredentials.id,
      name: webauthnCredentials.name,
      createdAt: webauthnCredentials.createdAt,
      lastUsedAt: webauthnCredentials.lastUsedAt,
    })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .orderBy(asc(webauthnCredentials.createdAt), asc(webauthnCredentials.id));
}

/** The options for navigator.credentials.create(), its challenge kept for this session. */
export async function registrationOptions(
  services: Services,
  { userId, email, sessionId }: { userId: string; email: string; sessionId: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { db, config } = services;
  const existing = await db
    .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: relyingParty(config).rpID,
    userName: email,
    // The user handle is the account's id: stable, and no personal data.
    userID: new TextEncoder().encode(userId),
    attestationType: 'none',
    // An authenticator that already holds one of this user's passkeys is not registered twice.
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(
    db,
    { sessionId, purpose: 'register', challenge: options.challenge },
    accountContext(services).now(),
  );
  return options;
}

export type PasskeyProblem =
  /** No challenge for this session and purpose, or it expired. */
  | 'challenge'
  /** The response did not verify (wrong challenge, origin, signature, counter, credential). */
  | 'invalid'
  /** The credential is already registered. */
  | 'exists'
  /** The user has another factor and this session has not verified it. */
  | 'mfa_required'
  /** Too many failures: wait. */
  | 'throttled';

export type PasskeyResult =
  | {
      ok: true;
      /** The rotated session's cookie token, when the session became MFA-verified. */
      token?: string;
      /** Shown once when the passkey is the user's first second factor. */
      recoveryCodes?: string[];
    }
  | { ok: false; problem: PasskeyProblem; retryAfterSeconds?: number };

/**
 * Verifies a registration and stores the passkey. When it is the user's first factor, this
 * ceremony is also their first verification: recovery codes are made and the session rotates,
 * as when an authenticator app is confirmed.
 */
export async function finishRegistration(
  services: Services,
  options: {
    userId: string;
    sessionId: string;
    sessionVerified: boolean;
    name: string;
    response: RegistrationResponseJSON;
  },
): Promise<PasskeyResult> {
  const { db, config } = services;
  const now = accountContext(services).now();
  const challenge = await takeChallenge(db, options.sessionId, 'register', now);
  if (!challenge) return { ok: false, problem: 'challenge' };
  const { rpID, origin } = relyingParty(config);
  const { verifyRegistrationResponse } = await webauthn();
  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response: options.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
    if (!verified.verified) return { ok: false, problem: 'invalid' };
    info = verified.registrationInfo;
  } catch {
    // The library throws on any malformed or mismatching response: the client's fault.
    return { ok: false, problem: 'invalid' };
  }
  const { credential } = info;
  const transports = (options.response.response.transports ?? []).filter((t) =>
    TRANSPORTS.includes(t),
  );

  return db.transaction(async (tx): Promise<PasskeyResult> => {
    // Serializes factor changes of one user (two registrations, or a removal, at once).
    await tx.select({ id: users.id }).from(users).where(eq(users.id, options.userId)).for('update');
    const hadFactor = (await factorCount(tx, options.userId)) > 0;
    if (hadFactor && !options.sessionVerified) return { ok: false, problem: 'mfa_required' };
    const [inserted] = await tx
      .insert(webauthnCredentials)
      .values({
        id: credential.id,
        userId: options.userId,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: options.name,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: webauthnCredentials.id });
    if (!inserted) return { ok: false, problem: 'exists' };
    let result: PasskeyResult = { ok: true };
    if (!hadFactor) {
      const recoveryCodes = await replaceRecoveryCodes(tx, options.userId);
      const session = await rotateToVerified(tx, options, now);
      result = { ok: true, token: session.token, recoveryCodes };
    }
    await appendAudit(
      tx,
      {
        actorId: options.userId,
        action: 'passkey.registered',
        subjectType: 'user',
        subjectId: options.userId,
        details: { credential: credential.id, first_factor: !hadFactor },
      },
      now,
    );
    return result;
  });
}

/** How many second factors a user has: a confirmed authenticator app and each passkey. */
async function factorCount(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({
      n: sql<number>`(select count(*)::int from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${userId})
        + (select count(*)::int from ${userTotp} where ${userTotp.userId} = ${userId} and ${userTotp.confirmedAt} is not null)`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return Number(row?.n ?? 0);
}

/** Whether the user has any passkey (the second-factor page then offers one). */
export async function hasPasskey(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  return (row?.n ?? 0) > 0;
}

/** The options for navigator.credentials.get(): this user's passkeys only. */
export async function authenticationOptions(
  services: Services,
  { userId, sessionId }: { userId: string; sessionId: string },
): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const { db, config } = services;
  const credentials = await db
    .select({ id: webauthnCredentials.id, transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId));
  if (!credentials.length) return undefined;
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config).rpID,
    allowCredentials: credentials.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: 'preferred',
  });
  await storeChallenge(
    db,
    { sessionId, purpose: 'authenticate', challenge: options.challenge },
    accountContext(services).now(),
  );
  return options;
}

/**
 * Verifies an assertion for a session past the password step. Failures are throttled per user
 * with the same key as wrong codes (a passkey and a code are the same step) and audited; success
 * rotates the session, marked MFA-verified.
 */
export async function finishAuthentication(
  services: Services,
  options: { userId: string; sessionId: string; response: AuthenticationResponseJSON },
): Promise<PasskeyResult> {
  const { db, config } = services;
  const context = accountContext(services);
  const now = context.now();
  const keys = [throttleKeys(context.masterKey, now)('mfa', options.userId)];
  const blocked = await secondsBlocked(db, keys, now);
  if (blocked > 0) return { ok: false, problem: 'throttled', retryAfterSeconds: blocked };
  // Counted before checking, so parallel attempts cannot slip past the backoff.
  await recordFailure(db, keys, now);

  const audited = (tx: Tx, reason: string) =>
    appendAudit(
      tx,
      {
        actorId: options.userId,
        action: 'passkey.failed',
        subjectType: 'user',
        subjectId: options.userId,
        details: { reason },
      },
      now,
    );
  const fail = async (problem: PasskeyProblem, reason: string): Promise<PasskeyResult> => {
    // The audit append holds its lock to commit: it needs a transaction of its own.
    await db.transaction((tx) => audited(tx, reason));
    return { ok: false, problem };
  };

  const challenge = await takeChallenge(db, options.sessionId, 'authenticate', now);
  if (!challenge) return fail('challenge', 'challenge');
  // Only this user's passkeys: another account's credential is unknown here.
  const [stored] = await db
    .select()
    .from(webauthnCredentials)
    .where(
      and(
        eq(webauthnCredentials.id, options.response.id),
        eq(webauthnCredentials.userId, options.userId),
      ),
    );
  if (!stored) return fail('invalid', 'unknown_credential');
  const { rpID, origin } = relyingParty(config);
  const { verifyAuthenticationResponse } = await webauthn();
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: options.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: stored.id,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
        transports: stored.transports,
      },
      requireUserVerification: false,
    });
    if (!verified.verified) return fail('invalid', 'signature');
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    // Wrong challenge, origin or RP ID, a bad signature, or a counter that did not increase.
    return fail('invalid', 'verification');
  }

  return db.transaction(async (tx): Promise<PasskeyResult> => {
    // The counter read above must still be the stored one: two uses of one assertion at once
    // would otherwise both pass.
    const [used] = await tx
      .update(webauthnCredentials)
      .set({ counter: newCounter, lastUsedAt: now })
      .where(
        and(eq(webauthnCredentials.id, stored.id), eq(webauthnCredentials.counter, stored.counter)),
      )
      .returning({ id: webauthnCredentials.id });
    if (!used) {
      await audited(tx, 'counter');
      return { ok: false, problem: 'invalid' };
    }
    await clearFailures(tx, keys);
    const session = await rotateToVerified(tx, options, now);
    await appendAudit(
      tx,
      {
        actorId: options.userId,
        action: 'passkey.verified',
        subjectType: 'user',
        subjectId: options.userId,
        details: { credential: stored.id },
      },
      now,
    );
    return { ok: true, token: session.token };
  });
}

export type RemoveResult = 'removed' | 'not_found' | 'last_factor';

/**
 * Removes one of the user's own passkeys. The last second factor of a role that must have one
 * stays: without it the account could not get past the set-up page.
 */
export async function removePasskey(
  services: Services,
  options: { userId: string; credentialId: string; mfaRequired: boolean },
): Promise<RemoveResult> {
  const now = accountContext(services).now();
  return services.db.transaction(async (tx): Promise<RemoveResult> => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, options.userId)).for('update');
    const [found] = await tx
      .select({ id: webauthnCredentials.id })
      .from(webauthnCredentials)
      .where(
        and(
          eq(webauthnCredentials.id, options.credentialId),
          eq(webauthnCredentials.userId, options.userId),
        ),
      );
    if (!found) return 'not_found';
    if (options.mfaRequired && (await factorCount(tx, options.userId)) <= 1) return 'last_factor';
    await tx.delete(webauthnCredentials).where(eq(webauthnCredentials.id, found.id));
    await appendAudit(
      tx,
      {
        actorId: options.userId,
        action: 'passkey.removed',
        subjectType: 'user',
        subjectId: options.userId,
        details: { credential: found.id },
      },
      now,
    );
    return 'removed';
  });
}
