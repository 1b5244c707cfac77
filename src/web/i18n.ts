/**
 * What every page view needs to speak the reader's language: `t()` bound to the locale, dates
 * (partial dates too) and numbers formatted for it, and the same address in the other language.
 */
import type { Locale } from '../config.ts';
import { translate } from '../i18n/catalog.ts';

export interface PageContext {
  locale: Locale;
  t: (key: string, values?: Record<string, string | number>) => string;
  /** Path after the language prefix, with its query string: "/policies?q=x". */
  here: string;
  /** The same place in another language. */
  urlIn: (locale: Locale) => string;
  /** A site path in this language: href('/faq') -> "/es/faq". */
  href: (path: string) => string;
  formatDate: (partial: string | null | undefined) => string;
  formatNumber: (n: number) => string;
}

// Built once: an Intl formatter costs more to create than a whole cached page to serve.
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  es: new Intl.NumberFormat('es-US'),
  en: new Intl.NumberFormat('en-US'),
};

// A message without values always formats to the same text; a page asks for about eighty.
const plainMessages: Record<Locale, Map<string, string>> = { es: new Map(), en: new Map() };

function message(locale: Locale, key: string, values?: Record<string, string | number>): string {
  if (values) return translate(locale, key, values);
  let text = plainMessages[locale].get(key);
  if (text === undefined) {
    text = translate(locale, key);
    plainMessages[locale].set(key, text);
  }
  return text;
}

export function pageContext(locale: Locale, here: string): PageContext {
  const q = here.indexOf('?');
  const [path, search] = q < 0 ? [here, ''] : [here.slice(0, q), here.slice(q)];
  const numbers = numberFormats[locale];
  return {
    locale,
    t: (key, values) => message(locale, key, values),
    here,
    urlIn: (other) => `/${other}${path === '/' ? '' : path}${search}`,
    href: (path) => `/${locale}${path === '/' ? '' : path}`,
    formatDate: (partial) => formatPartialDate(locale, partial),
    formatNumber: (n) => numbers.format(n),
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2017-03-14" -> "14 de marzo de 2017" / "March 14, 2017"; "2019-02" -> "febrero de 2019"; "2005" -> "2005". */
export function formatPartialDate(locale: Locale, partial: string | null | undefined): string {
  if (!partial) return '';
  const [y, m, d] = partial.split('-').map(Number);
  if (!m) return String(y);
  const options: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
    : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  const key = `${locale}:${d ? 'd' : 'm'}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', options);
    formatters.set(key, format);
  }
  return format.format(new Date(Date.UTC(y!, m - 1, d ?? 1)));
}
