/**
 * Single-use links: set-up (72 hours, printed by `igualdad user create`) and password reset
 * (1 hour, emailed). Only a SHA-256 of the token is stored; using a link marks it used in the
 * same statement that checks it, so a link works once even under concurrent requests.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { accountTokens, users } from '../../db/schema.ts';
import { hashToken, randomToken } from './crypto.ts';

export type LinkPurpose = 'set_up' | 'reset';

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  set_up: 72 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

const LINK_PATH: Record<LinkPurpose, string> = {
  set_up: 'admin/set-up',
  reset: 'admin/reset/confirm',
};

export function linkUrl(baseUrl: string, locale: Locale, purpose: LinkPurpose, token: string) {
  return `${baseUrl}/${locale}/${LINK_PATH[purpose]}?token=${token}`;
}

/** A new link for the user; earlier unused links of the same kind stop working. */
export async function createLink(
  tx: Tx,
  { userId, purpose, now }: { userId: string; purpose: LinkPurpose; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  await expireLinks(tx, { userId, purpose, now });
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
  await tx
    .insert(accountTokens)
    .values({ userId, purpose, tokenHash: hashToken(token), createdAt: now, expiresAt });
  return { token, expiresAt };
}

const usable = (token: string, purpose: LinkPurpose, now: Date) =>
  and(
    eq(accountTokens.tokenHash, hashToken(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now),
  );

/** The account a link is for, while it is unused, unexpired and its user enabled. */
export async function findLink(
  tx: Tx,
  { token, purpose, now }: { token: string; purpose: LinkPurpose; now: Date },
): Promise<{ userId: string; email: string } | undefined> {
  const [row] = await tx
    .select({ userId: users.id, email: users.email })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(usable(token, purpose, now), isNull(users.disabledAt)))
    .limit(1);
  return row;
}

/** Marks the link used and returns its user, or undefined if it was not usable. */
export async function consumeLink(
  tx: Tx,
  { token, purpose, now }: { token: string; purpose: LinkPurpose; now: Date },
): Promise<string | undefined> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        usable(token, purpose, now),
        sql`exists (select 1 from ${users} where ${users.id} = ${accountTokens.userId} and ${users.disabledAt} is null)`,
      ),
    )
    .returning({ userId: accountTokens.userId });
  return row?.userId;
}

/** Every unused link of a user (of one kind, or all) stops working. */
export async function expireLinks(
  tx: Tx,
  { userId, purpose, now }: { userId: string; purpose?: LinkPurpose; now: Date },
) {
  await tx
    .update(accountTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(accountTokens.userId, userId),
        purpose ? eq(accountTokens.purpose, purpose) : undefined,
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
}
