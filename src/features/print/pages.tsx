/**
 * `GET /{lang}/policies/:slug/print` (the bilingual kit as a printable page) and
 * `GET /{lang}/policies/:slug/kit.pdf` (the same kit as a PDF, cached by data version).
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Locale } from '../../config.ts';
import { readDataVersion } from '../../db/data-version.ts';
import type { Services } from '../../services.ts';
import { pageContext } from '../../web/i18n.ts';
import { createPdfCache, etagMatches } from './cache.ts';
import { loadKit } from './kit-data.ts';
import { renderKitPdf } from './pdf.ts';
import { qrSvg } from './qr.ts';
import { KitPage, type KitSheetView } from './views.tsx';

const PDF_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function printPages({ db, config }: Services, app: Hono<AppEnv>) {
  const pdfs = createPdfCache(200);

  app.get('/policies/:slug/print', async (c) => {
    const ctx = c.get('page');
    const pair = await loadKit(db, c.req.param('slug'), config.baseUrl);
    const other: Locale = ctx.locale === 'es' ? 'en' : 'es';
    const sheet = async (locale: Locale): Promise<KitSheetView> => {
      const sheetCtx = locale === ctx.locale ? ctx : pageContext(locale, ctx.here);
      const kit = pair[locale];
      return {
        ctx: sheetCtx,
        kit,
        qrSvg: await qrSvg(kit.url, sheetCtx.t('print.qr_label', { url: kit.url })),
      };
    };
    const sheets = await Promise.all([sheet(ctx.locale), sheet(other)]);
    return c.html(<KitPage ctx={ctx} baseUrl={config.baseUrl} sheets={sheets} />);
  });

  app.get('/policies/:slug/kit.pdf', async (c) => {
    const locale = c.get('page').locale;
    const slug = c.req.param('slug');
    const version = await readDataVersion(db);
    const key = `${version}|${locale}|${slug}`;
    let entry = pdfs.get(key);
    const hit = Boolean(entry);
    if (!entry) {
      const pair = await loadKit(db, slug, config.baseUrl);
      entry = pdfs.set(key, version, await renderKitPdf(pair, locale));
    }
    c.header('etag', entry.etag);
    c.header('cache-control', PDF_CACHE_CONTROL);
    c.header('x-kit-cache', hit ? 'hit' : 'miss');
    if (etagMatches(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304);
    c.header('content-type', 'application/pdf');
    c.header('content-disposition', `inline; filename="${slug}-kit.pdf"`);
    return c.body(new Uint8Array(entry.body));
  });
}
