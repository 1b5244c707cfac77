/**
 * `/{lang}/officials` (everyone seated today, by body, with a filter by body) and
 * `/{lang}/officials/{slug}` (one official: terms, contact, links and sources, votes on tracked
 * policies, sponsorships). No photos: they live on other origins.
 */
import { StanceBadge } from '../../../web/components.tsx';
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import type { OfficialProfile, Sponsorship, Term, TrackedVote } from '../official-queries.ts';
import { isWebUrl } from '../reading.ts';
import type { PeriodChoice, Scorecard } from '../scorecard.ts';
import {
  ContactList,
  MemberItem,
  Party,
  PolicyLink,
  SeatName,
  TermDates,
  VoteList,
} from './parts.tsx';
import { PeriodForm, ScoreLine } from './scorecard.tsx';
import { CRUMB_STYLES, OfficialsCrumbs } from './crumbs.tsx';

export interface OfficialsIndexView {
  bodies: { slug: string; name: string; count: number }[];
  chosen: string | null;
  groups: { slug: string; name: string; terms: Term[] }[];
}

export function OfficialsIndexPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: OfficialsIndexView;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('officials.index.title')}
      description={t('officials.index.lead')}
      section="officials"
      baseUrl={baseUrl}
      styles={['officials.css']}
    >
      <h1>{t('officials.index.title')}</h1>
      <p class="lead">{t('officials.index.lead')}</p>
      <p>
        <a href={ctx.href('/representatives')}>{t('officials.index.find_yours')}</a>
      </p>
      {view.bodies.length ? (
        <form class="search-form" method="get" action={ctx.href('/officials')}>
          <div class="field">
            <label for="officials-body">{t('officials.index.filter')}</label>
            <select id="officials-body" name="body">
              <option value="">{t('officials.index.all_bodies')}</option>
              {view.bodies.map((b) => (
                <option value={b.slug} selected={b.slug === view.chosen}>
                  {b.name} ({ctx.formatNumber(b.count)})
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('officials.index.apply')}</button>
        </form>
      ) : (
        <p>{t('officials.index.none')}</p>
      )}
      {view.groups.map((g) => (
        <section aria-labelledby={`body-${g.slug}`}>
          <h2 id={`body-${g.slug}`}>
            <a href={ctx.href(`/bodies/${g.slug}`)}>{g.name}</a>
          </h2>
          <ul class="official-list">
            {g.terms.map((term) => (
              <MemberItem ctx={ctx} term={term} />
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export interface OfficialView {
  official: OfficialProfile;
  current: Term[];
  past: Term[];
  votes: TrackedVote[];
  sponsorships: Sponsorship[];
  choice: PeriodChoice;
  score: Scorecard;
}

export function OfficialPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: OfficialView;
}) {
  const { t } = ctx;
  const { official } = view;
  const sources = official.sources.filter((s) => isWebUrl(s.url));
  return (
    <Layout
      ctx={ctx}
      title={official.name}
      description={t('officials.detail.description', { name: official.name })}
      section="officials"
      baseUrl={baseUrl}
      styles={CRUMB_STYLES}
    >
      <OfficialsCrumbs ctx={ctx} current={official.name} />
      <h1>{official.name}</h1>
      <section aria-labelledby="terms-heading">
        <h2 id="terms-heading">{t('officials.detail.terms')}</h2>
        {view.current.length ? (
          <TermTable ctx={ctx} caption={t('officials.detail.current')} terms={view.current} />
        ) : (
          <p>{t('officials.detail.no_current')}</p>
        )}
        {view.past.length ? (
          <TermTable ctx={ctx} caption={t('officials.detail.past')} terms={view.past} />
        ) : null}
      </section>
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('officials.detail.contact')}</h2>
        <ContactList
          ctx={ctx}
          email={official.email}
          contactDetails={official.contactDetails}
          links={official.links}
        />
      </section>
      <section aria-labelledby="score-heading">
        <h2 id="score-heading">{t('officials.score.title')}</h2>
        <ScoreLine ctx={ctx} score={view.score} period={view.choice.period} />
        <p class="meta">{t('officials.score.lead')}</p>
        <PeriodForm
          ctx={ctx}
          action={ctx.href(`/officials/${official.slug}`)}
          choice={view.choice}
        />
        <p>
          <a href={`${ctx.href('/officials/compare')}?a=${encodeURIComponent(official.slug)}`}>
            {t('officials.compare.with_another', { name: official.name })}
          </a>
        </p>
      </section>
      <section aria-labelledby="votes-heading">
        <h2 id="votes-heading">{t('officials.votes.title')}</h2>
        <VoteList ctx={ctx} votes={view.votes} />
      </section>
      <section aria-labelledby="sponsorships-heading">
        <h2 id="sponsorships-heading">{t('officials.detail.sponsorships')}</h2>
        {view.sponsorships.length ? (
          <ul>
            {view.sponsorships.map((s) => (
              <li>
                <PolicyLink ctx={ctx} slug={s.policySlug} titleEs={s.titleEs} titleEn={s.titleEn} />{' '}
                <StanceBadge ctx={ctx} stance={s.stance} />{' '}
                <span class="meta">
                  {t(s.primary ? 'officials.detail.primary' : 'officials.detail.cosponsor')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="meta">{t('officials.detail.no_sponsorships')}</p>
        )}
      </section>
      {sources.length ? (
        <section aria-labelledby="sources-heading">
          <h2 id="sources-heading">{t('officials.detail.sources')}</h2>
          <ul>
            {sources.map((s) => (
              <li>
                <a href={s.url} rel="noopener noreferrer">
                  {s.note || s.url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

function TermTable({ ctx, caption, terms }: { ctx: PageContext; caption: string; terms: Term[] }) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="terms">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('officials.detail.col_body')}</th>
            <th scope="col">{t('officials.detail.col_seat')}</th>
            <th scope="col">{t('officials.detail.col_party')}</th>
            <th scope="col">{t('officials.detail.col_dates')}</th>
          </tr>
        </thead>
        <tbody>
          {terms.map((term) => (
            <tr>
              <td>
                <a href={ctx.href(`/bodies/${term.bodySlug}`)}>
                  {ctx.locale === 'es' ? term.bodyNameEs : term.bodyNameEn}
                </a>
              </td>
              <td>{term.postLabel ? <SeatName ctx={ctx} seat={term.postLabel} /> : ''}</td>
              <td>{term.party ? <Party ctx={ctx} party={term.party} /> : ''}</td>
              <td>
                <TermDates ctx={ctx} start={term.startDate} end={term.endDate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
