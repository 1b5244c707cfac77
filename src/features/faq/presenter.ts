import type { Locale } from '../../config.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import { policyApiPath } from '../policies/presenter.ts';
import type { FaqWithLinks, TalkingPointWithLinks } from './queries.ts';

function presentLinks(row: FaqWithLinks | TalkingPointWithLinks, locale: Locale) {
  return {
    policies: row.policies.map((p) => ({
      slug: p.slug,
      title: pickText(locale, p.titleEs, p.titleEn).text,
      url: policyApiPath(p.slug),
    })),
    topics: row.topics.map((t) => ({ slug: t.slug, name: pickName(locale, t) })),
  };
}

export function presentFaqEntry(row: FaqWithLinks, locale: Locale) {
  const question = pickText(
    locale,
    row.questionEs,
    row.questionEn,
    row.questionEsState,
    row.questionEnState,
  );
  const answer = pickText(locale, row.answerEs, row.answerEn, row.answerEsState, row.answerEnState);
  return {
    slug: row.slug,
    audience: row.audience,
    position: row.position,
    lang: locale,
    question: question.text,
    answer: answer.text,
    translation_states: { question: question.state, answer: answer.state },
    ...presentLinks(row, locale),
  };
}

export function presentTalkingPoint(row: TalkingPointWithLinks, locale: Locale) {
  const text = pickText(locale, row.textEs, row.textEn, row.textEsState, row.textEnState);
  return {
    slug: row.slug,
    audience: row.audience,
    position: row.position,
    lang: locale,
    text: text.text,
    translation_state: text.state,
    ...presentLinks(row, locale),
  };
}
