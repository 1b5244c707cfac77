/**
 * Second factor: TOTP enrollment and verification, and one-time recovery codes. A verified code
 * rotates the session (a new token, marked MFA-verified): the privilege changed. A TOTP code is
 * accepted once (its step must be later than the last one used), so a code seen over a shoulder
 * or replayed from a log does not work again; attempts are throttled per user.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { recoveryCodes, userTotp } from '../../db/schema.ts';
import type { Services } from '../../services.ts';
import { appendAudit } from '../audit/chain.ts';
import { accountContext } from './context.ts';
import { hashToken } from './crypto.ts';
import type { Role } from './permissions.ts';
import { createSession, deleteSession } from './sessions.ts';
import { clearFailures, recordFailure, secondsBlocked, throttleKeys } from './throttle.ts';
import {
  base32,
  decryptSecret,
  encryptSecret,
  generateRecoveryCodes,
  generateSecret,
  matchingStep,
  normalizeRecoveryCode,
  otpauthUri,
} from './totp.ts';

/** Roles that must enroll before doing anything (MFA_REQUIRED_ROLES; default admin, editor). */
export function mfaRequiredFor(role: Role, required: readonly string[] | undefined): boolean {
  return (required ?? ['admin', 'editor']).includes(role);
}

/**
 * The authenticator being set up: a secret kept (encrypted) until the first correct code. Calling
 * again before confirming keeps the same secret, so a reload does not invalidate a scanned code.
 */
export async function startTotpEnrollment(
  services: Services,
  { userId, email }: { userId: string; email: string },
): Promise<{ secret: string; uri: string } | undefined> {
  const { masterKey } = accountContext(services);
  const [existing] = await services.db.select().from(userTotp).where(eq(userTotp.userId, userId));
  if (existing?.confirmedAt) return undefined;
  let secret: Buffer;
  if (existing) secret = decryptSecret(masterKey, existing.secretEncrypted);
  else {
    secret = generateSecret();
    await services.db
      .insert(userTotp)
      .values({ userId, secretEncrypted: encryptSecret(masterKey, secret) })
      .onConflictDoNothing();
  }
  return { secret: base32(secret), uri: otpauthUri({ secret, account: email }) };
}

export type MfaResult =
  { ok: true; token: string; recoveryCodes?: string[] } | { ok: false; retryAfterSeconds?: number };

/** Confirms enrollment with a first code: recovery codes are made and the session rotates. */
export async function confirmTotp(
  services: Services,
  options: { userId: string; sessionId: string; code: string },
): Promise<MfaResult> {
  return checkSecondFactor(services, { ...options, enrolling: true });
}

/** Verifies a TOTP or recovery code for a session that signed in with a password. */
export async function verifySecondFactor(
  services: Services,
  options: { userId: string; sessionId: string; code: string },
): Promise<MfaResult> {
  return checkSecondFactor(services, { ...options, enrolling: false });
}

async function checkSecondFactor(
  services: Services,
  options: { userId: string; sessionId: string; code: string; enrolling: boolean },
): Promise<MfaResult> {
  const { db } = services;
  const context = accountContext(services);
  const now = context.now();
  const keys = [throttleKeys(context.masterKey, now)('mfa', options.userId)];
  const blocked = await secondsBlocked(db, keys, now);
  if (blocked > 0) return { ok: false, retryAfterSeconds: blocked };
  await recordFailure(db, keys, now);
  const [totp] = await db.select().from(userTotp).where(eq(userTotp.userId, options.userId));
  if (options.enrolling && (!totp || totp.confirmedAt)) return { ok: false };
  // A user whose only factor is a passkey has recovery codes but no authenticator app.
  const step =
    totp && (options.enrolling || totp.confirmedAt)
      ? matchingStep(decryptSecret(context.masterKey, totp.secretEncrypted), options.code, now)
      : undefined;

  return db.transaction(async (tx) => {
    let method: 'totp' | 'recovery_code' | undefined;
    if (step !== undefined) {
      // Only a step later than the last one used: a code works once.
      const [used] = await tx
        .update(userTotp)
        .set({ lastUsedStep: step, confirmedAt: totp?.confirmedAt ?? now })
        .where(
          and(
            eq(userTotp.userId, options.userId),
            or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step)),
          ),
        )
        .returning({ userId: userTotp.userId });
      if (used) method = 'totp';
    } else if (!options.enrolling) {
      const [used] = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(recoveryCodes.userId, options.userId),
            eq(recoveryCodes.codeHash, hashToken(normalizeRecoveryCode(options.code))),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      if (used) method = 'recovery_code';
    }
    if (!method) {
      await appendAudit(
        tx,
        {
          actorId: options.userId,
          action: 'mfa.failed',
          subjectType: 'user',
          subjectId: options.userId,
        },
        now,
      );
      return { ok: false as const };
    }
    let codes: string[] | undefined;
    if (options.enrolling) {
      codes = await replaceRecoveryCodes(tx, options.userId);
    }
    await clearFailures(tx, keys);
    const session = await rotateToVerified(tx, options, now);
    await appendAudit(
      tx,
      {
        actorId: options.userId,
        action: options.enrolling ? 'mfa.enabled' : 'mfa.verified',
        subjectType: 'user',
        subjectId: options.userId,
        details: { method },
      },
      now,
    );
    return { ok: true as const, token: session.token, ...(codes ? { recoveryCodes: codes } : {}) };
  });
}

/**
 * Replaces the session that passed the second factor with a new one marked MFA-verified (the
 * privilege changed, so the token does too). Returns the new cookie token.
 */
export async function rotateToVerified(
  tx: Tx,
  { userId, sessionId }: { userId: string; sessionId: string },
  now: Date,
): Promise<{ token: string; sessionId: string }> {
  await deleteSession(tx, sessionId);
  return createSession(tx, { userId, now, mfaVerified: true });
}

/** Ten new recovery codes replace the old ones; returned in clear to be shown once. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((c) => ({ userId, codeHash: hashToken(normalizeRecoveryCode(c)) })));
  return codes;
}

/** How many unused recovery codes a user has left. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}
