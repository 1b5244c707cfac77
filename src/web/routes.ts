/**
 * The public site: `/` redirects to a language, and `/es/...` and `/en/...` serve the same pages,
 * each feature registering its own. Language: the path, then the `lang` cookie, then
 * Accept-Language, then DEFAULT_LOCALE.
 */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { AppEnv } from '../app-env.ts';
import { locales, type Locale } from '../config.ts';
import { negotiateLocale } from '../i18n/catalog.ts';
import type { Services } from '../services.ts';
import { assetRoutes } from './assets.ts';
import { pageContext } from './i18n.ts';

export type PageRegistrar = (services: Services, app: Hono<AppEnv>) => void;

const LANG_COOKIE = 'lang';
// The reader's last language, so "/" sends them back to it. Kept only in their browser. The value
// per language never changes, so it is written once here rather than serialized per response.
const REMEMBER_LANGUAGE: Record<Locale, string> = {
  es: `${LANG_COOKIE}=es; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax`,
  en: `${LANG_COOKIE}=en; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax`,
};

/**
 * "http://host/es/policies?q=x" -> ["/es/policies", "?q=x"], cut from the request's URL, which is
 * already normalized: parsing a URL object per request cost more than serving a cached page.
 */
export function splitRequestUrl(url: string): [path: string, search: string] {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return ['/', ''];
  const hash = url.indexOf('#', start);
  const end = hash < 0 ? url.length : hash;
  const q = url.indexOf('?', start);
  if (q < 0 || q >= end) return [url.slice(start, end), ''];
  // An empty query ("/es?") is no query, as URL.search says.
  return [url.slice(start, q), q + 1 < end ? url.slice(q, end) : ''];
}

/**
 * The Set-Cookie that remembers the page's language, unless the reader's cookie says it already.
 * Shared by the site's middleware and the page-cache hits answered before Hono.
 */
export function rememberLanguage(cookieHeader: string | undefined, locale: Locale) {
  const current = cookieHeader ? parseCookies(cookieHeader, LANG_COOKIE)[LANG_COOKIE] : undefined;
  return current === locale ? undefined : REMEMBER_LANGUAGE[locale];
}

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
      const [path, search] = splitRequestUrl(c.req.url);
      const rest = path.slice(locale.length + 1) || '/';
      c.set('locale', locale);
      c.set('page', pageContext(locale, `${rest}${search}`));
      await next();
      // On the response's own headers: c.header() after the handler would copy the response and
      // turn its body into a stream, off @hono/node-server's fast path for plain bodies.
      const headers = c.res.headers;
      const remember = rememberLanguage(c.req.header('cookie'), locale);
      if (remember) headers.append('set-cookie', remember);
      headers.set('content-language', locale);
    });
    site.use(services.pageCache.middleware);
    for (const register of registrars) register(services, site);
    app.route(`/${locale}`, site);
  }
  return app;
}
