/**
 * Decides, field by field, what a policy looks like outside the server.
 */
import { voteOptions } from '../../db/enums.ts';
import type { Locale } from '../../config.ts';
import { pickDescription, pickName, pickText } from '../../lib/bilingual.ts';
import { trackedStance, type PolicyDetailData } from './queries.ts';
import type { PolicyDetail, PolicySummary } from './schema.ts';
import type { ListedPolicy } from './search-page.ts';

export const policyApiPath = (slug: string) => `/api/v1/policies/${encodeURIComponent(slug)}`;

export function presentJurisdictionRef(j: ListedPolicy['jurisdiction'], locale: Locale) {
  return { ocd_id: j.ocdId, slug: j.slug, name: pickName(locale, j), kind: j.kind };
}

export function presentBodyRef(b: ListedPolicy['body'], locale: Locale) {
  return b ? { slug: b.slug, name: pickName(locale, b), classification: b.classification } : null;
}

export function presentPolicySummary(data: ListedPolicy, locale: Locale): PolicySummary {
  const p = data.policy;
  const title = pickText(locale, p.titleEs, p.titleEn, p.titleEsState, p.titleEnState);
  const summary = pickText(locale, p.summaryEs, p.summaryEn, p.summaryEsState, p.summaryEnState);
  const dated = (date: string | null, verification: typeof p.verification) =>
    date ? { date, verification } : null;
  return {
    slug: p.slug,
    url: policyApiPath(p.slug),
    lang: locale,
    title: title.text,
    summary: summary.text,
    translation_states: { title: title.state, summary: summary.state },
    classification: p.classification,
    status: p.status,
    stance: trackedStance(p),
    jurisdiction: presentJurisdictionRef(data.jurisdiction, locale),
    body: presentBodyRef(data.body, locale),
    identifiers: data.identifiers.map((i) => ({
      scheme: i.scheme,
      value: i.value,
      primary: i.primary,
      verification: i.verification,
    })),
    topics: data.topics.map((t) => ({ slug: t.slug, name: pickName(locale, t) })),
    dates: {
      introduced: dated(p.introducedOn, p.introducedVerification),
      adopted: dated(p.adoptedOn, p.adoptedVerification),
      signed: dated(p.signedOn, p.signedVerification),
      effective: dated(p.effectiveOn, p.effectiveVerification),
    },
    verification: p.verification,
    updated_at: p.updatedAt.toISOString(),
  };
}

export function presentPolicyDetail(data: PolicyDetailData, locale: Locale): PolicyDetail {
  const p = data.policy;
  const fullText = pickText(
    locale,
    data.fullText.es,
    data.fullText.en,
    p.bodyEsState,
    p.bodyEnState,
  );
  const pick = (es: string | null, en: string | null) => pickText(locale, es, en).text;
  return {
    ...presentPolicySummary(data, locale),
    title_verification: p.titleVerification,
    official_title: p.officialTitle,
    full_text: fullText.text ? fullText : null,
    verification_note: (locale === 'es' ? p.verificationNoteEs : p.verificationNoteEn) ?? null,
    provisions: data.provisions.map((v) => ({
      category: v.category,
      text: pickText(locale, v.textEs, v.textEn, v.textEsState, v.textEnState).text,
      verification: v.verification,
    })),
    actions: data.actions.map(({ action: a, body }) => {
      const counted = [a.votesYes, a.votesNo, a.votesAbstain, a.votesAbsent].some(
        (n) => n !== null,
      );
      // The roll call of the same date and body, when one is recorded with names.
      const rollCall = data.rollCalls.find((r) => r.date === a.date && r.bodyId === a.bodyId);
      const description = pickDescription(locale, a);
      return {
        date: a.date,
        date_verification: a.dateVerification,
        body: presentBodyRef(body, locale),
        classification: a.classification,
        description: description.text,
        translation_states: { description: description.state },
        votes: counted
          ? {
              yes: a.votesYes,
              no: a.votesNo,
              abstain: a.votesAbstain,
              absent: a.votesAbsent,
              verification: a.voteVerification,
            }
          : null,
        roll_call: rollCall
          ? {
              result: rollCall.result,
              verification: rollCall.verification,
              votes: rollCall.votes.map((v) => ({
                name: v.name,
                option: v.option as (typeof voteOptions)[number],
              })),
            }
          : null,
      };
    }),
    relations: data.relations.map((r) => ({
      kind: r.kind,
      direction: r.direction,
      policy: {
        slug: r.other.slug,
        title: pick(r.other.titleEs, r.other.titleEn),
        url: policyApiPath(r.other.slug),
      },
    })),
    sources: data.sources.map((s) => ({
      url: s.url,
      citation: s.citation,
      title: s.title,
      publisher: s.publisher,
      accessed: s.accessedOn,
    })),
    faq: data.faq.map((f) => ({ slug: f.slug, question: pick(f.questionEs, f.questionEn) })),
    talking_points: data.talkingPoints.map((t) => ({
      slug: t.slug,
      audience: t.audience,
      text: pick(t.textEs, t.textEn),
    })),
    version: p.version,
  };
}
