/**
 * Throttling without lockout: exponential backoff per key, where a key is an HMAC of what it
 * counts (an account's email, a client address, or both), under a key derived from MASTER_KEY
 * that changes every day. No raw address or unknown email reaches the database.
 *
 * Each scope lets a few failures through, then doubles the wait after each one, up to a ceiling;
 * a refused attempt does not extend the wait. Nothing is ever locked for good, and the account
 * scope is skipped for a browser that signed in to that account before (its device cookie has
 * its own counter), so an attacker cannot lock the real user out (decision 013).
 */
import { inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { authThrottle } from '../../db/schema.ts';
import { deriveKey, hmac } from './crypto.ts';

export interface Scope {
  /** Failures allowed before any wait. */
  free: number;
  /** First wait, in seconds; doubled at each further failure. */
  baseSeconds: number;
  maxSeconds: number;
}

export const SCOPES = {
  /** One account from one address. */
  signInPair: { free: 3, baseSeconds: 2, maxSeconds: 15 * 60 },
  /** One address, any accounts (spraying). */
  signInAddress: { free: 20, baseSeconds: 2, maxSeconds: 15 * 60 },
  /** One account, from browsers it never signed in from (distributed guessing). */
  signInAccount: { free: 10, baseSeconds: 2, maxSeconds: 15 * 60 },
  /** One known browser of an account. */
  signInDevice: { free: 5, baseSeconds: 2, maxSeconds: 15 * 60 },
  /** Reset emails per account and per address (every request counts). */
  resetAccount: { free: 3, baseSeconds: 60, maxSeconds: 60 * 60 },
  resetAddress: { free: 10, baseSeconds: 60, maxSeconds: 60 * 60 },
  /** Wrong second-factor codes, per user. */
  mfa: { free: 5, baseSeconds: 2, maxSeconds: 15 * 60 },
  /** Wrong current password on the change-password form, per session. */
  changePassword: { free: 5, baseSeconds: 2, maxSeconds: 15 * 60 },
} satisfies Record<string, Scope>;

/** Failures are forgotten this long after the last one. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ThrottleKey {
  key: string;
  scope: Scope;
}

/** Builds keys for this day: `keyFor('pair', email, address)`. */
export function throttleKeys(masterKey: string, now: Date) {
  const epoch = Math.floor(now.getTime() / DAY_MS);
  const key = deriveKey(masterKey, `throttle v1 ${epoch}`);
  return (kind: keyof typeof SCOPES, ...parts: string[]): ThrottleKey => ({
    key: `${kind}:${hmac(key, parts.join('\u0000'))}`,
    scope: SCOPES[kind],
  });
}

/** Seconds until every key allows an attempt (0: allowed now). */
export async function secondsBlocked(tx: Tx, keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await tx
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(
      inArray(
        authThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  let until = 0;
  for (const row of rows) until = Math.max(until, row.blockedUntil?.getTime() ?? 0);
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/** Counts one failure (or one request) for each key and sets its next allowed time. */
export async function recordFailure(tx: Tx, keys: ThrottleKey[], now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  for (const { key, scope } of keys) {
    // The new count, then the wait it earns, in one statement (atomic under concurrency).
    const failures = sql`(case when ${authThrottle.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${authThrottle.failures} + 1 end)`;
    const wait = sql`least(${scope.maxSeconds}::float8, ${scope.baseSeconds}::float8 * power(2::float8, (${failures} - ${scope.free}::int - 1)::float8))`;
    await tx
      .insert(authThrottle)
      .values({ key, failures: 1, lastFailureAt: now, blockedUntil: null })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures,
          lastFailureAt: now,
          blockedUntil: sql`case when ${failures} > ${scope.free}::int
            then ${now.toISOString()}::timestamptz + make_interval(secs => ${wait})
            else null end`,
        },
      });
  }
}

/** Clears keys after a success (never the address key: one good account must not reset it). */
export async function clearFailures(tx: Tx, keys: ThrottleKey[]): Promise<void> {
  if (!keys.length) return;
  await tx.delete(authThrottle).where(
    inArray(
      authThrottle.key,
      keys.map((k) => k.key),
    ),
  );
}

/** Drops rows nobody will read again (older than a day and not blocking). */
export async function purgeThrottle(tx: Tx, now: Date): Promise<void> {
  await tx
    .delete(authThrottle)
    .where(lt(authThrottle.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS - DAY_MS)));
}
