/**
 * Rendered public pages kept in memory, keyed by the data version (see db/data-version.ts), so a
 * change anywhere invalidates every page on every app server. ETag and 304 come with it.
 *
 * A hit is the hot path of the site (decision 012): the entry keeps its body as bytes and its
 * headers as a ready list, and the answer is one plain Response that @hono/node-server writes
 * without streaming. Nothing here parses the URL or copies a Response. A reader whose browser
 * takes gzip gets the entry's gzip copy, compressed once rather than on every hit.
 *
 * One cache per app (made in services.ts), read by two doors: the Hono middleware below, which
 * fills it and answers hits inside the app, and `hit()`, which page-cache-hits.ts uses to answer
 * a hit on node:http before Hono sees the request (decision 012, second addendum).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import type { AppEnv } from '../app-env.ts';
import { dataVersionReader } from '../db/data-version.ts';
import { dayReader } from '../lib/local-day.ts';
import type { Config, Locale } from '../config.ts';
import type { Tx } from '../db/client.ts';
import { splitRequestUrl } from './routes.ts';

export interface Entry {
  body: Uint8Array;
  etag: string;
  /** The site's language the page was made for (its path says it too). */
  locale: Locale;
  /** The headers a hit answers with: the page's type and language and the cache's own. */
  headers: [string, string][];
  /** Made on the first hit that can take it. */
  gzip?: { body: Uint8Array; headers: [string, string][] };
}

export interface PageCache {
  /** Answers hits and keeps what misses render; the site's routes use it (web/routes.ts). */
  middleware: MiddlewareHandler<AppEnv>;
  /**
   * The entry for this path and query (`/es/faq?x=1`) when the data version is known without
   * waiting for the database; undefined otherwise, and then the middleware decides.
   */
  hit(pathAndSearch: string): Entry | undefined;
}

const MAX_ENTRIES = 2000;
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function createPageCache({ db, config }: { db: Tx; config: Config }): PageCache {
  const entries = new Map<string, Entry>();
  // A cache hit should cost no database round trip: the version is re-read at most once per TTL,
  // so other app servers' changes show within DATA_VERSION_TTL_MS (default 1 s).
  const currentVersion = dataVersionReader(db, config.dataVersionTtlMs);
  // Pages that depend on the date (who holds a seat today) change at local midnight, without
  // any data change: the day is part of the key.
  const currentDay = dayReader();
  const keyOf = (version: number, pathAndSearch: string) =>
    `${version}|${currentDay()}|${pathAndSearch}`;

  const hit = (pathAndSearch: string): Entry | undefined => {
    if (!config.pageCache) return undefined;
    const fresh = currentVersion();
    if (typeof fresh !== 'number') {
      // The middleware waits for this same read; until it does, a failure must not go unhandled.
      fresh.catch(() => {});
      return undefined;
    }
    return entries.get(keyOf(fresh, pathAndSearch));
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const fresh = currentVersion();
    const version = typeof fresh === 'number' ? fresh : await fresh;
    const [path, search] = splitRequestUrl(c.req.url);
    const key = keyOf(version, `${path}${search}`);
    const cached = config.pageCache ? entries.get(key) : undefined;
    // Returned, not merged: outer middleware (language cookie, security headers) still adds its
    // headers to this response after us.
    if (cached) {
      if (isNotModified(c.req.header('if-none-match'), cached.etag))
        return new Response(null, { status: 304, headers: cached.headers });
      const variant = prefersGzip(c.req.header('accept-encoding')) ? gzipped(cached) : cached;
      return new Response(variant.body, { status: 200, headers: variant.headers });
    }

    await next();
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
    // A handler opts out by answering no-store (a page about one reader's location): such a page
    // is neither kept nor given an ETag, and its Cache-Control stays as the handler set it.
    if (c.res.headers.get('cache-control')?.includes('no-store')) return;
    const handled = c.res;
    const body = Buffer.from(await handled.text());
    const etag = `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    if (config.pageCache) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      // Only what describes the page itself: anything else a handler set (a cookie one day)
      // belongs to one reader and must not be replayed to the next.
      const kept = new Headers();
      for (const name of ['content-type', 'content-language']) {
        const value = handled.headers.get(name);
        if (value) kept.set(name, value);
      }
      entries.set(key, {
        body,
        etag,
        locale: c.get('locale'),
        headers: withCacheHeaders(kept, etag, 'hit'),
      });
    }
    // Replace, not merge: unset first, or Hono would copy the old response's headers onto a
    // streamed copy of the new one.
    c.res = undefined;
    const headers = withCacheHeaders(
      new Headers(handled.headers),
      etag,
      config.pageCache ? 'miss' : undefined,
    );
    c.res = isNotModified(c.req.header('if-none-match'), etag)
      ? new Response(null, { status: 304, headers })
      : new Response(body, { status: 200, headers });
  };
  return { middleware, hit };
}

export function gzipped(entry: Entry): NonNullable<Entry['gzip']> {
  // The same bytes hono's compress() would send, made once per entry (it skips a response that
  // already has a Content-Encoding).
  entry.gzip ??= {
    body: gzipSync(entry.body),
    headers: [...entry.headers, ['content-encoding', 'gzip']],
  };
  return entry.gzip;
}

/** What hono's compress() would choose: gzip when its quality is positive and not below deflate's. */
export function prefersGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  const accepts = parseAccept(acceptEncoding);
  const q = (name: string) =>
    accepts.find((a) => a.type.toLowerCase() === name)?.q ??
    accepts.find((a) => a.type === '*')?.q ??
    0;
  const gzip = q('gzip');
  return gzip > 0 && gzip >= q('deflate');
}

function withCacheHeaders(
  headers: Headers,
  etag: string,
  cacheState: 'hit' | 'miss' | undefined,
): [string, string][] {
  headers.set('etag', etag);
  headers.set('cache-control', PAGE_CACHE_CONTROL);
  headers.set('vary', 'Accept-Encoding');
  if (cacheState) headers.set('x-page-cache', cacheState);
  return [...headers];
}

export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag);
}
