/**
 * `/{lang}/officials/compare?a=SLUG&b=SLUG`: two officials side by side, with their terms, their
 * scorecards for the same period and every roll call on a tracked policy they both voted in.
 * The pickers are plain select lists in a GET form, so it works without JavaScript.
 */
import { pickName } from '../../../lib/bilingual.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import type { OfficialProfile, TrackedVote } from '../official-queries.ts';
import { readVote } from '../reading.ts';
import type { PeriodChoice, Scorecard } from '../scorecard.ts';
import { PolicyLink, Seat, TermDates } from './parts.tsx';
import { PeriodForm, ScoreLine } from './scorecard.tsx';
import { CRUMB_STYLES, OfficialsCrumbs } from './crumbs.tsx';

export interface ComparedOfficial {
  official: OfficialProfile;
  score: Scorecard;
}

export interface SharedRollCall {
  a: TrackedVote;
  b: TrackedVote;
}

export interface CompareView {
  people: { slug: string; name: string }[];
  chosen: { a: string; b: string };
  /** The slugs asked for that name nobody. */
  unknown: string[];
  pair: [ComparedOfficial, ComparedOfficial] | null;
  shared: SharedRollCall[];
  choice: PeriodChoice;
}

export function ComparePage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: CompareView;
}) {
  const { t } = ctx;
  const action = ctx.href('/officials/compare');
  return (
    <Layout
      ctx={ctx}
      title={t('officials.compare.title')}
      description={t('officials.compare.lead')}
      section="officials"
      baseUrl={baseUrl}
      styles={CRUMB_STYLES}
    >
      <OfficialsCrumbs ctx={ctx} current={t('officials.compare.title')} />
      <h1>{t('officials.compare.title')}</h1>
      <p class="lead">{t('officials.compare.lead')}</p>
      {view.unknown.length ? (
        <div class="note" role="alert">
          {view.unknown.map((slug) => (
            <p>{t('officials.compare.unknown', { slug })}</p>
          ))}
        </div>
      ) : null}
      <form class="compare-form" method="get" action={action}>
        <div class="reps-fields">
          {(['a', 'b'] as const).map((key) => (
            <div class="field">
              <label for={`compare-${key}`}>{t(`officials.compare.${key}`)}</label>
              <select id={`compare-${key}`} name={key}>
                <option value="">{t('officials.compare.choose')}</option>
                {view.people.map((p) => (
                  <option value={p.slug} selected={p.slug === view.chosen[key]}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        {/* The period travels with the pair, so a new pair keeps it. */}
        <input type="hidden" name="from" value={view.choice.form.from} />
        <input type="hidden" name="to" value={view.choice.form.to} />
        <button type="submit">{t('officials.compare.submit')}</button>
      </form>
      {view.pair ? <Pair ctx={ctx} view={view} pair={view.pair} action={action} /> : null}
    </Layout>
  );
}

function Pair({
  ctx,
  view,
  pair,
  action,
}: {
  ctx: PageContext;
  view: CompareView;
  pair: [ComparedOfficial, ComparedOfficial];
  action: string;
}) {
  const { t } = ctx;
  const [a, b] = pair;
  return (
    <>
      <section aria-labelledby="scorecards-heading">
        <h2 id="scorecards-heading">{t('officials.score.title')}</h2>
        <p class="meta">{t('officials.score.lead')}</p>
        <PeriodForm
          ctx={ctx}
          action={action}
          choice={view.choice}
          keep={{ a: a.official.slug, b: b.official.slug }}
        />
        <div class="compare-grid">
          {pair.map((side) => (
            <div class="compare-side">
              <h3>
                <a href={ctx.href(`/officials/${side.official.slug}`)}>{side.official.name}</a>
              </h3>
              <ScoreLine ctx={ctx} score={side.score} period={view.choice.period} />
              <h4>{t('officials.detail.terms')}</h4>
              {side.official.terms.length ? (
                <ul class="official-list">
                  {side.official.terms.map((term) => (
                    <li>
                      <a href={ctx.href(`/bodies/${term.bodySlug}`)}>
                        {pickName(ctx.locale, { nameEs: term.bodyNameEs, nameEn: term.bodyNameEn })}
                      </a>
                      {term.postLabel ? (
                        <>
                          {' · '}
                          <Seat ctx={ctx} seat={term.postLabel} />
                        </>
                      ) : (
                        ''
                      )}
                      <br />
                      <span class="meta">
                        <TermDates ctx={ctx} start={term.startDate} end={term.endDate} />
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="meta">{t('officials.compare.no_terms')}</p>
              )}
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="shared-heading">
        <h2 id="shared-heading">{t('officials.compare.shared')}</h2>
        {view.shared.length ? (
          <div class="table-wrap">
            <table class="compare-table">
              <caption>{t('officials.compare.shared_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('officials.compare.col_policy')}</th>
                  <th scope="col">{a.official.name}</th>
                  <th scope="col">{b.official.name}</th>
                </tr>
              </thead>
              <tbody>
                {view.shared.map((row) => (
                  <tr>
                    <th scope="row">
                      <PolicyLink
                        ctx={ctx}
                        slug={row.a.policySlug}
                        titleEs={row.a.titleEs}
                        titleEn={row.a.titleEn}
                      />
                      <br />
                      <span class="meta">{ctx.formatDate(row.a.date)}</span>
                    </th>
                    <VoteCell ctx={ctx} vote={row.a} />
                    <VoteCell ctx={ctx} vote={row.b} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="meta">{t('officials.compare.none_shared')}</p>
        )}
      </section>
    </>
  );
}

function VoteCell({ ctx, vote }: { ctx: PageContext; vote: TrackedVote }) {
  const reading = readVote(vote.stance, vote.option);
  return (
    <td>
      {ctx.t('officials.votes.voted', { option: vote.option })}
      {reading ? (
        <>
          <br />
          <span class={`badge ${reading === 'with' ? 'ok' : 'harm'}`}>
            {ctx.t(`officials.votes.${reading}`)}
          </span>
        </>
      ) : null}
    </td>
  );
}
