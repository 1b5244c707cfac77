/**
 * Rendered public pages kept in memory, keyed by the data version (see db/data-version.ts), so a
 * change anywhere invalidates every page on every app server. ETag and 304 come with it.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { readDataVersion } from '../db/data-version.ts';
import type { Services } from '../services.ts';

interface Entry {
  body: string;
  etag: string;
  contentType: string;
  language: string;
}

const MAX_ENTRIES = 2000;
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function pageCache({ db, config }: Services): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  // A cache hit should cost no database round trip: the version is re-read at most once per TTL,
  // so other app servers' changes show within DATA_VERSION_TTL_MS (default 1 s).
  let known = { version: 0, readAt: -Infinity };
  const currentVersion = async () => {
    const now = performance.now();
    if (now - known.readAt >= config.dataVersionTtlMs)
      known = { version: await readDataVersion(db), readAt: now };
    return known.version;
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const version = await currentVersion();
    const url = new URL(c.req.url);
    const key = `${version}|${url.pathname}${url.search}`;
    const cached = config.pageCache ? entries.get(key) : undefined;
    if (cached) {
      // Set c.res rather than returning, so outer middleware (the language cookie) still adds headers.
      c.res = respond(c.req.header('if-none-match'), cached);
      c.res.headers.set('x-page-cache', 'hit');
      return;
    }
    await next();
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
    const body = await c.res.clone().text();
    const entry: Entry = {
      body,
      etag: `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      contentType: c.res.headers.get('content-type')!,
      language: c.res.headers.get('content-language') ?? '',
    };
    if (config.pageCache) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
      c.header('x-page-cache', 'miss');
    }
    const headers = new Headers(c.res.headers);
    c.res = undefined;
    c.res = respond(c.req.header('if-none-match'), entry, headers);
  };

  function respond(ifNoneMatch: string | undefined, entry: Entry, base?: Headers): Response {
    const headers = new Headers(base);
    headers.set('etag', entry.etag);
    headers.set('cache-control', PAGE_CACHE_CONTROL);
    headers.set('content-type', entry.contentType);
    headers.set('vary', 'Accept-Encoding');
    if (entry.language) headers.set('content-language', entry.language);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === entry.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(entry.body, { status: 200, headers });
  }
}
