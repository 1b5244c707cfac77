/**
 * The printable kit page: the policy on one sheet in the page's language, then the same sheet in
 * the other language, each marked with its `lang`. Screen-only tools are hidden when printing.
 */
import { raw } from 'hono/html';
import { Layout } from '../../web/layout.tsx';
import type { VerificationState } from '../../db/enums.ts';
import { StatusBadge, VerificationMark } from '../../web/components.tsx';
import type { PolicyStatus } from '../../db/enums.ts';
import type { PageContext } from '../../web/i18n.ts';
import type { Kit } from './kit-data.ts';

export interface KitSheetView {
  ctx: PageContext;
  kit: Kit;
  qrSvg: string;
}

export function KitPage({
  ctx,
  baseUrl,
  sheets,
}: {
  ctx: PageContext;
  baseUrl: string;
  sheets: [KitSheetView, KitSheetView];
}) {
  const { t } = ctx;
  const first = sheets[0].kit;
  return (
    <Layout
      ctx={ctx}
      title={t('print.page_title', { title: first.title })}
      description={t('print.page_description', { title: first.title })}
      section="policies"
      baseUrl={baseUrl}
      styles={['print.css']}
    >
      <div class="kit-tools no-print">
        <h1>{t('print.heading', { title: first.title })}</h1>
        <p class="kit-hint">{t('print.hint')}</p>
        <ul class="list-plain kit-actions">
          <li>
            <a href={ctx.href(`/policies/${first.slug}`)}>{t('print.back')}</a>
          </li>
          <li>
            <a href={ctx.href(`/policies/${first.slug}/kit.pdf`)} type="application/pdf">
              {t('print.pdf')}
            </a>
          </li>
        </ul>
      </div>
      {sheets.map((sheet, i) => (
        <KitSheet {...sheet} index={i} />
      ))}
    </Layout>
  );
}

function Mark({ ctx, state }: { ctx: PageContext; state: VerificationState }) {
  return (
    <>
      {' '}
      <VerificationMark ctx={ctx} state={state} />
    </>
  );
}

function KitSheet({ ctx, kit, qrSvg, index }: KitSheetView & { index: number }) {
  const { t } = ctx;
  const id = `kit-${kit.locale}`;
  return (
    <article
      class={`kit-sheet${index > 0 ? ' kit-sheet-next' : ''}`}
      lang={kit.locale}
      aria-labelledby={id}
    >
      <header class="kit-head">
        <div class="kit-head-text">
          <p class="kit-kicker">
            {t('print.kicker')} · {t(`classification.${kit.classification}`)}
          </p>
          <h2 id={id}>
            {kit.title}
            {kit.titleVerification === 'unverified' ? <Mark ctx={ctx} state="unverified" /> : null}
          </h2>
          <dl class="kit-facts">
            {kit.identifiers.length ? (
              <div>
                <dt>{t('print.identifiers', { count: kit.identifiers.length })}</dt>
                <dd>
                  {kit.identifiers.map((i, n) => (
                    <>
                      {n > 0 ? ' · ' : ''}
                      {i.text}
                      <Mark ctx={ctx} state={i.verification} />
                    </>
                  ))}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('print.jurisdiction')}</dt>
              <dd>{kit.body ? `${kit.jurisdiction} · ${kit.body}` : kit.jurisdiction}</dd>
            </div>
            <div>
              <dt>{t('print.status')}</dt>
              <dd>
                <StatusBadge ctx={ctx} status={kit.status as PolicyStatus} />
              </dd>
            </div>
            {kit.adopted ? (
              <div>
                <dt>{t('print.adopted')}</dt>
                <dd>
                  {ctx.formatDate(kit.adopted.date)}
                  <Mark ctx={ctx} state={kit.adopted.verification} />
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
        <figure class="kit-qr-box">
          {raw(qrSvg)}
          <figcaption>{t('print.qr_caption')}</figcaption>
        </figure>
      </header>
      <section aria-labelledby={`${id}-summary`}>
        <h3 id={`${id}-summary`}>{t('print.summary')}</h3>
        <p>{kit.summary}</p>
      </section>
      <section aria-labelledby={`${id}-provisions`}>
        <h3 id={`${id}-provisions`}>{t('print.provisions')}</h3>
        {kit.provisions.length ? (
          <ul class="kit-list">
            {kit.provisions.map((p) => (
              <li>
                <strong>{t(`rubric.${p.category}`)}:</strong> {p.text}
                {p.verification === 'unverified' ? <Mark ctx={ctx} state="unverified" /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('print.no_provisions')}</p>
        )}
      </section>
      <section aria-labelledby={`${id}-points`}>
        <h3 id={`${id}-points`}>{t('print.talking_points')}</h3>
        {kit.talkingPoints.length ? (
          <ul class="kit-list kit-points">
            {kit.talkingPoints.map((p) => (
              <li>
                {p.text} <span class="kit-audience">({t(`audience.${p.audience}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('print.no_talking_points')}</p>
        )}
      </section>
      <footer class="kit-foot">
        <p>
          {t('print.footer', { updated: ctx.formatDate(kit.updatedOn) })}{' '}
          <a href={kit.url}>{kit.url}</a>
        </p>
      </footer>
    </article>
  );
}
