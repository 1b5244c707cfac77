import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { build, policyInput } from '../../../test/factories.ts';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';
import { createPdfCache, etagMatches } from './cache.ts';
import { loadKit } from './kit-data.ts';

const SLUG = 'bernco-ar-2017-22';
const OTHER = { es: 'en', en: 'es' } as const;

/** The PDF's text via poppler's pdftotext, or null when it is not installed. */
function pdfText(body: Buffer): string | null {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'kit-')), 'kit.pdf');
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const pageCount = (body: Buffer) =>
  (body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('printable kits', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let services: ReturnType<typeof createTestApp>['services'];
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    ({ app, services } = createTestApp(database));
  });
  afterAll(() => database.close());

  describe.each(['es', 'en'] as const)('in %s', (lang) => {
    it('prints both languages, page language first, with QR, talking points and marks', async () => {
      const kit = await loadKit(services.db, SLUG, services.config.baseUrl);
      const res = await app.request(`/${lang}/policies/${SLUG}/print`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      const first = html.indexOf(`<article class="kit-sheet" lang="${lang}"`);
      const second = html.indexOf(
        `<article class="kit-sheet kit-sheet-next" lang="${OTHER[lang]}"`,
      );
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      // Both titles, each in its own half.
      expect(html.slice(first, second)).toContain(kit[lang].title);
      expect(html.slice(second)).toContain(kit[OTHER[lang]].title);
      // A server-drawn, labelled QR code per half, pointing at the policy page.
      const qrs = html.match(/<svg role="img" aria-label="[^"]+" class="kit-qr"[^>]*><title>/g);
      expect(qrs).toHaveLength(2);
      expect(html).toContain(`http://igualdad.test/${lang}/policies/${SLUG}`);
      expect(html).toContain(`http://igualdad.test/${OTHER[lang]}/policies/${SLUG}`);
      // Talking points, 2-4, in each language.
      expect(kit[lang].talkingPoints.length).toBeGreaterThanOrEqual(2);
      expect(kit[lang].talkingPoints.length).toBeLessThanOrEqual(4);
      for (const l of ['es', 'en'] as const) {
        for (const p of kit[l].talkingPoints) expect(html).toContain(escapeHtml(p.text));
      }
      // The title is unverified: marked in both halves.
      const es = lang === 'es' ? html.slice(first, second) : html.slice(second);
      const en = lang === 'en' ? html.slice(first, second) : html.slice(second);
      expect(es).toMatch(/<h2[^>]*>[^<]*<span class="badge unverified"[^>]*>Sin verificar/);
      expect(en).toMatch(/<h2[^>]*>[^<]*<span class="badge unverified"[^>]*>Unverified/);
      // Screen-only tools: the print hint and the way back.
      expect(html).toContain('class="kit-tools no-print"');
      expect(html).toContain(`href="/${lang}/policies/${SLUG}"`);
      expect(html).not.toMatch(/<script(?![^>]*src=)|<style|style="/);
    });

    it('answers 404 for an unknown or malformed slug', async () => {
      for (const slug of ['no-such-policy', 'Bad%20Slug', 'x'.repeat(300)]) {
        expect((await app.request(`/${lang}/policies/${slug}/print`)).status).toBe(404);
        expect((await app.request(`/${lang}/policies/${slug}/kit.pdf`)).status).toBe(404);
      }
    });

    it('serves the kit as a two-page PDF, page language first, cached with an ETag', async () => {
      const kit = await loadKit(services.db, SLUG, services.config.baseUrl);
      const res = await app.request(`/${lang}/policies/${SLUG}/kit.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="${SLUG}-kit.pdf"`);
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"kit-\d+-[\w-]+"$/);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pageCount(body)).toBe(2);
      expect(body.toString('latin1')).toContain(`/Lang (${lang}-US)`);

      const text = pdfText(body);
      if (text === null) {
        console.warn('pdftotext is not installed: skipping the PDF text checks');
      } else {
        const [page1, page2] = text.split('\f');
        const words = (s: string) => s.replace(/\s+/g, ' ');
        expect(words(page1!)).toContain(kit[lang].title.slice(0, 30));
        expect(words(page2!)).toContain(kit[OTHER[lang]].title.slice(0, 30));
        expect(words(text)).toContain(lang === 'es' ? '[Sin verificar]' : '[Unverified]');
        expect(text).toMatch(/[áéíóúñ]/);
      }

      const again = await app.request(`/${lang}/policies/${SLUG}/kit.pdf`);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('x-kit-cache')).toBe('hit');
      const revalidated = await app.request(`/${lang}/policies/${SLUG}/kit.pdf`, {
        headers: { 'if-none-match': etag! },
      });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
    });
  });

  it('draws a new PDF, with a new ETag, after the data changes', async () => {
    const before = await app.request(`/es/policies/${SLUG}/kit.pdf`);
    const etag = before.headers.get('etag')!;
    await build(services.db, { policies: [policyInput()] });
    const after = await app.request(`/es/policies/${SLUG}/kit.pdf`, {
      headers: { 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-kit-cache')).toBe('miss');
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('fits every policy of the default dataset on one page per language', async () => {
    const res = await app.request('/api/v1/policies?limit=100');
    const { data } = (await res.json()) as { data: { slug: string }[] };
    expect(data.length).toBeGreaterThan(5);
    for (const { slug } of data) {
      const pdf = await app.request(`/en/policies/${slug}/kit.pdf`);
      expect(pdf.status, slug).toBe(200);
      expect(pageCount(Buffer.from(await pdf.arrayBuffer())), slug).toBe(2);
    }
  });

  it('keeps a bounded cache and matches If-None-Match forms', () => {
    const cache = createPdfCache(2);
    cache.set('a', 1, Buffer.from('a'));
    cache.set('b', 1, Buffer.from('b'));
    cache.get('a');
    cache.set('c', 1, Buffer.from('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(etagMatches('W/"x", "y"', '"y"')).toBe(true);
    expect(etagMatches('"x"', '"y"')).toBe(false);
    expect(etagMatches(undefined, '"y"')).toBe(false);
  });
});

function escapeHtml(s: string) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
