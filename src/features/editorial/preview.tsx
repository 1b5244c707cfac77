/**
 * The preview of a working copy: the real public page, rendered by the public site's own code
 * inside the transaction that applies the draft and is then rolled back (decision 014), with a
 * "Preview, not published" banner in the page and in its title. The page cache is never involved.
 */
import { sql } from 'drizzle-orm';
import { html } from 'hono/html';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { assetPath } from '../../web/assets.ts';
import { pageContext, type PageContext } from '../../web/i18n.ts';
import { renderFaqPage, renderTalkingPointsPage } from '../faq/pages.tsx';
import { renderJurisdictionPage } from '../jurisdictions/pages.tsx';
import { renderPolicyPage } from '../policies/pages.tsx';
import { publicPath } from './forms/item-page.tsx';
import { withPreview, type ContentKind } from './service.ts';

/** The public page of `document` as HTML, with the preview banner; nothing of it is kept. */
export async function renderPreview(
  db: Db,
  {
    kind,
    document,
    ctx,
    baseUrl,
    editHref,
  }: {
    kind: ContentKind;
    document: Record<string, unknown>;
    /** The staff page's context (its language). */
    ctx: PageContext;
    baseUrl: string;
    editHref: string;
  },
): Promise<string> {
  const slug = String(document.slug ?? '');
  const publicCtx = pageContext(ctx.locale, publicPath(kind, slug).replace(/#.*$/, ''));
  const page = await withPreview(db, kind, document, async (tx) =>
    String(await renderPublicPage(tx, kind, document, publicCtx, baseUrl)),
  );
  const banner = ctx.t('editorial.preview.banner');
  const note = await html`<div class="preview-banner" role="note">
    <p><strong>${banner}.</strong> ${ctx.t('editorial.preview.explained')}</p>
    <p><a href="${editHref}">${ctx.t('editorial.preview.back')}</a></p>
  </div>`;
  const title = await html`${banner}: `;
  const style = await html`<link rel="stylesheet" href="${assetPath('admin.css')}" />`;
  // The preview in the other language, not the published page (the staff page's own address).
  const otherPreview = await html`${ctx.urlIn(ctx.locale === 'es' ? 'en' : 'es')}`;
  // The page is whole HTML from the public layout; these places exist exactly once in it.
  return page
    .replace('<title>', () => `<title>${title}`)
    .replace('</head>', () => `${style}</head>`)
    .replace(/<main\b[^>]*>/, (main) => `${main}${note}`)
    .replace(
      /(class="lang-switch" href=")[^"]*"/,
      (_, start: string) => `${start}${otherPreview}"`,
    );
}

function renderPublicPage(
  tx: Tx,
  kind: ContentKind,
  document: Record<string, unknown>,
  ctx: PageContext,
  baseUrl: string,
) {
  const slug = String(document.slug ?? '');
  switch (kind) {
    case 'policy':
      return renderPolicyPage(tx, ctx, baseUrl, slug);
    case 'jurisdiction':
      return renderJurisdictionPage(tx, ctx, baseUrl, slug);
    case 'body':
      return bodyJurisdiction(tx, String(document.jurisdiction ?? '')).then((place) =>
        renderJurisdictionPage(tx, ctx, baseUrl, place),
      );
    case 'talking_point':
      return renderTalkingPointsPage(tx, ctx, baseUrl, undefined);
    case 'topic':
    case 'faq':
      return renderFaqPage(tx, ctx, baseUrl, undefined);
  }
}

/** A body shows on the page of its jurisdiction. */
async function bodyJurisdiction(tx: Tx, ocdId: string): Promise<string> {
  const [row] = await queryRows<{ slug: string }>(
    tx,
    sql`select slug from jurisdictions where ocd_id = ${ocdId}`,
  );
  return row?.slug ?? '';
}
