/**
 * Security headers on every response, error pages included: a CSP with a per-request nonce and
 * no 'unsafe-inline', no framing, no sniffing, a strict referrer policy, a Permissions-Policy,
 * and HSTS when the request came over HTTPS.
 */
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(config: Config): MiddlewareHandler<AppEnv>[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'", NONCE],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: 'same-origin',
      permissionsPolicy: {
        camera: [],
        microphone: [],
        payment: [],
        usb: [],
        browsingTopics: [],
        geolocation: ['self'],
      },
    }),
    async (c, next) => {
      await next();
      if (isHttps(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy))
        c.header('strict-transport-security', HSTS);
    },
  ];
}

export function isHttps(
  url: string,
  forwardedProto: string | undefined,
  trustProxy: boolean,
): boolean {
  if (url.startsWith('https:')) return true;
  return trustProxy && forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}
