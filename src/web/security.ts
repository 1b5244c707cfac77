/**
 * Security headers on every response, error pages included: a CSP with a per-request nonce and
 * no 'unsafe-inline', no framing, no sniffing, a strict referrer policy, a Permissions-Policy,
 * and HSTS when the request came over HTTPS.
 *
 * Every value but the nonce is fixed, so the header list is built once at start; a cached page
 * then pays only for the nonce and the header writes (decision 012).
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The CSP around the nonce: scripts and styles from this site, or inline with the nonce. */
const contentSecurityPolicy = (nonce: string) =>
  `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; ` +
  "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; " +
  "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/**
 * Headers whose value never changes (the set hono's secureHeaders sends with our options). Not
 * sent: X-Download-Options and X-Permitted-Cross-Domain-Policies, read only by Internet Explorer
 * 8 and Flash; every response carried their 80 bytes (decision 012, second addendum).
 */
export const FIXED_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-frame-options', 'DENY'],
  ['x-xss-protection', '0'],
  [
    'permissions-policy',
    'camera=(), microphone=(), payment=(), usb=(), browsing-topics=(), geolocation=(self)',
  ],
];

export function securityHeaders(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nonce = nextNonce();
    c.set('secureHeadersNonce', nonce);
    await next();
    const headers = c.res.headers;
    for (const [name, value] of FIXED_SECURITY_HEADERS) headers.set(name, value);
    const https = isHttps(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy);
    for (const [name, value] of changingSecurityHeaders(nonce, https)) headers.set(name, value);
  };
}

/**
 * The security headers that differ between responses: the CSP around this response's nonce, and
 * HSTS when the request came over HTTPS. Page-cache hits answered before Hono send them too.
 */
export function changingSecurityHeaders(nonce: string, https: boolean): [string, string][] {
  const csp: [string, string] = ['content-security-policy', contentSecurityPolicy(nonce)];
  return https ? [csp, ['strict-transport-security', HSTS]] : [csp];
}

// 128-bit nonces cut from a block of CSPRNG bytes: one randomBytes call per 256 requests instead
// of one per request (the call, not the bytes, was the cost). A byte is never handed out twice.
const NONCE_BYTES = 16;
const BLOCK = NONCE_BYTES * 256;
let block = Buffer.alloc(0);
let offset = 0;

/** A fresh, unpredictable nonce (base64, 24 characters). */
export function nextNonce(): string {
  if (offset + NONCE_BYTES > block.length) {
    block = randomBytes(BLOCK);
    offset = 0;
  }
  const nonce = block.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

export function isHttps(
  url: string,
  forwardedProto: string | undefined,
  trustProxy: boolean,
): boolean {
  if (url.startsWith('https:')) return true;
  return trustProxy && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
