/**
 * Server-side sessions. The cookie holds a 256-bit random token; the database keeps its SHA-256,
 * so several app servers share sessions and a leaked table holds no usable cookie. A session
 * ends after 30 minutes without a request or 12 hours after sign-in, at sign-out, and when its
 * user is disabled, changes password or changes role (all their sessions are deleted).
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { sessions, users, userTotp, webauthnCredentials } from '../../db/schema.ts';
import { hashToken, randomToken } from './crypto.ts';
import type { Principal } from './permissions.ts';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute per session (fewer writes, same protection). */
const TOUCH_EVERY_MS = 60 * 1000;

export interface SignedIn {
  principal: Principal;
  /**
   * The user has a second factor (a confirmed authenticator app or a passkey): this session must
   * verify it before anything else.
   */
  mfaEnrolled: boolean;
  sessionId: string;
  email: string;
  locale: 'es' | 'en';
  createdAt: Date;
  expiresAt: Date;
}

/** Starts a session and returns the cookie token (shown once, never stored). */
export async function createSession(
  tx: Tx,
  { userId, now, mfaVerified = false }: { userId: string; now: Date; mfaVerified?: boolean },
): Promise<{ token: string; sessionId: string }> {
  const token = randomToken();
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
      mfaVerifiedAt: mfaVerified ? now : null,
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id };
}

/** The session of a cookie token if it is still valid; an expired one is deleted. */
export async function findSession(
  tx: Tx,
  { token, now }: { token: string; now: Date },
): Promise<SignedIn | undefined> {
  const [row] = await tx
    .select({
      sessionId: sessions.id,
      userId: users.id,
      role: users.role,
      email: users.email,
      locale: users.locale,
      disabledAt: users.disabledAt,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      mfaVerifiedAt: sessions.mfaVerifiedAt,
      totpConfirmedAt: userTotp.confirmedAt,
      hasPasskey: sql<boolean>`exists (select 1 from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${sessions.userId})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userTotp, eq(userTotp.userId, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return undefined;
  const t = now.getTime();
  if (
    row.disabledAt ||
    t >= row.expiresAt.getTime() ||
    t - row.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS
  ) {
    await tx.delete(sessions).where(eq(sessions.id, row.sessionId));
    return undefined;
  }
  if (t - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  return {
    principal: { userId: row.userId, role: row.role, mfaVerified: row.mfaVerifiedAt !== null },
    mfaEnrolled: row.totpConfirmedAt !== null || row.hasPasskey,
    sessionId: row.sessionId,
    email: row.email,
    locale: row.locale === 'en' ? 'en' : 'es',
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

export async function deleteSessionByToken(tx: Tx, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Deletes every session of a user (optionally but one); returns how many there were. */
export async function deleteUserSessions(
  tx: Tx,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const deleted = await tx
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}
