import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { FIXED_SECURITY_HEADERS, nextNonce } from './security.ts';

const nonceOf = (res: Response) =>
  /'nonce-([A-Za-z0-9+/=]+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

describe('security headers', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it('are the ones hono/secure-headers sends for the same policy', async () => {
    // The list is written out once for speed; this keeps it from drifting from the reference.
    const reference = new Hono();
    reference.use(
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
        // Internet Explorer 8's download prompt and Flash's cross-domain policy files: no
        // browser in use reads them (decision 012, second addendum).
        xDownloadOptions: false,
        xPermittedCrossDomainPolicies: false,
        permissionsPolicy: {
          camera: [],
          microphone: [],
          payment: [],
          usb: [],
          browsingTopics: [],
          geolocation: ['self'],
        },
      }),
    );
    reference.get('/', (c) => c.body(null, 204));
    const expected = await reference.request('/');
    const ours = await fixture.app.request('/healthz');
    for (const [name, value] of [
      ...FIXED_SECURITY_HEADERS,
      ['content-security-policy', expected.headers.get('content-security-policy')!] as const,
    ]) {
      const want = expected.headers.get(name)?.replace(/nonce-[^']+/g, 'nonce-*');
      expect(want, name).toBeDefined();
      expect(value.replace(/nonce-[^']+/g, 'nonce-*'), name).toBe(want);
      expect(ours.headers.get(name)?.replace(/nonce-[^']+/g, 'nonce-*'), name).toBe(want);
    }
    const names = (h: Headers) =>
      [...h.keys()].filter((k) => !['content-type', 'content-length'].includes(k)).sort();
    expect(names(expected.headers)).toEqual(
      [...FIXED_SECURITY_HEADERS.map(([n]) => n), 'content-security-policy'].sort(),
    );
  });

  it('come with every cached page, each with a fresh nonce', async () => {
    const miss = await fixture.app.request('/es/policies/bernco-ar-2017-22');
    const hit = await fixture.app.request('/es/policies/bernco-ar-2017-22');
    const again = await fixture.app.request('/es/policies/bernco-ar-2017-22');
    expect(hit.headers.get('x-page-cache')).toBe('hit');
    for (const res of [miss, hit, again]) {
      for (const [name, value] of FIXED_SECURITY_HEADERS) expect(res.headers.get(name)).toBe(value);
      expect(res.headers.get('content-language')).toBe('es');
      expect(res.headers.get('set-cookie')).toMatch(/^lang=es;/);
    }
    expect(new Set([miss, hit, again].map(nonceOf)).size).toBe(3);
    expect(await hit.text()).toBe(await again.text());
    // The nonce is only in the header: no page embeds it, so a cached body stays valid.
    expect(await miss.text()).not.toContain(nonceOf(miss));
  });

  it('answers 304 from the cache with the security headers too', async () => {
    const first = await fixture.app.request('/en/about');
    const etag = first.headers.get('etag')!;
    const notModified = await fixture.app.request('/en/about', {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(nonceOf(notModified)).toBeTruthy();
    expect(notModified.headers.get('x-frame-options')).toBe('DENY');
  });

  it('makes nonces of 128 random bits that do not repeat', () => {
    const nonces = Array.from({ length: 5000 }, nextNonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const n of nonces.slice(0, 300)) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
