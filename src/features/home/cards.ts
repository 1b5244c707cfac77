/** A loaded policy as the shared PolicyCard shows it, in the page language. */
import type { Locale } from '../../config.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import type { PolicyCardData } from '../../web/components.tsx';
import { trackedStance, type PolicyWithRefs } from '../policies/queries.ts';

export function toPolicyCard(
  { policy: p, jurisdiction, identifiers }: PolicyWithRefs,
  locale: Locale,
): PolicyCardData {
  const id = identifiers.find((i) => i.primary) ?? identifiers[0];
  return {
    slug: p.slug,
    title: pickText(locale, p.titleEs, p.titleEn).text,
    summary: pickText(locale, p.summaryEs, p.summaryEn).text,
    status: p.status,
    stance: trackedStance(p),
    classification: p.classification,
    jurisdictionName: pickName(locale, jurisdiction),
    primaryIdentifier: id?.value ?? null,
    adopted: p.adoptedOn ? { date: p.adoptedOn, verification: p.adoptedVerification } : null,
  };
}
