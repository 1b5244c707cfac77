/**
 * The account cookies. Over HTTPS (directly, or behind a trusted proxy) they carry the `__Host-`
 * prefix and `Secure`: the browser then refuses them from any other host or path, or over plain
 * HTTP. All are HttpOnly and SameSite=Lax, with Path=/.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Config } from '../../config.ts';
import { isHttps } from '../../web/security.ts';
import { hmac, randomToken, safeEqual } from './crypto.ts';

export type CookieName = 'session' | 'csrf' | 'device';

const DEVICE_LIFETIME_S = 180 * 24 * 60 * 60;

export function secureRequest(c: Context, config: Config): boolean {
  return isHttps(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy);
}

function cookieName(name: CookieName, secure: boolean): string {
  return secure ? `__Host-igualdad_${name}` : `igualdad_${name}`;
}

export function readCookie(c: Context, config: Config, name: CookieName): string | undefined {
  const value = getCookie(c, cookieName(name, secureRequest(c, config)));
  return value && /^[A-Za-z0-9_.-]{1,200}$/.test(value) ? value : undefined;
}

/** Appends a Set-Cookie header; maxAge 0 deletes. */
export function writeCookie(
  c: Context,
  config: Config,
  name: CookieName,
  value: string,
  maxAgeSeconds: number | undefined,
) {
  const secure = secureRequest(c, config);
  const parts = [
    `${cookieName(name, secure)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAgeSeconds === undefined ? [] : [`Max-Age=${maxAgeSeconds}`]),
  ];
  c.header('set-cookie', parts.join('; '), { append: true });
}

/**
 * A device cookie: a browser that signed in to this account before. Signed, with its own
 * expiry: `nonce.expiresEpochSeconds.mac`, the mac covering the user id.
 */
export function makeDeviceCookie(key: Buffer, userId: string, now: Date): string {
  const nonce = randomToken().slice(0, 22);
  const expires = Math.floor(now.getTime() / 1000) + DEVICE_LIFETIME_S;
  return `${nonce}.${expires}.${hmac(key, `${nonce}.${expires}.${userId}`)}`;
}

/** The device's nonce when the cookie is genuine, unexpired and for this user. */
export function verifyDeviceCookie(
  key: Buffer,
  cookie: string | undefined,
  userId: string | undefined,
  now: Date,
): string | undefined {
  if (!cookie || !userId) return undefined;
  const [nonce, expires, mac] = cookie.split('.');
  if (!nonce || !expires || !mac || !/^\d+$/.test(expires)) return undefined;
  if (Number(expires) * 1000 <= now.getTime()) return undefined;
  return safeEqual(mac, hmac(key, `${nonce}.${expires}.${userId}`)) ? nonce : undefined;
}

export const DEVICE_COOKIE_MAX_AGE = DEVICE_LIFETIME_S;
