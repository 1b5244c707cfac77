/**
 * Static assets served by the app itself (no CDN): read once at start, named by content hash,
 * cached for a year as immutable, compressed with gzip and brotli at their highest levels once,
 * on the first request that accepts each (not at start: brotli level 11 of every file was a
 * measurable part of a start).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { fromRoot } from '../paths.ts';

interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  png: 'image/png',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
};

const dir = fromRoot('src', 'web', 'assets');
const byName = new Map<string, Asset>();
const byPath = new Map<string, Asset>();

/**
 * Prebuilt browser bundles of dependencies, served under our own name like any other asset (no
 * CDN, no third-party request). The version is in the package, the hash in the address.
 */
const VENDOR: Record<string, string[]> = {
  'simplewebauthn-browser.js': [
    'node_modules',
    '@simplewebauthn',
    'browser',
    'dist',
    'bundle',
    'index.umd.min.js',
  ],
};

const files: [name: string, file: string][] = [
  ...readdirSync(dir).map((name): [string, string] => [name, join(dir, name)]),
  ...Object.entries(VENDOR).map(([name, parts]): [string, string] => [name, fromRoot(...parts)]),
];

for (const [name, file] of files) {
  const body = readFileSync(file);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const ext = name.slice(dot + 1);
  const path = `/assets/${name.slice(0, dot)}.${hash}.${ext}`;
  const asset: Asset = {
    path,
    type: TYPES[ext] ?? 'application/octet-stream',
    body,
    etag: `"${hash}"`,
  };
  byName.set(name, asset);
  byPath.set(path, asset);
}

/** The public, hashed address of an asset file in src/web/assets/. */
export function assetPath(name: string): string {
  const asset = byName.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return asset.path;
}

export function assetRoutes() {
  return new Hono<AppEnv>().get('/assets/:file', (c) => {
    const asset = byPath.get(c.req.path);
    if (!asset) return c.notFound();
    c.header('content-type', asset.type);
    c.header('cache-control', 'public, max-age=31536000, immutable');
    c.header('etag', asset.etag);
    c.header('vary', 'Accept-Encoding');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    const accepted = c.req.header('accept-encoding') ?? '';
    if (/\bbr\b/.test(accepted)) {
      c.header('content-encoding', 'br');
      asset.br ??= brotliCompressSync(asset.body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      });
      return c.body(new Uint8Array(asset.br));
    }
    if (/\bgzip\b/.test(accepted)) {
      c.header('content-encoding', 'gzip');
      asset.gzip ??= gzipSync(asset.body, { level: 9 });
      return c.body(new Uint8Array(asset.gzip));
    }
    return c.body(new Uint8Array(asset.body));
  });
}
