/**
 * `/{lang}/bodies/{slug}`: a body, the members seated today and every roll call it held, newest
 * first, each as a table of the votes as recorded (names as the source gives them), read as with
 * or against immigrant residents when the policy protects or harms them.
 */
import { pickName } from '../../../lib/bilingual.ts';
import { VerificationMark } from '../../../web/components.tsx';
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import { Shown } from '../../../web/translation-note.tsx';
import type { BodyProfile, BodyRollCall } from '../body-queries.ts';
import type { Term } from '../official-queries.ts';
import { motionIn } from '../motion.ts';
import { readVote } from '../reading.ts';
import { CRUMB_STYLES, OfficialsCrumbs } from './crumbs.tsx';
import { MemberItem, PolicyLink } from './parts.tsx';

export interface BodyView {
  body: BodyProfile;
  members: Term[];
  rollCalls: BodyRollCall[];
}

export function BodyPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: BodyView;
}) {
  const { t } = ctx;
  const name = pickName(ctx.locale, view.body);
  return (
    <Layout
      ctx={ctx}
      title={name}
      description={t('officials.body.description', { name })}
      section="officials"
      baseUrl={baseUrl}
      styles={CRUMB_STYLES}
    >
      <OfficialsCrumbs ctx={ctx} current={name} />
      <h1>{name}</h1>
      <p>
        {t('officials.body.jurisdiction')}{' '}
        <a href={ctx.href(`/jurisdictions/${view.body.jurisdiction.slug}`)}>
          {pickName(ctx.locale, view.body.jurisdiction)}
        </a>
      </p>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('officials.body.members')}</h2>
        {view.members.length ? (
          <ul class="official-list">
            {view.members.map((term) => (
              <MemberItem ctx={ctx} term={term} />
            ))}
          </ul>
        ) : (
          <p class="meta">{t('officials.body.no_members')}</p>
        )}
      </section>
      <section aria-labelledby="roll-calls-heading">
        <h2 id="roll-calls-heading">{t('officials.body.roll_calls')}</h2>
        {view.rollCalls.length ? (
          <>
            <p class="meta">{t('officials.body.names_note')}</p>
            {view.rollCalls.map((r) => (
              <RollCallTable ctx={ctx} rollCall={r} />
            ))}
          </>
        ) : (
          <p class="meta">{t('officials.body.no_roll_calls')}</p>
        )}
      </section>
    </Layout>
  );
}

function RollCallTable({ ctx, rollCall: r }: { ctx: PageContext; rollCall: BodyRollCall }) {
  const { t } = ctx;
  const tracked = r.policy && r.policy.stance !== 'mixed' ? r.policy : null;
  const motion = motionIn(ctx.locale, r);
  const counts = r.counts
    .map((c) => t('officials.rollcall.count', { option: c.option, value: c.value }))
    .join(' · ');
  return (
    <div class="table-wrap roll-call-wrap">
      <table class="roll-call-table" id={`roll-call-${r.id}`}>
        <caption>
          <strong>{ctx.formatDate(r.date)}</strong>
          {' · '}
          {r.policy ? (
            <PolicyLink
              ctx={ctx}
              slug={r.policy.slug}
              titleEs={r.policy.titleEs}
              titleEn={r.policy.titleEn}
            />
          ) : (
            t('officials.rollcall.no_policy')
          )}
          <br />
          <span class="meta">
            {motion.text ? (
              <>
                <Shown ctx={ctx} text={motion.text} state={motion.state} />
                {' · '}
              </>
            ) : null}
            {t(`officials.result.${r.result}`)}
            {counts ? ` · ${counts}` : ''}
          </span>{' '}
          <VerificationMark ctx={ctx} state={r.verification} />
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('officials.rollcall.col_voter')}</th>
            <th scope="col">{t('officials.rollcall.col_vote')}</th>
            {tracked ? <th scope="col">{t('officials.rollcall.col_reading')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {r.votes.length ? (
            r.votes.map((v) => {
              const reading = tracked ? readVote(tracked.stance, v.option) : null;
              return (
                <tr>
                  <th scope="row">
                    {v.personSlug ? (
                      <a href={ctx.href(`/officials/${v.personSlug}`)}>{v.voterName}</a>
                    ) : (
                      v.voterName
                    )}
                  </th>
                  <td>
                    {t('officials.votes.voted', { option: v.option })}{' '}
                    <VerificationMark ctx={ctx} state={v.verification} />
                  </td>
                  {tracked ? (
                    <td>
                      {reading ? (
                        <span class={`badge ${reading === 'with' ? 'ok' : 'harm'}`}>
                          {t(`officials.rollcall.${reading}`)}
                        </span>
                      ) : (
                        <span class="meta">{t('officials.rollcall.no_reading')}</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })
          ) : (
            <tr>
              <td colspan={tracked ? 3 : 2}>{t('officials.rollcall.no_names')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
