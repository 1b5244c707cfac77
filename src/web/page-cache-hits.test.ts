import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { bumpDataVersion } from '../db/data-version.ts';
import { listen } from '../server.ts';
import { createServices } from '../services.ts';
import { createTestDatabase, testConfig } from '../../test/harness.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Written by Node's HTTP server itself, whichever door answered.
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length']);
const withoutNonce = (csp: string | undefined) => csp?.replace(/'nonce-[^']+'/g, "'nonce-N'");

function comparable({ status, headers, body }: Answer) {
  const kept = Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !TRANSPORT.has(name))
      .map(([name, value]) => [
        name,
        name === 'content-security-policy' ? withoutNonce(value) : value,
      ]),
  );
  return { status, headers: kept, body: body.toString('base64') };
}

describe('page-cache hits answered before Hono', () => {
  let database: Database;
  let server: http.Server;
  let base: string;
  let appCalls = 0;
  const logLines: { msg: string; method: string; path: string; status: number }[] = [];
  let inApp: (path: string, headers?: Record<string, string>) => Promise<Answer>;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    // A TTL long enough that the version is known while a test runs (a slow first render
    // included), short enough to see a change.
    const config = testConfig({ dataVersionTtlMs: 2000, trustProxy: true });
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => logLines.push(JSON.parse(line)) },
    );
    const services = createServices({ config, database, logger });
    const app = createApp(services);
    server = (await listen(
      (request) => {
        appCalls++;
        return app.fetch(request);
      },
      services,
      0,
      '127.0.0.1',
    )) as http.Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    inApp = async (path, headers = {}) => {
      const res = await app.request(`${base}${path}`, { headers });
      return {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(await res.arrayBuffer()),
      };
    };
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  /** A raw HTTP/1.1 GET (no decompression, no cookie jar), counting calls into the app. */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    const before = appCalls;
    return new Promise<Answer & { reachedApp: boolean }>((resolve, reject) => {
      // Host, port and path given apart: a URL string would be normalized by the client first.
      const { hostname, port } = new URL(base);
      const options = { hostname, port, path, method, headers, agent: false };
      const req = http.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = res.rawHeaders;
          const seen: Record<string, string> = {};
          for (let i = 0; i < raw.length; i += 2) {
            const name = raw[i]!.toLowerCase();
            expect(seen[name], `header ${name} sent twice`).toBeUndefined();
            seen[name] = raw[i + 1]!;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: seen,
            body: Buffer.concat(chunks),
            reachedApp: appCalls > before,
          });
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  it.each<[string, string, Record<string, string>]>([
    ['no cookie, no compression', '/es/faq', {}],
    ['gzip', '/en/faq', { 'accept-encoding': 'gzip, deflate, br' }],
    ['the language cookie already set', '/es/faq', { cookie: 'theme=x; lang=es' }],
    ['the other language in the cookie', '/en/faq', { cookie: 'lang=es' }],
    ['over HTTPS behind the trusted proxy', '/es/faq', { 'x-forwarded-proto': 'https' }],
    ['a query with escapes', '/es/policies?q=detenci%C3%B3n&status=in_force', {}],
  ])('answers as the app does (%s), without reaching it', async (_, path, headers) => {
    await get(path, headers); // a miss, unless an earlier test cached it
    const hit = await get(path, headers);
    expect(hit.reachedApp).toBe(false);
    expect(hit.status).toBe(200);
    expect(hit.headers['x-page-cache']).toBe('hit');
    expect(hit.headers['content-length']).toBe(String(hit.body.length));
    expect(comparable(hit)).toEqual(comparable(await inApp(path, headers)));
    if (headers['accept-encoding']) expect(hit.headers['content-encoding']).toBe('gzip');
    const html = (hit.headers['content-encoding'] ? gunzipSync(hit.body) : hit.body).toString();
    expect(html).toContain('<html lang="');
  });

  it('answers 304 to a matching If-None-Match, as the app does', async () => {
    const { headers } = await get('/es/about');
    const conditional = { 'if-none-match': `"x", ${headers.etag}` };
    const hit = await get('/es/about', conditional);
    expect(hit.reachedApp).toBe(false);
    expect(hit.status).toBe(304);
    expect(hit.body.length).toBe(0);
    expect(comparable(hit)).toEqual(comparable(await inApp('/es/about', conditional)));
  });

  it('gives each answer its own nonce', async () => {
    await get('/es/faq');
    const [a, b] = [await get('/es/faq'), await get('/es/faq')];
    expect(a.reachedApp || b.reachedApp).toBe(false);
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
  });

  it.each<[string, string, Record<string, string>]>([
    ['HEAD', '/es/faq', {}],
    ['GET', '/es/faq', { 'accept-encoding': 'deflate' }],
    ['GET', '/es/faq', { 'accept-encoding': 'br' }],
    ['GET', '/es/./faq', {}],
    ['GET', '/es/faq?q="a"', {}],
  ])('leaves %s %s %j to the app', async (method, path, headers) => {
    await get('/es/faq'); // cached
    const answer = await get(path, headers, method);
    expect(answer.reachedApp).toBe(true);
  });

  it('stops answering from the cache once the data changes', async () => {
    await get('/en/about');
    expect((await get('/en/about')).reachedApp).toBe(false);
    await database.db.transaction((tx) => bumpDataVersion(tx));
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the version's TTL
    const after = await get('/en/about');
    expect(after.reachedApp).toBe(true);
    expect(after.headers['x-page-cache']).toBe('miss');
    expect((await get('/en/about')).reachedApp).toBe(false);
  });

  it('logs a hit as the app logs a request: method, path and status only', async () => {
    await get('/es/talking-points');
    logLines.length = 0;
    await get('/es/talking-points?audience=media');
    await get('/es/talking-points?audience=media');
    const requests = logLines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(2);
    for (const line of requests) {
      expect(line).toMatchObject({ method: 'GET', path: '/es/talking-points', status: 200 });
      expect(JSON.stringify(line)).not.toContain('audience');
    }
  });
});
