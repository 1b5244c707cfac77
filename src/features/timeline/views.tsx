/** One policy action as a timeline entry; used by the timeline and the home page. */
import { VerificationMark } from '../../web/components.tsx';
import type { PageContext } from '../../web/i18n.ts';
import { langOf, Shown } from '../../web/translation-note.tsx';
import type { ActionEntry } from './queries.ts';

export function ActionItem({
  ctx,
  action: a,
  headingLevel = 3,
}: {
  ctx: PageContext;
  action: ActionEntry;
  headingLevel?: 3 | 4;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <li class="action">
      <p class="action-date">
        <time datetime={a.date}>{ctx.formatDate(a.date)}</time>
        {a.dateVerification === 'unverified' ? (
          <>
            {' '}
            <VerificationMark ctx={ctx} state="unverified" />
          </>
        ) : null}
      </p>
      <Heading class="action-policy">
        <a href={ctx.href(`/policies/${a.policySlug}`)} lang={langOf(ctx, a.policyTitleState)}>
          {a.policyTitle}
        </a>
      </Heading>
      <p class="meta">
        <a href={ctx.href(`/jurisdictions/${a.jurisdictionSlug}`)}>{a.jurisdictionName}</a>
        {a.bodyName ? ` · ${a.bodyName}` : null}
      </p>
      <p>
        <Shown ctx={ctx} text={a.description} state={a.descriptionState} />
      </p>
      {a.votes ? <Votes ctx={ctx} votes={a.votes} /> : null}
    </li>
  );
}

function Votes({ ctx, votes }: { ctx: PageContext; votes: NonNullable<ActionEntry['votes']> }) {
  const { t } = ctx;
  const parts = (['yes', 'no', 'abstain', 'absent'] as const)
    .filter((k) => votes[k] !== null)
    .map((k) => t(`timeline.votes.${k}`, { count: votes[k]!, shown: ctx.formatNumber(votes[k]!) }));
  return (
    <p class="votes">
      <strong>{t('timeline.votes.label')}</strong> {parts.join(', ')}
      {votes.verification === 'unverified' ? (
        <>
          {' '}
          <VerificationMark ctx={ctx} state="unverified" />
        </>
      ) : null}
    </p>
  );
}
