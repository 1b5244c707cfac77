/**
 * Helpers for the public pages' tests: fetch a page, measure what a phone downloads for it
 * (gzip HTML plus every linked stylesheet and script), and pull out the language switch link.
 */
import { gzipSync } from 'node:zlib';
import type { createApp } from '../../app.ts';

type App = ReturnType<typeof createApp>;

export async function getPage(app: App, path: string) {
  const res = await app.request(path);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** Compressed bytes of the page and its linked CSS and JS. */
export async function pageWeight(app: App, html: string): Promise<number> {
  let total = gzipSync(html).length;
  const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map(
    (m) => m[1]!,
  );
  for (const path of new Set(assets)) {
    const body = Buffer.from(await (await app.request(path)).arrayBuffer());
    total += gzipSync(body).length;
  }
  return total;
}

/** The href of the visible language switch. */
export function switchLink(html: string): string | undefined {
  return /<a class="lang-switch" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
}

export const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

export const BUDGET = 30 * 1024;
