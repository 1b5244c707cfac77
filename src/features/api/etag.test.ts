import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { describe, expect, it } from 'vitest';
import { bodyEtag } from './etag.ts';

/** The ETag hono's own etag() middleware (Web Crypto SHA-1) gives `body`. */
async function honoEtag(body: string): Promise<string | null> {
  const app = new Hono();
  app.use(etag());
  app.get('/', (c) => c.body(body));
  return (await app.request('/')).headers.get('etag');
}

describe('bodyEtag', () => {
  it('is the ETag hono’s etag() middleware gives, for short and chunked bodies', async () => {
    const unit = 'política «ñ» 🙂 ';
    for (const length of [1, 5_000, 262_143, 262_144, 262_145, 700_000]) {
      const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      expect(bodyEtag(body)).toBe(await honoEtag(body));
    }
  });
});
