/**
 * Message catalogs (ICU MessageFormat through intl-messageformat). Spanish and English must hold
 * the same keys; `catalog.test.ts` fails when one is missing in either language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../config.ts';
import en from './messages/en.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };

export type MessageKey = keyof typeof es;
export const catalogs: Record<Locale, Record<string, string>> = { es, en };

const compiled = new Map<string, IntlMessageFormat>();

/** Formats a message; an unknown key is a programming error and says so loudly in tests. */
export function translate(
  locale: Locale,
  key: string,
  values?: Record<string, string | number>,
): string {
  const source = catalogs[locale][key];
  if (source === undefined) throw new Error(`missing message "${key}" in ${locale}`);
  const cacheKey = `${locale}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

/** Picks es or en from an Accept-Language header by quality, else the fallback. */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) if (r.lang === 'es' || r.lang === 'en') return r.lang;
  return fallback;
}
