/**
 * Account operations, each one transaction with its audit row (if the audit write throws, the
 * change rolls back): create a user, sign in, sign out, set or change a password, request a
 * reset, change a role, disable or enable.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { users, userTotp, webauthnCredentials } from '../../db/schema.ts';
import { translate } from '../../i18n/catalog.ts';
import { AppError } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { appendAudit } from '../audit/chain.ts';
import { sendMail } from '../mail/outbox.ts';
import { accountContext, runInBackground } from './context.ts';
import { makeDeviceCookie, verifyDeviceCookie } from './cookies.ts';
import {
  consumeLink,
  createLink,
  expireLinks,
  findLink,
  linkUrl,
  type LinkPurpose,
} from './links.ts';
import {
  checkPassword,
  hashPassword,
  needsRehash,
  verifyPassword,
  type PasswordProblem,
} from './passwords.ts';
import type { Role } from './permissions.ts';
import {
  createSession,
  deleteSession,
  deleteSessionByToken,
  deleteUserSessions,
} from './sessions.ts';
import {
  clearFailures,
  purgeThrottle,
  recordFailure,
  secondsBlocked,
  throttleKeys,
} from './throttle.ts';

/** Emails are compared in lower case, trimmed, NFC (the unique index is on lower(email)). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

async function findUserByEmail(db: Tx, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
    .limit(1);
  return user;
}

/** Whether the user has a confirmed authenticator app (TOTP). */
export async function hasConfirmedTotp(db: Tx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ confirmedAt: userTotp.confirmedAt })
    .from(userTotp)
    .where(eq(userTotp.userId, userId));
  return Boolean(row?.confirmedAt);
}

/** The user's second factors; with any of them, passwords may be 12 characters. */
export async function secondFactors(db: Tx, userId: string) {
  const [row] = await db
    .select({
      totp: sql<boolean>`exists (select 1 from ${userTotp} where ${userTotp.userId} = ${userId} and ${userTotp.confirmedAt} is not null)`,
      passkeys: sql<number>`(select count(*) from ${webauthnCredentials} where ${webauthnCredentials.userId} = ${userId})::int`,
    })
    .from(sql`(select 1) as one`);
  const totp = Boolean(row?.totp);
  const passkeys = Number(row?.passkeys ?? 0);
  return { totp, passkeys, any: totp || passkeys > 0 };
}

export async function findUserById(db: Tx, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** Creates a user without a password and returns a single-use set-up link's token. */
export async function createUser(
  db: Db,
  options: { email: string; role: Role; locale: Locale; actorId: string | null; now: Date },
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  const email = normalizeEmail(options.email);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (existing) throw new AppError('conflict', 'a user with this email exists');
    const [user] = await tx
      .insert(users)
      .values({
        email,
        role: options.role,
        locale: options.locale,
        createdAt: options.now,
        updatedAt: options.now,
      })
      .returning({ id: users.id });
    const link = await createLink(tx, { userId: user!.id, purpose: 'set_up', now: options.now });
    await appendAudit(
      tx,
      {
        actorId: options.actorId,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user!.id,
        details: { role: options.role, via: options.actorId ? 'web' : 'cli' },
      },
      options.now,
    );
    return { userId: user!.id, ...link };
  });
}

/** A fresh set-up link for a user who lost theirs (or never set a password). */
export async function issueSetUpLink(db: Db, options: { userId: string; now: Date }) {
  return db.transaction((tx) => createLink(tx, { ...options, purpose: 'set_up' }));
}

export type SignInResult =
  | { ok: true; token: string; userId: string; locale: Locale; deviceCookie: string }
  | { ok: false; retryAfterSeconds?: number };

/**
 * Checks an email and password. Known and unknown emails cost the same: the same throttle
 * writes, one argon2 verification (of a dummy hash when there is no account), one audit row.
 */
export async function signIn(
  services: Services,
  options: {
    email: string;
    password: string;
    address: string;
    deviceCookie: string | undefined;
    previousSessionToken: string | undefined;
  },
): Promise<SignInResult> {
  const { db } = services;
  const context = accountContext(services);
  const now = context.now();
  const email = normalizeEmail(options.email);
  const key = throttleKeys(context.masterKey, now);
  const user = await findUserByEmail(db, email);
  const device = verifyDeviceCookie(context.keys.device, options.deviceCookie, user?.id, now);
  const keys = [
    key('signInAddress', options.address),
    key('signInPair', email, options.address),
    device ? key('signInDevice', device) : key('signInAccount', email),
  ];
  const blocked = await secondsBlocked(db, keys, now);
  if (blocked > 0) return { ok: false, retryAfterSeconds: blocked };
  // Counted before the check, so parallel guesses cannot slip past the backoff.
  await recordFailure(db, keys, now);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, options.password);
  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user
      ? 'unknown_account'
      : !user.passwordHash
        ? 'not_set_up'
        : user.disabledAt
          ? 'disabled'
          : 'wrong_password';
    await db.transaction(async (tx) => {
      await appendAudit(
        tx,
        {
          actorId: null,
          action: 'sign_in.failed',
          ...(user ? { subjectType: 'user' as const, subjectId: user.id } : {}),
          details: { reason },
        },
        now,
      );
      if (Math.random() < 0.01) await purgeThrottle(tx, now);
    });
    return { ok: false };
  }
  const rehash = needsRehash(user.passwordHash!) ? await hashPassword(options.password) : null;
  return db.transaction(async (tx) => {
    await clearFailures(tx, keys.slice(1));
    // A new token at every sign-in: a session id planted before sign-in is worthless (fixation).
    if (options.previousSessionToken) await deleteSessionByToken(tx, options.previousSessionToken);
    if (rehash) await tx.update(users).set({ passwordHash: rehash }).where(eq(users.id, user.id));
    const session = await createSession(tx, { userId: user.id, now });
    await appendAudit(
      tx,
      {
        actorId: user.id,
        action: 'sign_in.succeeded',
        subjectType: 'session',
        subjectId: session.sessionId,
      },
      now,
    );
    return {
      ok: true as const,
      token: session.token,
      userId: user.id,
      locale: user.locale === 'en' ? ('en' as const) : ('es' as const),
      deviceCookie: makeDeviceCookie(context.keys.device, user.id, now),
    };
  });
}

export async function signOut(
  db: Db,
  { userId, sessionId, now }: { userId: string; sessionId: string; now: Date },
) {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await appendAudit(
      tx,
      { actorId: userId, action: 'sign_out', subjectType: 'session', subjectId: sessionId },
      now,
    );
  });
}

export async function signOutEverywhere(
  db: Db,
  { userId, now }: { userId: string; now: Date },
): Promise<number> {
  return db.transaction(async (tx) => {
    const count = await deleteUserSessions(tx, userId);
    await appendAudit(
      tx,
      {
        actorId: userId,
        action: 'sign_out.everywhere',
        subjectType: 'user',
        subjectId: userId,
        details: { sessions: count },
      },
      now,
    );
    return count;
  });
}

export type SetPasswordResult =
  | { ok: true; token: string; userId: string; locale: Locale }
  | { ok: false; problem: PasswordProblem | 'link_invalid' };

/**
 * Sets a password from a set-up or reset link: the link is used up, every session of the user
 * ends, and a new one starts.
 */
export async function setPasswordWithLink(
  services: Services,
  options: { token: string; purpose: LinkPurpose; password: string; email: string },
): Promise<SetPasswordResult> {
  const now = accountContext(services).now();
  const link = await findLink(services.db, { token: options.token, purpose: options.purpose, now });
  const hasMfa = link ? (await secondFactors(services.db, link.userId)).any : false;
  const problem = await checkPassword(options.password, { email: options.email, hasMfa });
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(options.password);
  return services.db.transaction(async (tx) => {
    const userId = await consumeLink(tx, { token: options.token, purpose: options.purpose, now });
    if (!userId) return { ok: false as const, problem: 'link_invalid' as const };
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, userId))
      .returning({ locale: users.locale });
    await deleteUserSessions(tx, userId);
    const session = await createSession(tx, { userId, now });
    await appendAudit(
      tx,
      {
        actorId: userId,
        action: 'password.set',
        subjectType: 'user',
        subjectId: userId,
        details: { via: options.purpose },
      },
      now,
    );
    return {
      ok: true as const,
      token: session.token,
      userId,
      locale: user!.locale === 'en' ? ('en' as const) : ('es' as const),
    };
  });
}

export type ChangePasswordResult =
  | { ok: true; token: string }
  | { ok: false; problem: PasswordProblem | 'wrong_password'; retryAfterSeconds?: number };

/** Changes a signed-in user's password: every session ends, this browser gets a new one. */
export async function changePassword(
  services: Services,
  options: { userId: string; sessionId: string; current: string; next: string },
): Promise<ChangePasswordResult> {
  const { db } = services;
  const context = accountContext(services);
  const now = context.now();
  const user = await findUserById(db, options.userId);
  if (!user) return { ok: false, problem: 'wrong_password' };
  const keys = [throttleKeys(context.masterKey, now)('changePassword', options.sessionId)];
  const blocked = await secondsBlocked(db, keys, now);
  if (blocked > 0) return { ok: false, problem: 'wrong_password', retryAfterSeconds: blocked };
  if (!(await verifyPassword(user.passwordHash, options.current))) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, keys, now);
      await appendAudit(
        tx,
        {
          actorId: user.id,
          action: 'password.change_failed',
          subjectType: 'user',
          subjectId: user.id,
        },
        now,
      );
    });
    return { ok: false, problem: 'wrong_password' };
  }
  const problem = await checkPassword(options.next, {
    email: user.email,
    hasMfa: (await secondFactors(db, user.id)).any,
  });
  if (problem) return { ok: false, problem };
  const passwordHash = await hashPassword(options.next);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
    const ended = await deleteUserSessions(tx, user.id);
    await clearFailures(tx, keys);
    const session = await createSession(tx, { userId: user.id, now });
    await appendAudit(
      tx,
      {
        actorId: user.id,
        action: 'password.changed',
        subjectType: 'user',
        subjectId: user.id,
        details: { sessions_ended: ended },
      },
      now,
    );
    return { ok: true as const, token: session.token };
  });
}

/**
 * Answers a reset request. The answer never says whether the account exists: the throttle is
 * counted for any email, and the link is created and emailed after the response.
 */
export async function requestPasswordReset(
  services: Services,
  options: { email: string; address: string; locale: Locale },
): Promise<{ retryAfterSeconds?: number }> {
  const { db, config } = services;
  const context = accountContext(services);
  const now = context.now();
  const email = normalizeEmail(options.email);
  const key = throttleKeys(context.masterKey, now);
  const keys = [key('resetAddress', options.address), key('resetAccount', email)];
  const blocked = await secondsBlocked(db, keys, now);
  if (blocked > 0) return { retryAfterSeconds: blocked };
  await recordFailure(db, keys, now);
  runInBackground(services, 'password reset email', async () => {
    const user = await findUserByEmail(db, email);
    if (!user || user.disabledAt) return;
    const link = await db.transaction(async (tx) => {
      const created = await createLink(tx, { userId: user.id, purpose: 'reset', now });
      await appendAudit(
        tx,
        {
          actorId: null,
          action: 'password.reset_requested',
          subjectType: 'user',
          subjectId: user.id,
        },
        now,
      );
      return created;
    });
    await sendMail(
      bilingualEmail(user.email, options.locale, 'reset', {
        url: linkUrl(config.baseUrl, options.locale, 'reset', link.token),
        minutes: 60,
      }),
      { outboxDir: context.outboxDir, baseUrl: config.baseUrl, now },
    );
  });
  return {};
}

/** An email in the reader's language first, then the other one: `accounts.email.<kind>.*`. */
function bilingualEmail(
  to: string,
  locale: Locale,
  kind: 'reset' | 'invite',
  values: Record<string, string | number>,
) {
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const subject = (l: Locale) => translate(l, `accounts.email.${kind}.subject`);
  const body = (l: Locale) =>
    translate(l, `accounts.email.${kind}.body`, {
      ...values,
      ...(values.role ? { role: translate(l, `accounts.role.${values.role}`) } : {}),
    });
  return {
    to,
    language: locale,
    subject: `${subject(locale)} / ${subject(other)}`,
    text: `${body(locale)}\n\n-- \n\n${body(other)}\n`,
  };
}

/**
 * An admin invites someone: the account is created as by `igualdad user create`, and its set-up
 * link is emailed to the person and returned to show once to the admin.
 */
export async function inviteUser(
  services: Services,
  options: { email: string; role: Role; locale: Locale; actorId: string },
): Promise<{ url: string; emailed: boolean }> {
  const context = accountContext(services);
  const now = context.now();
  const created = await createUser(services.db, { ...options, now });
  const url = linkUrl(services.config.baseUrl, options.locale, 'set_up', created.token);
  const emailed = await sendMail(
    bilingualEmail(normalizeEmail(options.email), options.locale, 'invite', {
      url,
      hours: 72,
      role: options.role,
    }),
    { outboxDir: context.outboxDir, baseUrl: services.config.baseUrl, now },
  ).then(
    () => true,
    (error: unknown) => {
      services.logger.error({ err: error }, 'invitation email not written');
      return false;
    },
  );
  return { url, emailed };
}

/** Every account, for the admin list (no hashes leave this function). */
export async function listUsers(db: Db) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      locale: users.locale,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(users.email);
  return rows.map((r) => ({
    ...r,
    state: r.disabledAt
      ? ('disabled' as const)
      : r.hasPassword
        ? ('active' as const)
        : ('pending' as const),
  }));
}

/** Changes a user's role; their sessions end (new privileges need a new session). */
export async function changeRole(
  db: Db,
  options: { actorId: string | null; userId: string; role: Role; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, options.userId))
      .for('update');
    if (!before) throw new AppError('not_found', 'user not found', { values: { what: 'user' } });
    if (before.role === options.role) return;
    await tx
      .update(users)
      .set({ role: options.role, updatedAt: options.now })
      .where(eq(users.id, options.userId));
    const ended = await deleteUserSessions(tx, options.userId);
    await appendAudit(
      tx,
      {
        actorId: options.actorId,
        action: 'user.role_changed',
        subjectType: 'user',
        subjectId: options.userId,
        details: { from: before.role, to: options.role, sessions_ended: ended },
      },
      options.now,
    );
  });
}

/** Disables (or enables) a user: a disabled user's sessions and unused links end at once. */
export async function setUserDisabled(
  db: Db,
  options: { actorId: string | null; userId: string; disabled: boolean; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ disabledAt: options.disabled ? options.now : null, updatedAt: options.now })
      .where(
        and(
          eq(users.id, options.userId),
          options.disabled
            ? sql`${users.disabledAt} is null`
            : sql`${users.disabledAt} is not null`,
        ),
      )
      .returning({ id: users.id });
    if (!user) return;
    const ended = options.disabled ? await deleteUserSessions(tx, options.userId) : 0;
    if (options.disabled) await expireLinks(tx, { userId: options.userId, now: options.now });
    await appendAudit(
      tx,
      {
        actorId: options.actorId,
        action: options.disabled ? 'user.disabled' : 'user.enabled',
        subjectType: 'user',
        subjectId: options.userId,
        ...(options.disabled ? { details: { sessions_ended: ended } } : {}),
      },
      options.now,
    );
  });
}

export { findUserByEmail };
