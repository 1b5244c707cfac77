/**
 * A roll call's motion in both languages with their translation states, as the officials,
 * body and vote-event queries read it, and the language a page or the API shows it in.
 */
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { TranslationState } from '../../db/enums.ts';
import { pickText } from '../../lib/bilingual.ts';
import { translationStateSchema } from '../api/common.ts';

export interface Motion {
  motionEs: string | null;
  motionEn: string | null;
  motionEsState: TranslationState;
  motionEnState: TranslationState;
}

/** The motion columns of `vote_events e`, for the raw queries. */
export const motionColumns = sql`e.motion_es, e.motion_en, e.motion_es_state, e.motion_en_state`;

/** The motion fields of a row read with `motionColumns`. */
export const motionOf = (r: Record<string, unknown>): Motion => ({
  motionEs: (r.motion_es as string | null) ?? null,
  motionEn: (r.motion_en as string | null) ?? null,
  motionEsState: r.motion_es_state as TranslationState,
  motionEnState: r.motion_en_state as TranslationState,
});

/**
 * The motion in the language asked, else in the other one with the state `missing` (an imported
 * roll call: Legistar's motions are English). Null when there is none in either language.
 */
export function motionIn(
  locale: Locale,
  m: Motion,
): { text: string | null; state: TranslationState } {
  const shown = pickText(locale, m.motionEs, m.motionEn, m.motionEsState, m.motionEnState);
  return { text: shown.text || null, state: shown.state };
}

/** The language the motion is shown in for this locale (the other one when it is missing); null without one. */
export function motionLang(locale: Locale, m: Motion): Locale | null {
  const shown = motionIn(locale, m);
  if (!shown.text) return null;
  return shown.state === 'missing' ? (locale === 'es' ? 'en' : 'es') : locale;
}

/** The API's `translation_states` beside a motion. */
export const motionStatesSchema = z.object({
  motion: translationStateSchema.openapi({
    description: '`missing`: the motion is given in the other language (imported ones: English).',
  }),
});

/** The API fields of a motion: the text as `motionIn` picks it, and its state. */
export function presentMotion(locale: Locale, m: Motion) {
  const shown = motionIn(locale, m);
  return { motion: shown.text, translation_states: { motion: shown.state } };
}
