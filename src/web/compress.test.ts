import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { compress as honoCompress } from 'hono/compress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { createTestApp, createTestDatabase, engines } from '../../test/harness.ts';
import { bodyInMemory, compress, selectEncoding } from './compress.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent, and decoded from its Content-Encoding. */
  raw: Buffer;
  body: string;
}

/** A plain HTTP request: no decompression, every header as the server sent it. */
function request(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const decoded =
          encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw;
        resolve({ status: res.statusCode!, headers: res.headers, raw, body: decoded.toString() });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function listen(app: Hono): Promise<{ base: string; server: ServerType }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: ServerType) => new Promise<void>((resolve) => server.close(() => resolve()));

const json = JSON.stringify({
  data: Array.from({ length: 60 }, (_, i) => ({ slug: `p-${i}`, title: `Política número ${i}` })),
});
const ascii = 'Sanctuary policies and immigration detainers. '.repeat(50);
const html = `<!doctype html><p>${'Derechos de las personas inmigrantes. '.repeat(80)}</p>`;

/** Routes covering every branch of hono's compress(). */
function routes(middleware: MiddlewareHandler): Hono {
  const app = new Hono();
  app.use(middleware);
  app.get('/json', (c) => c.body(json, 200, { 'content-type': 'application/json', etag: '"x"' }));
  app.get('/object', (c) => c.json(JSON.parse(json) as unknown));
  app.get('/html', (c) => c.html(html));
  app.get('/weak', (c) => c.body(json, 200, { 'content-type': 'application/json', etag: 'W/"y"' }));
  app.get('/small', (c) => c.json({ ok: true }));
  app.get('/empty', (c) => c.body('', 200, { 'content-type': 'text/plain' }));
  app.get('/bytes', (c) =>
    c.body(new TextEncoder().encode(json), 200, { 'content-type': 'application/json' }),
  );
  app.get('/short-length', (c) =>
    c.body(ascii.slice(0, 600), 200, { 'content-type': 'text/plain', 'content-length': '600' }),
  );
  app.get('/long-length', (c) =>
    c.body(ascii, 200, { 'content-type': 'text/plain', 'content-length': String(ascii.length) }),
  );
  app.get('/png', (c) => c.body(json, 200, { 'content-type': 'image/png' }));
  app.get('/untyped', () => new Response(new TextEncoder().encode(json)));
  app.get('/encoded', (c) =>
    c.body(json, 200, { 'content-type': 'application/json', 'content-encoding': 'identity' }),
  );
  app.get('/no-transform', (c) =>
    c.body(json, 200, { 'content-type': 'application/json', 'cache-control': 'no-transform' }),
  );
  app.get('/partial', (c) => c.body(json, 206, { 'content-type': 'application/json' }));
  app.get('/vary-star', (c) => c.body(json, 200, { 'content-type': 'text/plain', vary: '*' }));
  app.get('/vary-language', (c) =>
    c.body(json, 200, { 'content-type': 'text/plain', vary: 'Accept-Language' }),
  );
  app.get('/vary-both', (c) =>
    c.body(json, 200, { 'content-type': 'text/plain', vary: 'Accept-Language, accept-encoding' }),
  );
  app.get('/not-modified', () => new Response(null, { status: 304, headers: { etag: '"x"' } }));
  app.get('/no-body', (c) => c.body(null, 200, { 'content-type': 'text/plain' }));
  app.get('/stream', (c) => {
    const bytes = new TextEncoder().encode(json);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 1000));
        controller.enqueue(bytes.subarray(1000));
        controller.close();
      },
    });
    return c.body(body, 200, { 'content-type': 'application/json', etag: '"s"' });
  });
  return app;
}

const PATHS = [
  '/json',
  '/object',
  '/html',
  '/weak',
  '/small',
  '/empty',
  '/bytes',
  '/short-length',
  '/long-length',
  '/png',
  '/untyped',
  '/encoded',
  '/no-transform',
  '/partial',
  '/vary-star',
  '/vary-language',
  '/vary-both',
  '/not-modified',
  '/no-body',
  '/stream',
];
const ACCEPT_ENCODINGS = [
  undefined,
  'gzip',
  'deflate',
  'gzip, deflate, br',
  'br',
  'identity',
  '*',
  '*;q=0.2, gzip;q=0',
  'gzip;q=0',
  'gzip;q=0.5, deflate',
  'deflate;q=0.5, gzip;q=0.5',
  'deflate;q=0.8, gzip;q=0.4',
  'GZIP',
];

/** Headers that depend on how the body was framed, not on what it is. */
const FRAMING = new Set([
  'content-length',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
]);
const described = (a: Answer) => ({
  status: a.status,
  body: a.body,
  headers: Object.fromEntries(Object.entries(a.headers).filter(([k]) => !FRAMING.has(k))),
});

describe('compress (in-memory bodies through node:zlib)', () => {
  let ours: { base: string; server: ServerType };
  let hono: { base: string; server: ServerType };
  beforeAll(async () => {
    ours = await listen(routes(compress()));
    hono = await listen(routes(honoCompress()));
  });
  afterAll(async () => {
    await close(ours.server);
    await close(hono.server);
  });

  it('answers as hono’s compress() does, whatever the body and Accept-Encoding', async () => {
    for (const method of ['GET', 'HEAD']) {
      for (const path of PATHS) {
        for (const accept of ACCEPT_ENCODINGS) {
          const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
          const [a, b] = await Promise.all([
            request(ours.base, path, headers, method),
            request(hono.base, path, headers, method),
          ]);
          expect(described(a), `${method} ${path} (${accept})`).toEqual(described(b));
        }
      }
    }
  });

  it('sends an in-memory body compressed in one piece, with its length', async () => {
    const plain = await request(ours.base, '/json');
    const gzipped = await request(ours.base, '/json', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['transfer-encoding']).toBeUndefined();
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.raw.length);
    expect(gzipped.raw.length).toBeLessThan(plain.raw.length / 4);
    expect(gzipped.body).toBe(json);
    expect(gzipped.headers.etag).toBe('W/"x"');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
  });

  it('leaves a streamed body to hono’s compress(), still streamed', async () => {
    const streamed = await request(ours.base, '/stream', { 'accept-encoding': 'gzip' });
    expect(streamed.headers['content-encoding']).toBe('gzip');
    expect(streamed.headers['transfer-encoding']).toBe('chunked');
    expect(streamed.body).toBe(json);
    expect(streamed.headers.etag).toBe('W/"s"');
  });

  it('knows a body in memory only from @hono/node-server’s Response', () => {
    // serve() made @hono/node-server's Response the global one, as in the server.
    expect(bodyInMemory(new Response(json))).toBe(json);
    const bytes = new Uint8Array([1, 2, 3]);
    expect(bodyInMemory(new Response(bytes))).toBe(bytes);
    expect(bodyInMemory(new Response(null))).toBeNull();
    expect(bodyInMemory(new Response(new ReadableStream()))).toBeUndefined();
    const read = new Response(json);
    void read.body; // once read as a stream, its body is no longer the string
    expect(bodyInMemory(read)).toBeUndefined();
  });

  it('chooses the encoding as hono does', () => {
    expect(selectEncoding(undefined)).toBeUndefined();
    expect(selectEncoding('gzip, deflate')).toBe('gzip');
    expect(selectEncoding('deflate, gzip')).toBe('gzip');
    expect(selectEncoding('deflate;q=0.9, gzip;q=0.5')).toBe('deflate');
    expect(selectEncoding('*;q=0.1')).toBe('gzip');
    expect(selectEncoding('gzip;q=0, deflate;q=0')).toBeUndefined();
    expect(selectEncoding('br')).toBeUndefined();
  });
});

describe.each(engines())('compress on the API over HTTP (%s)', (engine) => {
  let database: Database;
  let served: { base: string; server: ServerType };
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    served = await listen(createTestApp(database).app as unknown as Hono);
  });
  afterAll(async () => {
    await close(served.server);
    await database.close();
  });

  it('gzips a page of search results to the same JSON, with a weak ETag that revalidates', async () => {
    const path = '/api/v1/policies?q=inmigracion&limit=50';
    const plain = await request(served.base, path, { 'accept-language': 'es' });
    const gzipped = await request(served.base, path, {
      'accept-language': 'es',
      'accept-encoding': 'gzip',
    });
    expect(plain.status).toBe(200);
    expect(plain.raw.length).toBeGreaterThan(1024);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-length']).toBe(String(gzipped.raw.length));
    expect(gzipped.body).toBe(plain.body);
    expect(gzipped.headers.etag).toBe(`W/${plain.headers.etag}`);
    expect(gzipped.headers.vary).toBe('Accept-Language, Accept-Encoding');
    const again = await request(served.base, path, {
      'accept-language': 'es',
      'accept-encoding': 'gzip',
      'if-none-match': gzipped.headers.etag!,
    });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
  });

  it('gzips a problem+json error as before', async () => {
    const plain = await request(served.base, '/api/v1/policies?limit=0');
    const gzipped = await request(served.base, '/api/v1/policies?limit=0', {
      'accept-encoding': 'gzip',
    });
    expect(gzipped.status).toBe(400);
    expect(gzipped.headers['content-type']).toBe(plain.headers['content-type']);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body).toBe(plain.body);
  });
});
