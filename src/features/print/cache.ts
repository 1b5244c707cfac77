/**
 * Generated PDFs kept in memory, bounded, keyed by data version + language + slug: a PDF is drawn
 * again only when published data changes (see db/data-version.ts).
 */
import { createHash } from 'node:crypto';

export interface PdfEntry {
  body: Buffer;
  etag: string;
}

/** A least-recently-used map of at most `max` PDFs. */
export function createPdfCache(max: number) {
  const entries = new Map<string, PdfEntry>();
  return {
    get(key: string): PdfEntry | undefined {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    set(key: string, version: number, body: Buffer): PdfEntry {
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
      const entry = { body, etag: `"kit-${version}-${hash}"` };
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
      return entry;
    },
    get size() {
      return entries.size;
    },
  };
}

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
