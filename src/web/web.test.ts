import { describe, expect, it } from 'vitest';
import { build, policyInput } from '../../test/factories.ts';
import { createTestApp, useTestApp } from '../../test/harness.ts';

describe('public site frame', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it.each([
    [{}, '/es'],
    [{ 'accept-language': 'en-US,en;q=0.9' }, '/en'],
    [{ 'accept-language': 'en', cookie: 'lang=es' }, '/es'],
    [{ cookie: 'lang=en' }, '/en'],
    [{ cookie: 'lang=fr', 'accept-language': 'fr, en;q=0.5' }, '/en'],
  ])(
    'redirects / by cookie, then Accept-Language, then the default (%j)',
    async (headers, location) => {
      const res = await fixture.app.request('/', { headers });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(location);
    },
  );

  it('removes a trailing slash', async () => {
    const res = await fixture.app.request('/en/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toMatch(/\/en$/);
  });

  it('marks the language, links the other one at the same place, and remembers the choice', async () => {
    const res = await fixture.app.request('/en?x=1');
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('href="/es?x=1"');
    expect(html).toContain('hreflang="es" href="http://igualdad.test/es?x=1"');
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;.*HttpOnly.*SameSite=Lax/i);
    const again = await fixture.app.request('/en', { headers: { cookie: 'lang=en' } });
    expect(again.headers.get('set-cookie')).toBeNull();
    const cachedForNewVisitor = await fixture.app.request('/en');
    expect(cachedForNewVisitor.headers.get('x-page-cache')).toBe('hit');
    expect(cachedForNewVisitor.headers.get('set-cookie')).toMatch(/^lang=en;/);
  });

  it('sends the security headers on pages, API answers and error pages', async () => {
    for (const path of [
      '/es',
      '/en/no-such-page',
      '/api/v1/policies',
      '/api/v1/nope',
      '/healthz',
    ]) {
      const res = await fixture.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    const a = (await fixture.app.request('/es')).headers.get('content-security-policy');
    const b = (await fixture.app.request('/es')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });

  it('adds HSTS over HTTPS, and behind a trusted proxy only', async () => {
    expect(
      (await fixture.app.request('https://igualdad.test/es')).headers.get(
        'strict-transport-security',
      ),
    ).toMatch(/max-age=\d+/);
    const proxied = await fixture.app.request('/es', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toBeNull();
    const trusting = createTestApp(fixture.database, { trustProxy: true }).app;
    const trusted = await trusting.request('/es', { headers: { 'x-forwarded-proto': 'https' } });
    expect(trusted.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('answers unknown pages with a 404 page in the right language and a way back', async () => {
    const es = await fixture.app.request('/es/nada-por-aqui');
    expect(es.status).toBe(404);
    const html = await es.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('href="/es"');
    const guessed = await fixture.app.request('/no-language', {
      headers: { 'accept-language': 'en' },
    });
    expect(guessed.status).toBe(404);
    expect(await guessed.text()).toContain('<html lang="en">');
  });

  it('serves hashed assets as immutable, compressed when asked', async () => {
    const html = await (await fixture.app.request('/es')).text();
    const href = /href="(\/assets\/site\.[\w-]+\.css)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    const res = await fixture.app.request(href!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-encoding')).toBe('br');
    const etag = res.headers.get('etag')!;
    expect((await fixture.app.request(href!, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    expect((await fixture.app.request('/assets/site.0000000000.css')).status).toBe(404);
  });

  it('caches rendered pages until the data changes, with ETag and 304', async () => {
    const first = await fixture.app.request('/en');
    const second = await fixture.app.request('/en');
    expect(second.headers.get('x-page-cache')).toBe('hit');
    const etag = first.headers.get('etag')!;
    expect(etag).toBe(second.headers.get('etag'));
    expect((await fixture.app.request('/en', { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    await build(fixture.database.db, { policies: [policyInput()] });
    const after = await fixture.app.request('/en', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-page-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('reuses its read of the data version for DATA_VERSION_TTL_MS', async () => {
    const patient = createTestApp(fixture.database, { dataVersionTtlMs: 60_000 }).app;
    await patient.request('/es/about');
    await build(fixture.database.db, { policies: [policyInput()] });
    expect((await patient.request('/es/about')).headers.get('x-page-cache')).toBe('hit');
    expect((await fixture.app.request('/es/about')).headers.get('x-page-cache')).toBe('miss');
  });
});
