/**
 * Message catalogs (ICU MessageFormat through intl-messageformat). Spanish and English must hold
 * the same keys; `catalog.test.ts` fails when one is missing in either language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../config.ts';
import { fromRoot } from '../paths.ts';

/** Each feature keeps its own catalog file per language: messages/{es,en}/<feature>.json. */
function loadCatalog(locale: Locale): Record<string, string> {
  const dir = fromRoot('src', 'i18n', 'messages', locale);
  const merged: Record<string, string> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const messages: Record<string, string> = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`message "${key}" is defined twice (${locale}/${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

export const catalogs: Record<Locale, Record<string, string>> = {
  es: loadCatalog('es'),
  en: loadCatalog('en'),
};

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
