/**
 * Small pieces shared by every page: verification marks, status and stance badges, a policy
 * card. Labels come from messages/{es,en}/common.json.
 */
import type { PolicyStance, PolicyStatus, VerificationState } from '../db/enums.ts';
import type { PageContext } from './i18n.ts';

/** Shown beside every fact; an unverified fact is visibly and audibly marked. */
export function VerificationMark({ ctx, state }: { ctx: PageContext; state: VerificationState }) {
  if (state === 'verified') {
    return (
      <span class="badge verified" title={ctx.t('verification.verified')}>
        ✓<span class="visually-hidden"> {ctx.t('verification.verified')}</span>
      </span>
    );
  }
  return (
    <span class="badge unverified" title={ctx.t('verification.unverified_explained')}>
      {ctx.t('verification.unverified')}
    </span>
  );
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: PolicyStatus }) {
  const tone =
    status === 'in_force'
      ? 'ok'
      : status === 'unknown'
        ? 'warn'
        : status === 'repealed' || status === 'failed' || status === 'vetoed'
          ? 'harm'
          : '';
  return <span class={`badge ${tone}`}>{ctx.t(`status.${status}`)}</span>;
}

export function StanceBadge({ ctx, stance }: { ctx: PageContext; stance: PolicyStance }) {
  const tone = stance === 'protects' ? 'ok' : stance === 'harms' ? 'harm' : 'warn';
  return <span class={`badge ${tone}`}>{ctx.t(`stance.${stance}`)}</span>;
}

/** " · Adopted: March 14, 2017", with the date's verification mark when it is unverified. */
export function AdoptedOn({
  ctx,
  adopted,
}: {
  ctx: PageContext;
  adopted: { date: string; verification: VerificationState } | null;
}) {
  if (!adopted) return null;
  return (
    <>
      {' · '}
      {ctx.t('policy.adopted_on', { date: ctx.formatDate(adopted.date) })}
      {adopted.verification === 'unverified' ? (
        <>
          {' '}
          <VerificationMark ctx={ctx} state="unverified" />
        </>
      ) : null}
    </>
  );
}

export interface PolicyCardData {
  slug: string;
  title: string;
  summary: string;
  status: PolicyStatus;
  stance: PolicyStance;
  classification: string;
  jurisdictionName: string;
  primaryIdentifier: string | null;
  adopted: { date: string; verification: VerificationState } | null;
}

export function PolicyCard({
  ctx,
  policy,
  headingLevel = 3,
}: {
  ctx: PageContext;
  policy: PolicyCardData;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="card policy-card">
      <Heading>
        <a href={ctx.href(`/policies/${policy.slug}`)}>{policy.title}</a>
      </Heading>
      <p class="meta">
        {[
          policy.primaryIdentifier,
          ctx.t(`classification.${policy.classification}`),
          policy.jurisdictionName,
        ]
          .filter(Boolean)
          .join(' · ')}
        <AdoptedOn ctx={ctx} adopted={policy.adopted} />
      </p>
      <p>{policy.summary}</p>
      <p>
        <StatusBadge ctx={ctx} status={policy.status} />{' '}
        <StanceBadge ctx={ctx} stance={policy.stance} />
      </p>
    </article>
  );
}
