/**
 * What leaves the server for a roll call: explicit fields, texts in the language asked.
 */
import type { Locale } from '../../config.ts';
import { pickText } from '../../lib/bilingual.ts';
import { presentMotion } from './motion.ts';
import { readVote } from './reading.ts';
import type { PublicVote, PublicVoteEvent } from './vote-event-queries.ts';
import type { VoteEventDetail, VoteEventSummary } from './vote-event-schema.ts';

export function presentVoteEventSummary(e: PublicVoteEvent, locale: Locale): VoteEventSummary {
  return {
    id: e.id,
    url: `/api/v1/vote-events/${e.id}`,
    date: e.date,
    body: e.body
      ? { slug: e.body.slug, name: locale === 'es' ? e.body.nameEs : e.body.nameEn }
      : null,
    policy: {
      slug: e.policy.slug,
      title: pickText(locale, e.policy.titleEs, e.policy.titleEn).text,
      stance: e.policy.stance,
      url: `/api/v1/policies/${e.policy.slug}`,
    },
    ...presentMotion(locale, e),
    result: e.result,
    counts: e.counts,
    verification: e.verification,
  };
}

export function presentVoteEvent(
  e: PublicVoteEvent,
  votes: PublicVote[],
  locale: Locale,
): VoteEventDetail {
  return {
    ...presentVoteEventSummary(e, locale),
    identifier: e.identifier,
    sources: e.sources.map((s) => (s.note ? { url: s.url, note: s.note } : { url: s.url })),
    votes: votes.map((v) => ({
      name: v.voterName,
      official: v.personSlug,
      option: v.option,
      reading: readVote(e.policy.stance, v.option),
      verification: v.verification,
    })),
  };
}
