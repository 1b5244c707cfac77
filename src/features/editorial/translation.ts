/**
 * Translation states of a document's texts (decision 014). A save that changes a text in one
 * language and not the other marks the other "needs update" ("missing" when empty); a translator's
 * save takes only the texts and their states from the form, and what they translated becomes
 * "reviewed" unless they chose another state.
 */
import type { TranslationState } from '../../db/enums.ts';
import type { AnyDocument, ContentKind } from './kinds.ts';

export type Language = 'es' | 'en';
export const LANGUAGES: readonly Language[] = ['es', 'en'];

/** A text in both languages with a state per language (titles, summaries, provisions...). */
export interface BilingualText {
  es: string;
  en: string;
  es_state?: TranslationState | undefined;
  en_state?: TranslationState | undefined;
}

/** States that put a text in the translator queue. */
const NEEDS_WORK: readonly TranslationState[] = ['needs_update', 'missing', 'machine'];

type Texts = Map<string, BilingualText>;

/** The texts of a document that carry translation states, by path ("title", "provisions[2]"). */
export function translatableTexts(kind: ContentKind, document: AnyDocument): Texts {
  const d = document as unknown as Record<string, unknown>;
  const texts: Texts = new Map();
  const add = (path: string, value: unknown) => {
    if (value && typeof value === 'object') texts.set(path, value as BilingualText);
  };
  if (kind === 'policy') {
    add('title', d.title);
    add('summary', d.summary);
    add('full_text', d.full_text);
    (d.provisions as unknown[] | undefined)?.forEach((p, i) => add(`provisions[${i}]`, p));
  } else if (kind === 'faq') {
    add('question', d.question);
    add('answer', d.answer);
  } else if (kind === 'talking_point') {
    add('text', d.text);
  }
  return texts;
}

const other = (language: Language): Language => (language === 'es' ? 'en' : 'es');
const stateKey = (language: Language) => `${language}_state` as const;

/** A text's state in one language, as an import would set it when the file gives none. */
const stateIn = (text: BilingualText, language: Language): TranslationState =>
  text[stateKey(language)] ?? (text[language] ? 'original' : 'missing');

/**
 * Sets every text's states after a save, from the text before (the base revision), what the form
 * sent, and who saved it. Mutates and returns `after`.
 *
 * A changed text that was waiting for translation (needs update, missing, machine) was being
 * translated: it becomes "reviewed" and the other language keeps its state. Any other change by
 * an editor is a change of the source: the other language, if unchanged, "needs update". A
 * translator's change is always a translation. A state the form changed on purpose is kept.
 */
export function settleTranslationStates<D extends AnyDocument>(
  kind: ContentKind,
  before: AnyDocument | undefined,
  after: D,
  role: 'editor' | 'translator',
): D {
  const previous = before ? translatableTexts(kind, before) : new Map<string, BilingualText>();
  for (const [path, text] of translatableTexts(kind, after)) {
    const prev = previous.get(path);
    const changed = (l: Language) => prev !== undefined && prev[l] !== text[l];
    const chosen = (l: Language) =>
      prev !== undefined &&
      text[stateKey(l)] !== undefined &&
      text[stateKey(l)] !== stateIn(prev, l);
    const translated = (l: Language) =>
      role === 'translator' || (prev !== undefined && NEEDS_WORK.includes(stateIn(prev, l)));
    const states = {} as Record<Language, TranslationState>;
    for (const language of LANGUAGES) {
      const source = other(language);
      if (!text[language]) states[language] = 'missing';
      else if (!prev) states[language] = text[stateKey(language)] ?? 'original';
      else if (chosen(language)) states[language] = text[stateKey(language)]!;
      else if (changed(language)) states[language] = translated(language) ? 'reviewed' : 'original';
      else if (changed(source) && !translated(source)) states[language] = 'needs_update';
      else states[language] = stateIn(prev, language);
    }
    for (const language of LANGUAGES) text[stateKey(language)] = states[language];
  }
  return after;
}

/**
 * A translator's document: the base revision, with only the texts (and their states) taken from
 * what they sent, path by path; anything else they sent is ignored.
 */
export function takeTranslations<D extends AnyDocument>(
  kind: ContentKind,
  base: D,
  sent: AnyDocument,
): D {
  const merged = structuredClone(base);
  const incoming = translatableTexts(kind, sent);
  for (const [path, text] of translatableTexts(kind, merged)) {
    const from = incoming.get(path);
    if (!from) continue;
    for (const language of LANGUAGES) {
      text[language] = from[language];
      const state = from[stateKey(language)];
      if (state !== undefined) text[stateKey(language)] = state;
    }
  }
  return merged;
}

export interface TranslationNeed {
  path: string;
  language: Language;
  state: TranslationState;
}

/**
 * What a translator should look at: texts that need an update, were machine-translated, or are
 * missing while the other language has text (an absent full text needs nothing).
 */
export function translationNeeds(kind: ContentKind, document: AnyDocument): TranslationNeed[] {
  const needs: TranslationNeed[] = [];
  for (const [path, text] of translatableTexts(kind, document)) {
    for (const language of LANGUAGES) {
      const state: TranslationState =
        text[stateKey(language)] ?? (text[language] ? 'original' : 'missing');
      if (!NEEDS_WORK.includes(state)) continue;
      if (state === 'missing' && !text[other(language)]) continue;
      needs.push({ path, language, state });
    }
  }
  return needs;
}
