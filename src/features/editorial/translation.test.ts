/**
 * Translation states after a save (decision 014), without a database.
 */
import { describe, expect, it } from 'vitest';
import type { FaqRecord } from '../dataset/schema.ts';
import {
  settleTranslationStates,
  takeTranslations,
  translationNeeds,
  type BilingualText,
} from './translation.ts';

const faq = (question: BilingualText, answer: BilingualText = { es: 'Sí.', en: 'Yes.' }) =>
  ({
    slug: 'q',
    audience: 'community',
    position: 0,
    question,
    answer,
    policies: [],
    topics: [],
  }) as FaqRecord;

const settle = (before: FaqRecord, after: FaqRecord, role: 'editor' | 'translator' = 'editor') =>
  settleTranslationStates('faq', before, structuredClone(after), role).question;

describe('translation states', () => {
  const base = faq({ es: '¿Puedo?', en: 'May I?', es_state: 'original', en_state: 'reviewed' });

  it('marks the other language when an editor changes the source, "missing" when it is empty', () => {
    expect(settle(base, faq({ ...base.question, es: '¿Puedo yo?' }))).toMatchObject({
      es_state: 'original',
      en_state: 'needs_update',
    });
    const noEnglish = faq({ es: '¿Puedo?', en: '' });
    expect(settle(noEnglish, faq({ es: '¿Puedo yo?', en: '' }))).toMatchObject({
      es_state: 'original',
      en_state: 'missing',
    });
  });

  it('takes an editor filling a flagged language as its translation, without flagging the source', () => {
    const flagged = faq({ ...base.question, es: '¿Puedo yo?', en_state: 'needs_update' });
    expect(settle(flagged, faq({ ...flagged.question, en: 'May I, myself?' }))).toMatchObject({
      es_state: 'original',
      en_state: 'reviewed',
    });
  });

  it('sets what a translator changed to reviewed, unless they chose a state', () => {
    const flagged = faq({ ...base.question, en_state: 'needs_update' });
    expect(settle(flagged, faq({ ...flagged.question, en: 'Can I?' }), 'translator')).toEqual({
      es: '¿Puedo?',
      en: 'Can I?',
      es_state: 'original',
      en_state: 'reviewed',
    });
    const machine = faq({ ...flagged.question, en: 'Can I?', en_state: 'machine' });
    expect(settle(flagged, machine, 'translator').en_state).toBe('machine');
  });

  it('keeps states when nothing changed, and a state changed on purpose', () => {
    expect(settle(base, base)).toMatchObject({ es_state: 'original', en_state: 'reviewed' });
    const marked = faq({ ...base.question, en_state: 'machine' });
    expect(settle(base, marked).en_state).toBe('machine');
  });

  it('takes only texts and their states from a translator', () => {
    const sent = { ...faq({ es: 'X', en: 'Y', en_state: 'reviewed' }), slug: 'other', position: 9 };
    const merged = takeTranslations('faq', base, sent);
    expect(merged).toMatchObject({ slug: 'q', position: 0, question: { es: 'X', en: 'Y' } });
    expect(base.question.es).toBe('¿Puedo?');
  });

  it('lists texts that need work, but not a text absent in both languages', () => {
    const doc = faq({ es: '¿Puedo?', en: '', en_state: 'missing' }, { es: '', en: '' });
    expect(translationNeeds('faq', doc)).toEqual([
      { path: 'question', language: 'en', state: 'missing' },
    ]);
  });
});
