import { gunzipSync } from 'node:zlib';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it, vi } from 'vitest';
import { createTestApp, useTestApp } from '../../test/harness.ts';
import { prefersGzip } from './page-cache.ts';
import { splitRequestUrl } from './routes.ts';

describe('page cache', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it('reads the data version once for requests that arrive together', async () => {
    const { app: fresh, services } = createTestApp(fixture.database, { dataVersionTtlMs: 60_000 });
    const execute = vi.spyOn(services.db, 'execute');
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => fresh.request('/en/privacy')),
      );
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const dialect = new PgDialect();
      const versionReads = execute.mock.calls.filter(([query]) =>
        dialect.sqlToQuery(query as SQL).sql.includes('from settings'),
      );
      expect(versionReads).toHaveLength(1);
    } finally {
      execute.mockRestore();
    }
  });

  it('answers a cached page gzipped, once compressed, to browsers that take gzip', async () => {
    const plain = await fixture.app.request('/es/faq');
    const html = await plain.text();
    for (let i = 0; i < 2; i++) {
      const res = await fixture.app.request('/es/faq', {
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(res.headers.get('x-page-cache')).toBe('hit');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('etag')).toBe(plain.headers.get('etag'));
      expect(res.headers.get('content-security-policy')).toContain("'nonce-");
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(html);
    }
    const identity = await fixture.app.request('/es/faq', {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(await identity.text()).toBe(html);
  });
});

describe('splitRequestUrl', () => {
  it.each([
    ['http://h/es/policies?q=x', ['/es/policies', '?q=x']],
    ['http://h:3000/es', ['/es', '']],
    ['https://h/es?', ['/es', '']],
    ['http://h/en/faq#top', ['/en/faq', '']],
    ['http://h/es/policies?q=a%20b#x', ['/es/policies', '?q=a%20b']],
    ['http://h', ['/', '']],
  ])('%s', (url, expected) => {
    expect(splitRequestUrl(url)).toEqual(expected);
    const parsed = new URL(url);
    expect(splitRequestUrl(url)).toEqual([parsed.pathname, parsed.search]);
  });
});

describe('prefersGzip (the choice hono/compress makes)', () => {
  it.each([
    [undefined, false],
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br', false],
    ['*', true],
    ['gzip;q=0', false],
    ['deflate, gzip;q=0.5', false],
    ['deflate;q=0.5, gzip;q=0.5', true],
    ['identity', false],
  ])('%s -> %s', (header, expected) => {
    expect(prefersGzip(header)).toBe(expected);
  });
});
