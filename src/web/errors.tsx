/** 404, 500 and 503 pages in the reader's language, with a way back. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Locale } from '../config.ts';
import { pageContext } from './i18n.ts';
import { Layout } from './layout.tsx';

export function errorPage(
  c: Context<AppEnv>,
  status: 404 | 500 | 503,
  locale: Locale,
  baseUrl: string,
) {
  const ctx = c.get('page') ?? pageContext(locale, '/');
  const { t } = ctx;
  c.header('cache-control', 'no-store');
  return c.html(
    <Layout ctx={ctx} title={t(`error.${status}.title`)} baseUrl={baseUrl}>
      <div class="error-page">
        <p class="error-code" aria-hidden="true">
          {status}
        </p>
        <h1>{t(`error.${status}.title`)}</h1>
        <p>{t(`error.${status}.body`)}</p>
        <p class="actions">
          <a class="button" href={ctx.href('/')}>
            {t('error.back_home')}
          </a>
          <a class="button secondary" href={ctx.href('/policies')}>
            {t('error.search')}
          </a>
        </p>
      </div>
    </Layout>,
    status,
  );
}
