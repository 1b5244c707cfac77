/**
 * Page-cache hits answered on node:http before Hono sees the request (decision 012, second
 * addendum). A hit is most of the public site's traffic, and inside the app it costs a Web
 * Request and Response, a Hono context and four middleware; here it is a Map lookup and one
 * `writeHead`. Everything else (misses, other methods, the API, staff pages) goes to Hono.
 *
 * The answer must be the one the app would give, byte for byte and header for header (a test
 * compares them), so this takes only requests whose answer cannot depend on anything the app
 * would look at besides the path, query, `If-None-Match`, `Accept-Encoding`, the `lang` cookie
 * and the scheme: GET, a request target @hono/node-server would take as it is, a plain host, and
 * an Accept-Encoding for which the page cache itself chooses the encoding.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { getPath } from 'hono/utils/url';
import type { Services } from '../services.ts';
import { gzipped, isNotModified, prefersGzip } from './page-cache.ts';
import { rememberLanguage } from './routes.ts';
import { changingSecurityHeaders, FIXED_SECURITY_HEADERS, isHttps, nextNonce } from './security.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

// The request targets whose path and query @hono/node-server passes on as they are: its own
// test, plus '%' (it sends those through `new URL`, which leaves percent escapes untouched, so an
// accented search still hits). Anything else it may normalize, so it goes to Hono.
const VERBATIM_TARGET = /^\/[!#$%&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
const PLAIN_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/** Wraps the app's listener: cached pages first, everything else to `app`. */
export function answerPageHitsFirst(services: Services, app: Listener): Listener {
  const { pageCache, config, logger } = services;
  const fixed = FIXED_SECURITY_HEADERS.flat();
  // What every answer from one entry variant shares, flattened once per variant.
  const shared = new WeakMap<object, string[]>();
  const sharedHeaders = (variant: { headers: [string, string][] }, locale: string) => {
    let list = shared.get(variant.headers);
    if (!list) {
      list = [];
      for (const [name, value] of variant.headers)
        if (name !== 'content-language') list.push(name, value);
      list.push('content-language', locale, ...fixed);
      shared.set(variant.headers, list);
    }
    return list;
  };
  return (req, res) => {
    const started = performance.now();
    const target = req.url ?? '';
    if (
      req.method !== 'GET' ||
      !VERBATIM_TARGET.test(target) ||
      DOT_SEGMENT.test(target) ||
      !PLAIN_HOST.test(req.headers.host ?? '')
    )
      return app(req, res);
    const acceptEncoding = req.headers['accept-encoding'];
    // Anything but "gzip" or nothing would have the app's compression middleware choose.
    const gzip = prefersGzip(acceptEncoding);
    if (acceptEncoding && !gzip) return app(req, res);
    const hash = target.indexOf('#');
    const entry = pageCache.hit(hash < 0 ? target : target.slice(0, hash));
    if (!entry) return app(req, res);

    const notModified = isNotModified(req.headers['if-none-match'], entry.etag);
    const variant = !notModified && gzip ? gzipped(entry) : entry;
    const headers = sharedHeaders(variant, entry.locale).slice();
    const remember = rememberLanguage(req.headers.cookie, entry.locale);
    if (remember) headers.push('set-cookie', remember);
    const scheme = (req.socket as TLSSocket).encrypted ? 'https:' : 'http:';
    const https = isHttps(scheme, firstHeader(req.headers['x-forwarded-proto']), config.trustProxy);
    for (const [name, value] of changingSecurityHeaders(nextNonce(), https))
      headers.push(name, value);
    if (notModified) {
      res.writeHead(304, headers);
      res.end();
    } else {
      headers.push('content-length', String(variant.body.byteLength));
      res.writeHead(200, headers);
      res.end(variant.body);
    }
    if (logger.isLevelEnabled('info'))
      logger.info(
        {
          method: 'GET',
          path: getPath({ url: `http://h${target}` } as Request),
          status: notModified ? 304 : 200,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
