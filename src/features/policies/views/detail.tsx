/**
 * One policy: what it is and where it stands, what it does (by rubric category), its history and
 * votes, related policies, sources, FAQ and talking points, and how to cite and print it. Every
 * unverified fact carries its mark; text shown in the other language says so.
 */
import { raw } from 'hono/html';
import {
  rubricCategories,
  type TranslationState,
  type VerificationState,
} from '../../../db/enums.ts';
import { StanceBadge, StatusBadge, VerificationMark } from '../../../web/components.tsx';
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import { langOf as langIn, Shown, TranslationNote } from '../../../web/translation-note.tsx';
import type { PolicyDetail } from '../schema.ts';
import { renderMarkdown } from '../../../lib/markdown.ts';

export interface DetailView {
  policy: PolicyDetail;
  /** The policy's permanent address in this language, with the base URL. */
  url: string;
  updatedOn: string;
  jurisdictionSlug: string;
  faqStates: Map<string, TranslationState>;
}

const DATES = ['introduced', 'adopted', 'signed', 'effective'] as const;

export function PolicyDetailPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: DetailView;
}) {
  const { t } = ctx;
  const p = view.policy;
  const langOf = (state: TranslationState) => langIn(ctx, state);
  const primary = p.identifiers.filter((i) => i.scheme !== 'alias');
  const aliases = p.identifiers.filter((i) => i.scheme === 'alias');
  const categories = rubricCategories.filter((c) => p.provisions.some((v) => v.category === c));
  const mark = (state: VerificationState) =>
    state === 'unverified' ? (
      <>
        {' '}
        <VerificationMark ctx={ctx} state="unverified" />
      </>
    ) : (
      <>
        {' '}
        <VerificationMark ctx={ctx} state="verified" />
      </>
    );
  return (
    <Layout
      ctx={ctx}
      title={p.title}
      description={p.summary.slice(0, 200)}
      section="policies"
      baseUrl={baseUrl}
      styles={['policies.css']}
    >
      <p class="breadcrumb no-print">
        <a href={ctx.href('/policies')}>
          <span aria-hidden="true">← </span>
          {t('policies.detail.back')}
        </a>
      </p>
      <article class="policy" aria-labelledby="policy-title">
        <header class="policy-head">
          <p class="meta">
            {primary[0] ? <span class="mono">{primary[0].value}</span> : null}
            {primary[0] ? ' · ' : null}
            {t(`classification.${p.classification}`)} · {p.jurisdiction.name}
          </p>
          <h1 id="policy-title">
            <span lang={langOf(p.translation_states.title)}>{p.title}</span>
            {mark(p.title_verification)}
          </h1>
          <TranslationNote ctx={ctx} state={p.translation_states.title} />
          {p.official_title ? (
            <p class="official-title">
              <span class="label">{t('policies.detail.official_title')}:</span>{' '}
              <span lang="en">{p.official_title}</span>
              {mark(p.title_verification)}
            </p>
          ) : null}
          <p class="badges">
            <StatusBadge ctx={ctx} status={p.status} /> <StanceBadge ctx={ctx} stance={p.stance} />{' '}
            <span class="badge">{t(`classification.${p.classification}`)}</span>
          </p>
        </header>

        <div class="policy-body">
          <div class="policy-summary">
            <section aria-labelledby="summary-heading">
              <h2 id="summary-heading">{t('policies.detail.summary')}</h2>
              <p class="lead" lang={langOf(p.translation_states.summary)}>
                {p.summary}
              </p>
              <TranslationNote ctx={ctx} state={p.translation_states.summary} />
            </section>
          </div>
          <aside class="policy-aside" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t('policies.detail.facts')}</h2>
            <dl class="facts">
              {primary.length ? (
                <>
                  <dt>{t('policies.detail.identifiers')}</dt>
                  {primary.map((i) => (
                    <dd>
                      <span class="mono">{i.value}</span>{' '}
                      <span class="meta">({t(`scheme.${i.scheme}`)})</span>
                      {mark(i.verification)}
                    </dd>
                  ))}
                </>
              ) : null}
              {aliases.length ? (
                <>
                  <dt>{t('policies.detail.aliases')}</dt>
                  {aliases.map((i) => (
                    <dd>
                      <span class="mono">{i.value}</span>
                      {mark(i.verification)}
                    </dd>
                  ))}
                </>
              ) : null}
              <dt>{t('policies.detail.jurisdiction')}</dt>
              <dd>
                <a href={ctx.href(`/jurisdictions/${view.jurisdictionSlug}`)}>
                  {p.jurisdiction.name}
                </a>
              </dd>
              {p.body ? (
                <>
                  <dt>{t('policies.detail.body')}</dt>
                  <dd>{p.body.name}</dd>
                </>
              ) : null}
              {DATES.some((d) => p.dates[d]) ? (
                <>
                  <dt>{t('policies.detail.dates')}</dt>
                  {DATES.map((d) => {
                    const fact = p.dates[d];
                    return fact ? (
                      <dd>
                        {t(`policies.date.${d}`)}: {ctx.formatDate(fact.date)}
                        {mark(fact.verification)}
                      </dd>
                    ) : null;
                  })}
                </>
              ) : null}
              {p.topics.length ? (
                <>
                  <dt>{t('policies.detail.topics')}</dt>
                  <dd>
                    <ul class="list-plain topics">
                      {p.topics.map((tp) => (
                        <li>
                          <a href={`${ctx.href('/policies')}?topic=${encodeURIComponent(tp.slug)}`}>
                            {tp.name}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              <dt>{t('policies.detail.updated')}</dt>
              <dd>
                <time datetime={p.updated_at}>{ctx.formatDate(view.updatedOn)}</time>
              </dd>
            </dl>

            <div
              class={
                p.verification_note || p.verification === 'unverified' ? 'note' : 'verified-box'
              }
            >
              <h3>
                {t('policies.detail.verification_title')}
                {mark(p.verification)}
              </h3>
              <p>
                {t(
                  p.verification === 'verified'
                    ? 'policies.detail.verified'
                    : 'policies.detail.unverified',
                )}
              </p>
              {p.verification_note ? <p>{p.verification_note}</p> : null}
            </div>

            <h2 class="kit-heading">{t('policies.kit.title')}</h2>
            <ul class="list-plain kit no-print">
              <li>
                <a class="button secondary" href={ctx.href(`/policies/${p.slug}/print`)}>
                  {t('policies.kit.print')}
                </a>
              </li>
              <li>
                <a class="button secondary" href={ctx.href(`/policies/${p.slug}/kit.pdf`)}>
                  {t('policies.kit.pdf')}
                </a>
              </li>
            </ul>
            <h3>{t('policies.cite.title')}</h3>
            <p class="cite">{citation(ctx, view)}</p>
          </aside>
          <div class="policy-main">
            {categories.length ? (
              <section aria-labelledby="provisions-heading">
                <h2 id="provisions-heading">{t('policies.provisions.title')}</h2>
                {categories.map((c) => (
                  <div class="provision-group">
                    <h3>{t(`rubric.${c}`)}</h3>
                    <ul>
                      {p.provisions
                        .filter((v) => v.category === c)
                        .map((v) => (
                          <li>
                            {v.text}
                            {mark(v.verification)}
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
              </section>
            ) : null}

            {p.full_text ? (
              <section aria-labelledby="text-heading">
                <h2 id="text-heading">{t('policies.full_text.title')}</h2>
                <TranslationNote ctx={ctx} state={p.full_text.state} />
                <div class="prose" lang={langOf(p.full_text.state)}>
                  {raw(renderMarkdown(p.full_text.text))}
                </div>
              </section>
            ) : null}

            {p.actions.length ? (
              <section aria-labelledby="history-heading">
                <h2 id="history-heading">{t('policies.history.title')}</h2>
                <ol class="timeline">
                  {p.actions.map((a) => (
                    <li>
                      <p class="when">
                        <strong>{ctx.formatDate(a.date)}</strong>
                        {mark(a.date_verification)}
                        {a.body ? (
                          <span class="meta">
                            {' · '}
                            <a href={ctx.href(`/bodies/${a.body.slug}`)}>{a.body.name}</a>
                          </span>
                        ) : null}
                      </p>
                      <p>
                        <Shown
                          ctx={ctx}
                          text={a.description}
                          state={a.translation_states.description}
                        />
                      </p>
                      {a.votes ? <Votes ctx={ctx} votes={a.votes} mark={mark} /> : null}
                      {a.roll_call?.votes.length ? (
                        <RollCall ctx={ctx} rollCall={a.roll_call} mark={mark} />
                      ) : null}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}

            {p.relations.length ? (
              <section aria-labelledby="related-heading">
                <h2 id="related-heading">{t('policies.related.title')}</h2>
                <ul class="list-plain related">
                  {p.relations.map((r) => (
                    <li>
                      <span class="badge">
                        {t(
                          r.direction === 'outgoing'
                            ? `relation.${r.kind}`
                            : `relation_incoming.${r.kind}`,
                        )}
                      </span>{' '}
                      <a href={ctx.href(`/policies/${r.policy.slug}`)}>{r.policy.title}</a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {p.faq.length ? (
              <section aria-labelledby="faq-heading">
                <h2 id="faq-heading">{t('policies.faq.title')}</h2>
                <ul>
                  {p.faq.map((f) => (
                    <li>
                      <a
                        href={`${ctx.href('/faq')}#${f.slug}`}
                        lang={langOf(view.faqStates.get(f.slug) ?? 'original')}
                      >
                        {f.question}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {p.talking_points.length ? (
              <section aria-labelledby="points-heading">
                <h2 id="points-heading">{t('policies.talking_points.title')}</h2>
                <ul class="points list-plain">
                  {p.talking_points.map((tp) => (
                    <li class="card">
                      <p class="meta">{t(`audience.${tp.audience}`)}</p>
                      <p>{tp.text}</p>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}

            {p.sources.length ? (
              <section aria-labelledby="sources-heading">
                <h2 id="sources-heading">{t('policies.sources.title')}</h2>
                <ol class="sources">
                  {p.sources.map((s) => (
                    <li>
                      <Source ctx={ctx} source={s} />
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </div>
        </div>
      </article>
    </Layout>
  );
}

function Votes({
  ctx,
  votes,
  mark,
}: {
  ctx: PageContext;
  votes: NonNullable<PolicyDetail['actions'][number]['votes']>;
  mark: (state: VerificationState) => unknown;
}) {
  const parts = (['yes', 'no', 'abstain', 'absent'] as const).flatMap((k) =>
    votes[k] === null ? [] : [ctx.t(`policies.votes.${k}`, { count: votes[k] })],
  );
  return (
    <p class="votes">
      <strong>{ctx.t('policies.votes.label')}</strong> {parts.join(' · ')}
      {mark(votes.verification)}
    </p>
  );
}

const ROLL_CALL_ORDER = [
  'yes',
  'no',
  'abstain',
  'absent',
  'excused',
  'not_voting',
  'paired',
  'other',
];

/** The voters the source names, by how they voted (names as recorded, often surnames). */
function RollCall({
  ctx,
  rollCall,
  mark,
}: {
  ctx: PageContext;
  rollCall: NonNullable<PolicyDetail['actions'][number]['roll_call']>;
  mark: (state: VerificationState) => unknown;
}) {
  const groups = ROLL_CALL_ORDER.flatMap((option) => {
    const names = rollCall.votes.filter((v) => v.option === option).map((v) => v.name);
    return names.length ? [{ option, names }] : [];
  });
  return (
    <dl class="roll-call">
      {groups.map((g) => (
        <>
          <dt>{ctx.t(`policies.roll_call.${g.option}`)}</dt>
          <dd>
            {new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(g.names)}
            {mark(rollCall.verification)}
          </dd>
        </>
      ))}
    </dl>
  );
}

function Source({ ctx, source: s }: { ctx: PageContext; source: PolicyDetail['sources'][number] }) {
  // Only http(s) addresses become links; anything else is shown as text, never invented.
  const safeUrl = s.url && /^https?:\/\//i.test(s.url) ? s.url : null;
  const label = safeUrl
    ? (s.title ?? s.publisher ?? hostOf(safeUrl))
    : (s.title ?? s.citation ?? s.url ?? '');
  const details = [
    safeUrl || s.title ? s.citation : null,
    s.publisher && s.publisher !== label ? s.publisher : null,
    s.accessed ? ctx.t('policies.sources.accessed', { date: ctx.formatDate(s.accessed) }) : null,
  ].filter((d) => d && d !== label);
  return (
    <>
      {safeUrl ? <a href={safeUrl}>{label}</a> : <cite>{label}</cite>}
      {details.length ? <span class="meta"> · {details.join(' · ')}</span> : null}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A stable citation: site, title, identifier, place and adoption, address, version and update. */
export function citation(ctx: PageContext, view: DetailView): string {
  const { t } = ctx;
  const p = view.policy;
  const identifier = p.identifiers.find((i) => i.primary) ?? p.identifiers[0];
  const adopted = p.dates.adopted;
  const place = adopted
    ? `${p.jurisdiction.name}, ${t('policies.cite.adopted', {
        precision: adopted.date.length === 10 ? 'day' : 'partial',
        date: ctx.formatDate(adopted.date),
      })}`
    : p.jurisdiction.name;
  const parts = [
    t('site.name'),
    t('policies.cite.quoted', { title: p.title }),
    identifier?.value,
    place,
    `${view.url} (${t('policies.cite.version', { version: p.version, date: ctx.formatDate(view.updatedOn) })})`,
  ].filter(Boolean);
  return `${parts.join('. ')}.`;
}
