/**
 * What one printable kit shows, in one language: picked from the policy presenter with explicit
 * fields, so the HTML page and the PDF say exactly the same things.
 */
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import type { VerificationState } from '../../db/enums.ts';
import { notFound } from '../../lib/errors.ts';
import { isSlug } from '../../lib/slug.ts';
import { presentPolicyDetail } from '../policies/presenter.ts';
import { findPolicyIdBySlug, loadPolicyDetail } from '../policies/queries.ts';

export const MAX_PROVISIONS = 5;
export const MAX_TALKING_POINTS = 4;

export interface KitFact {
  text: string;
  verification: VerificationState;
}

export interface Kit {
  locale: Locale;
  slug: string;
  title: string;
  titleVerification: VerificationState;
  identifiers: KitFact[];
  classification: string;
  jurisdiction: string;
  body: string | null;
  status: string;
  adopted: { date: string; verification: VerificationState } | null;
  summary: string;
  provisions: { category: string; text: string; verification: VerificationState }[];
  talkingPoints: { audience: string; text: string }[];
  /** The policy page in this language, absolute. */
  url: string;
  /** YYYY-MM-DD of the last change to the policy. */
  updatedOn: string;
}

export interface KitPair {
  slug: string;
  es: Kit;
  en: Kit;
}

const AUDIENCE_ORDER: Record<string, number> = { community: 0, advocates: 1 };

/** Loads both languages of a policy's kit; throws not_found for an unknown or malformed slug. */
export async function loadKit(db: Tx, slug: string, baseUrl: string): Promise<KitPair> {
  const id = slug.length <= 200 && isSlug(slug) ? await findPolicyIdBySlug(db, slug) : undefined;
  const detail = id ? await loadPolicyDetail(db, id) : undefined;
  if (!detail) throw notFound('policy', { what: 'policy', slug });
  const build = (locale: Locale): Kit => {
    const p = presentPolicyDetail(detail, locale);
    const points = p.talking_points
      .map((tp, i) => ({ tp, i, rank: AUDIENCE_ORDER[tp.audience] ?? 2 }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .slice(0, MAX_TALKING_POINTS)
      .map(({ tp }) => ({ audience: tp.audience, text: tp.text }));
    return {
      locale,
      slug: p.slug,
      title: p.title,
      titleVerification: p.title_verification,
      identifiers: p.identifiers.map((i) => ({ text: i.value, verification: i.verification })),
      classification: p.classification,
      jurisdiction: p.jurisdiction.name,
      body: p.body?.name ?? null,
      status: p.status,
      adopted: p.dates.adopted,
      summary: p.summary,
      provisions: p.provisions.slice(0, MAX_PROVISIONS),
      talkingPoints: points,
      url: `${baseUrl}/${locale}/policies/${encodeURIComponent(p.slug)}`,
      updatedOn: detail.policy.updatedAt.toISOString().slice(0, 10),
    };
  };
  return { slug: detail.policy.slug, es: build('es'), en: build('en') };
}
