/**
 * Policy actions across every policy, newest first, with the policy, its jurisdiction and the
 * body that acted: one query. Partial dates ("2017", "2017-03", "2017-03-14") sort correctly as
 * text, a year before its months.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import type { TranslationState, VerificationState } from '../../db/enums.ts';
import { bodies, jurisdictions, policies, policyActions } from '../../db/schema.ts';
import { pickDescription, pickName, pickText } from '../../lib/bilingual.ts';
import { isTracked } from '../policies/queries.ts';

export interface ActionEntry {
  id: string;
  date: string;
  dateVerification: VerificationState;
  description: string;
  /** `missing` when the description is shown in the other language (imported: English). */
  descriptionState: TranslationState;
  policySlug: string;
  policyTitle: string;
  policyTitleState: TranslationState;
  jurisdictionSlug: string;
  jurisdictionName: string;
  bodyName: string | null;
  votes: {
    yes: number | null;
    no: number | null;
    abstain: number | null;
    absent: number | null;
    verification: VerificationState;
  } | null;
}

export async function listActions(
  db: Tx,
  locale: Locale,
  options: { jurisdictionIds?: string[] | undefined; limit?: number | undefined } = {},
): Promise<ActionEntry[]> {
  let query = db
    .select({ action: policyActions, policy: policies, jurisdiction: jurisdictions, body: bodies })
    .from(policyActions)
    .innerJoin(policies, eq(policies.id, policyActions.policyId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, policies.jurisdictionId))
    .leftJoin(bodies, eq(bodies.id, policyActions.bodyId))
    .where(
      and(
        isTracked,
        options.jurisdictionIds
          ? inArray(policies.jurisdictionId, options.jurisdictionIds)
          : undefined,
      ),
    )
    .orderBy(desc(policyActions.date), desc(policyActions.position), desc(policies.slug))
    .$dynamic();
  if (options.limit) query = query.limit(options.limit);
  const rows = await query;
  return rows.map(({ action: a, policy: p, jurisdiction: j, body }) => {
    const description = pickDescription(locale, a);
    const title = pickText(locale, p.titleEs, p.titleEn, p.titleEsState, p.titleEnState);
    const counted = [a.votesYes, a.votesNo, a.votesAbstain, a.votesAbsent].some((n) => n !== null);
    return {
      id: a.id,
      date: a.date,
      dateVerification: a.dateVerification,
      description: description.text,
      descriptionState: description.state,
      policySlug: p.slug,
      policyTitle: title.text,
      policyTitleState: title.state,
      jurisdictionSlug: j.slug,
      jurisdictionName: pickName(locale, j),
      bodyName: body ? pickName(locale, body) : null,
      votes: counted
        ? {
            yes: a.votesYes,
            no: a.votesNo,
            abstain: a.votesAbstain,
            absent: a.votesAbsent,
            verification: a.voteVerification,
          }
        : null,
    };
  });
}
