import type { Locale } from '../config.ts';
import type { TranslationState } from '../db/enums.ts';

/**
 * Picks the text in the requested language. When it is missing there, the other language is
 * shown (a resident gets some answer) and the state says "missing".
 */
export function pickText(
  locale: Locale,
  es: string | null,
  en: string | null,
  esState: TranslationState = 'original',
  enState: TranslationState = 'original',
): { text: string; state: TranslationState } {
  const [mine, other, state] = locale === 'es' ? [es, en, esState] : [en, es, enState];
  if (mine) return { text: mine, state };
  return { text: other ?? '', state: 'missing' };
}

export function pickName(locale: Locale, row: { nameEs: string; nameEn: string }): string {
  return locale === 'es' ? row.nameEs : row.nameEn;
}

/** A policy action's description as `pickText` picks it (imported ones are English only). */
export function pickDescription(
  locale: Locale,
  a: {
    descriptionEs: string;
    descriptionEn: string;
    descriptionEsState: TranslationState;
    descriptionEnState: TranslationState;
  },
): { text: string; state: TranslationState } {
  return pickText(
    locale,
    a.descriptionEs,
    a.descriptionEn,
    a.descriptionEsState,
    a.descriptionEnState,
  );
}
