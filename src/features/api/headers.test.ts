import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/harness.ts';
import { API_CACHE_CONTROL } from './app.ts';

describe('API response headers', () => {
  const fixture = useTestApp('pglite', 'empty');

  it('lets a successful GET be cached briefly, varied by language and encoding', async () => {
    const res = await fixture.app.request('/api/v1/topics');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(API_CACHE_CONTROL);
    expect(res.headers.get('vary')).toBe('Accept-Language, Accept-Encoding');
    expect(res.headers.get('etag')).toBeTruthy();
    const again = await fixture.app.request('/api/v1/topics', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('vary')).toBe('Accept-Language, Accept-Encoding');
  });

  it('keeps a route’s own cache-control and never caches an error', async () => {
    const point = await fixture.app.request('/api/v1/representatives?lat=35.08&lon=-106.65');
    expect(point.status).toBe(200);
    expect(point.headers.get('cache-control')).toBe('no-store');
    const bad = await fixture.app.request('/api/v1/policies?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).not.toBe(API_CACHE_CONTROL);
    expect(bad.headers.get('vary')).toBe('Accept-Language, Accept-Encoding');
  });
});
