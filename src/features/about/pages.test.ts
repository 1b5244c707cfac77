import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../../../test/harness.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from '../home/page-test-kit.ts';

describe('about and privacy pages', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it.each([
    ['es', 'Acerca de Igualdad', 'Sin verificar'],
    ['en', 'About Igualdad', 'Unverified'],
  ])('explains the project, verification, languages and open data (%s)', async (lang, h1, mark) => {
    const { status, html } = await getPage(fixture.app, `/${lang}/about`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toContain(`<h1>${h1}</h1>`);
    expect(html).toContain(`>${mark}</span>`);
    expect(html).toContain(`href="/api/v1/docs?lang=${lang}"`);
    expect(html).toContain('href="/api/v1/export/popolo.json"');
    expect(html).toContain('href="/api/v1/export/policies.csv"');
    expect(html).toContain('AGPL-3.0');
    expect(html).toContain(`href="/${lang}/privacy"`);
    expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/about`);
    expect(await pageWeight(fixture.app, html)).toBeLessThan(BUDGET);
  });

  it('links open data that exists', async () => {
    for (const path of ['/api/v1/export/popolo.json', '/api/v1/export/policies.csv']) {
      expect((await fixture.app.request(path)).status, path).toBe(200);
    }
  });

  it.each(['es', 'en'])('states exactly what is kept about visitors (%s)', async (lang) => {
    const res = await fixture.app.request(`/${lang}/privacy`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    for (const text of ['lang', 'HttpOnly', 'SameSite=Lax', 'GET', '200']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(lang === 'es' ? '1 año' : '1 year');
    expect(html).toContain(lang === 'es' ? 'dirección IP' : 'IP address');
    expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/privacy`);
    expect(await pageWeight(fixture.app, html)).toBeLessThan(BUDGET);
  });

  it.each(['es', 'en'])(
    'names the address service only when one is configured (%s)',
    async (lang) => {
      const named = createTestApp(fixture.database, {
        geocoder: { service: 'census', url: 'https://geocoder.example.org', timeoutMs: 1000 },
      }).app;
      const withService = await (await named.request(`/${lang}/privacy`)).text();
      expect(withService).toContain('geocoder.example.org');
      expect(withService).toContain(lang === 'es' ? 'Oficina del Censo' : 'Census Bureau');
      const without = await (await fixture.app.request(`/${lang}/privacy`)).text();
      expect(without).not.toContain('geocoder.example.org');
      expect(without).not.toContain(lang === 'es' ? 'Oficina del Censo' : 'Census Bureau');
    },
  );

  it('matches what the site really does: one HttpOnly, SameSite=Lax cookie named lang for a year', async () => {
    // A fresh address: a page served from the page cache does not repeat the cookie (see report).
    const res = await fixture.app.request('/en/privacy?first-visit');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie.split(/,(?=\s*\w+=)/).length).toBe(1);
  });

  it('makes no third-party requests from any of these pages', async () => {
    for (const path of ['/es', '/es/about', '/en/privacy', '/es/faq', '/en/timeline']) {
      const html = await (await fixture.app.request(path)).text();
      const external = [...html.matchAll(/(?:src|href)="(https?:[^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((u) => !u.startsWith('http://igualdad.test/'))
        // Plain links the reader may follow are fine; nothing may be loaded from elsewhere.
        .filter((u) => !html.includes(`<a href="${u}"`));
      expect(external, path).toEqual([]);
    }
  });
});
