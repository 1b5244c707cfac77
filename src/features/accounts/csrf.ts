/**
 * CSRF protection for every state-changing request under /{lang}/admin, two checks:
 *
 * 1. Where the request comes from: `Sec-Fetch-Site`, when the browser sends it, must be
 *    `same-origin`; `Origin`, when sent, must be this site (the request's own origin or
 *    BASE_URL's). A cross-site form post fails here.
 * 2. A token in the form: HMAC(key, csrf cookie + session id). The random CSRF cookie is set on
 *    the first admin page; binding the token to the session means a token from before sign-in
 *    (or from another session) is refused after it (signed double submit, tied to the session).
 */
import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import { hmac, randomToken, safeEqual } from './crypto.ts';
import { readCookie, secureRequest, writeCookie } from './cookies.ts';
import { AuthError } from './errors.ts';

export const CSRF_FIELD = '_csrf';

/** The CSRF cookie of this browser, set now if it has none. */
export function ensureCsrfCookie(c: Context, config: Config): string {
  const existing = readCookie(c, config, 'csrf');
  if (existing) return existing;
  const value = randomToken();
  writeCookie(c, config, 'csrf', value, undefined);
  return value;
}

export function csrfToken(key: Buffer, cookie: string, sessionId: string | undefined): string {
  return hmac(key, `${cookie}|${sessionId ?? ''}`);
}

/** Throws `csrf_rejected` when the request is cross-site or its token does not match. */
export function checkCsrf(
  c: Context,
  config: Config,
  key: Buffer,
  sessionId: string | undefined,
  submitted: unknown,
): void {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin')
    throw new AuthError('csrf_rejected', `cross-site request (Sec-Fetch-Site: ${site})`);
  const origin = c.req.header('origin');
  if (origin !== undefined && !allowedOrigins(c, config).includes(origin))
    throw new AuthError('csrf_rejected', 'cross-site request (Origin)');
  const cookie = readCookie(c, config, 'csrf');
  if (!cookie || typeof submitted !== 'string' || submitted.length > 100)
    throw new AuthError('csrf_rejected', 'missing CSRF cookie or token');
  if (!safeEqual(submitted, csrfToken(key, cookie, sessionId)))
    throw new AuthError('csrf_rejected', 'CSRF token does not match');
}

function allowedOrigins(c: Context, config: Config): string[] {
  const own = new URL(c.req.url);
  const scheme = secureRequest(c, config) ? 'https:' : own.protocol;
  return [`${scheme}//${own.host}`, new URL(config.baseUrl).origin];
}
