/**
 * The public site: `/` redirects to a language, and `/es/...` and `/en/...` serve the same pages,
 * each feature registering its own. Language: the path, then the `lang` cookie, then
 * Accept-Language, then DEFAULT_LOCALE.
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { AppEnv } from '../app-env.ts';
import { locales, type Locale } from '../config.ts';
import { negotiateLocale } from '../i18n/catalog.ts';
import type { Services } from '../services.ts';
import { assetRoutes } from './assets.ts';
import { pageContext } from './i18n.ts';
import { pageCache } from './page-cache.ts';

export type PageRegistrar = (services: Services, app: Hono<AppEnv>) => void;

const LANG_COOKIE = 'lang';

/** The visitor's language when the path does not say it. */
export function preferredLocale(c: Context<AppEnv>, fallback: Locale): Locale {
  const cookie = getCookie(c, LANG_COOKIE);
  if (cookie === 'es' || cookie === 'en') return cookie;
  return negotiateLocale(c.req.header('accept-language'), fallback);
}

export function webRoutes(services: Services, registrars: PageRegistrar[]) {
  const app = new Hono<AppEnv>();
  app.route('/', assetRoutes());
  app.use('/:lang{es|en}/*', trimTrailingSlash());
  app.get('/', (c) => {
    c.header('vary', 'Cookie, Accept-Language');
    c.header('cache-control', 'no-store');
    return c.redirect(`/${preferredLocale(c, services.config.defaultLocale)}`, 302);
  });
  for (const locale of locales) {
    const site = new Hono<AppEnv>();
    site.use(async (c, next) => {
      const url = new URL(c.req.url);
      const rest = url.pathname.slice(locale.length + 1) || '/';
      c.set('locale', locale);
      c.set('page', pageContext(locale, `${rest}${url.search}`));
      await next();
      // The reader's last language, so "/" sends them back to it. Kept only in their browser.
      if (getCookie(c, LANG_COOKIE) !== locale) {
        setCookie(c, LANG_COOKIE, locale, {
          path: '/',
          sameSite: 'Lax',
          maxAge: 31_536_000,
          httpOnly: true,
        });
      }
      c.header('content-language', locale);
    });
    site.use(pageCache(services));
    for (const register of registrars) register(services, site);
    app.route(`/${locale}`, site);
  }
  return app;
}
