/**
 * The page frame: language, alternates, skip link, landmarks, navigation, language switch.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { locales } from '../config.ts';
import { assetPath } from './assets.ts';
import type { PageContext } from './i18n.ts';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Which navigation entry is current. */
  section?:
    | 'home'
    | 'policies'
    | 'jurisdictions'
    | 'representatives'
    | 'officials'
    | 'timeline'
    | 'faq'
    | 'talking-points'
    | 'about'
    | 'privacy';
  baseUrl: string;
  /** Extra stylesheets from src/web/assets/ (file names), after site.css. */
  styles?: string[];
  /** Scripts from src/web/assets/ (file names), loaded deferred; pages must work without them. */
  scripts?: string[];
  children?: Child;
}

const NAV = [
  ['policies', '/policies', 'nav.policies'],
  ['jurisdictions', '/jurisdictions', 'nav.jurisdictions'],
  ['representatives', '/representatives', 'nav.representatives'],
  ['timeline', '/timeline', 'nav.timeline'],
  ['faq', '/faq', 'nav.faq'],
  ['talking-points', '/talking-points', 'nav.talking_points'],
  ['about', '/about', 'nav.about'],
] as const;

export function Layout({
  ctx,
  title,
  description,
  section,
  baseUrl,
  styles = [],
  scripts = [],
  children,
}: LayoutProps) {
  const { t, locale } = ctx;
  const other = locale === 'es' ? 'en' : 'es';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{section === 'home' ? title : `${title} · ${t('site.name')}`}</title>
          {description ? <meta name="description" content={description} /> : null}
          <meta name="color-scheme" content="light dark" />
          <link rel="stylesheet" href={assetPath('site.css')} />
          {styles.map((name) => (
            <link rel="stylesheet" href={assetPath(name)} />
          ))}
          {scripts.map((name) => (
            <script src={assetPath(name)} defer />
          ))}
          <link rel="icon" href={assetPath('icon.svg')} type="image/svg+xml" />
          {locales.map((l) => (
            <link rel="alternate" hreflang={l} href={`${baseUrl}${ctx.urlIn(l)}`} />
          ))}
          <link rel="alternate" hreflang="x-default" href={`${baseUrl}${ctx.urlIn('es')}`} />
          <link rel="canonical" href={`${baseUrl}${ctx.urlIn(locale)}`} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('site.skip')}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href={ctx.href('/')}>
                <span class="brand-mark" aria-hidden="true">
                  =
                </span>
                {t('site.name')}
              </a>
              <a class="lang-switch" href={ctx.urlIn(other)} hreflang={other} lang={other}>
                <span class="visually-hidden">{t('site.language_switch_label')} </span>
                {t(`site.language.${other}`)}
              </a>
            </div>
            <nav class="wrap site-nav" aria-label={t('nav.label')}>
              <ul>
                {NAV.map(([key, path, label]) => (
                  <li>
                    <a href={ctx.href(path)} aria-current={section === key ? 'page' : undefined}>
                      {t(label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="main" class="wrap" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{t('site.footer.mission')}</p>
              <ul class="footer-links">
                <li>
                  <a href={ctx.href('/privacy')}>{t('nav.privacy')}</a>
                </li>
                <li>
                  <a href={ctx.href('/about')}>{t('nav.about')}</a>
                </li>
                <li>
                  <a href={`/api/v1/docs?lang=${locale}`}>{t('nav.api')}</a>
                </li>
              </ul>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
