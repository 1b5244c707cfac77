/**
 * What the admin pages' middleware puts on each request, and the guards handlers use.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Config } from '../../config.ts';
import type { Services } from '../../services.ts';
import { AuthError } from '../accounts/errors.ts';
import type { SignedIn } from '../accounts/sessions.ts';

export interface AdminEnv {
  Variables: AppEnv['Variables'] & {
    signedIn?: SignedIn;
    /** The CSRF token for this browser and session, for every form on the page. */
    csrf: string;
    /** The signed-in user's role must set up a second factor (MFA_REQUIRED_ROLES). */
    mfaSetupRequired: boolean;
  };
}

export type AdminContext = Context<AdminEnv>;
export type AdminRegistrar = (services: Services, app: Hono<AdminEnv>) => void;

/**
 * The signed-in user with every factor verified, or an error the pages answer with the sign-in
 * form (`unauthenticated`) or the second-factor page (`mfa_required`, `mfa_setup_required`).
 */
export function requireSignedIn(c: AdminContext): SignedIn {
  const signedIn = requirePassword(c);
  if (signedIn.mfaEnrolled && !signedIn.principal.mfaVerified)
    throw new AuthError('mfa_required', 'second factor not verified in this session');
  if (!signedIn.mfaEnrolled && c.get('mfaSetupRequired'))
    throw new AuthError('mfa_setup_required', 'this role must set up a second factor');
  return signedIn;
}

/** A session that passed the password step, whatever its second factor (MFA pages, sign-out). */
export function requirePassword(c: AdminContext): SignedIn {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new AuthError('unauthenticated', 'not signed in');
  return signedIn;
}

/**
 * The client's address, for throttling only (it is HMACed before storage). Behind a trusted proxy
 * it is the last X-Forwarded-For entry (the one the proxy added). An IPv6 address counts by its
 * /64, which one client usually holds whole.
 */
export function clientAddress(c: Context, config: Config): string {
  let address: string | undefined;
  if (config.trustProxy) address = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
  if (!address) {
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      address = undefined; // no socket: an in-process request
    }
  }
  return address ? addressBucket(address) : 'unknown';
}

export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64);
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** A path after sign-in: only an admin page of this site (no open redirect). */
export function safeNext(value: string | undefined, locale: string): string {
  return value && /^\/(es|en)\/admin(\/[a-z0-9-]+)*$/.test(value) ? value : `/${locale}/admin`;
}
