/**
 * The policy list: a search box, facets with counts, active filters as removable links, results
 * with highlighted excerpts, and pagination. One GET form; every state is a shareable address.
 */
import {
  policyClassifications,
  policyStances,
  policyStatuses,
  type PolicyStance,
  type PolicyStatus,
  type VerificationState,
} from '../../../db/enums.ts';
import { AdoptedOn, StanceBadge, StatusBadge, VerificationMark } from '../../../web/components.tsx';
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import {
  hasFilters,
  LIST_FACETS,
  listQuery,
  without,
  withChanges,
  type Ignored,
  type ListFacet,
  type ListState,
} from '../facets.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, type FacetCounts } from '../search.ts';

export interface ResultCard {
  slug: string;
  title: string;
  titleVerification: VerificationState;
  /** Set when the title is shown in the other language. */
  titleLang: string | undefined;
  summary: string;
  summaryLang: string | undefined;
  /** ts_headline output with sentinels, when the search words were found. */
  highlight: string | undefined;
  status: PolicyStatus;
  stance: PolicyStance;
  classification: string;
  jurisdictionName: string;
  identifier: { value: string; verification: VerificationState } | null;
  adopted: { date: string; verification: VerificationState } | null;
}

export interface ListView {
  state: ListState;
  ignored: Ignored[];
  total: number;
  pageSize: number;
  results: ResultCard[];
  didYouMean: string | undefined;
  facets: FacetCounts;
  jurisdictions: { ocdId: string; name: string; depth: number }[];
  topics: { slug: string; name: string }[];
}

const FACET_VALUES: Record<Exclude<ListFacet, 'topic'>, readonly string[]> = {
  classification: policyClassifications,
  status: policyStatuses,
  stance: policyStances,
};

export function PolicyListPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: ListView;
}) {
  const { t } = ctx;
  const { state } = view;
  const link = (s: ListState) => `${ctx.href('/policies')}${listQuery(s)}`;
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const first = (state.page - 1) * view.pageSize + 1;
  const last = first + view.results.length - 1;
  const filtered = hasFilters(state);
  return (
    <Layout
      ctx={ctx}
      title={
        state.q
          ? `${t('policies.active.search', { q: state.q })} · ${t('policies.list.title')}`
          : t('policies.list.title')
      }
      description={t('policies.list.description')}
      section="policies"
      baseUrl={baseUrl}
      styles={['policies.css']}
      scripts={['policies.js']}
    >
      <h1>{t('policies.list.title')}</h1>
      <p class="lead">{t('policies.list.lead')}</p>
      {view.ignored.length ? <IgnoredNote ctx={ctx} ignored={view.ignored} /> : null}

      <form class="search-form" method="get" action={ctx.href('/policies')} role="search">
        <div class="field">
          <label for="policy-q">{t('policies.search.label')}</label>
          <span id="policy-q-hint" class="meta">
            {t('policies.search.hint')}
          </span>
          <input
            type="search"
            id="policy-q"
            name="q"
            value={state.q}
            maxlength={200}
            autocomplete="off"
            aria-describedby="policy-q-hint"
          />
        </div>
        <HiddenFilters state={state} />
        <button type="submit">{t('policies.search.submit')}</button>
      </form>

      <div class="layout-two policy-list">
        <FilterForm ctx={ctx} view={view} />
        <section aria-labelledby="results-heading" class="results">
          <h2 id="results-heading">{t('policies.results.title')}</h2>
          {filtered || state.q ? <ActiveFilters ctx={ctx} view={view} link={link} /> : null}
          {view.didYouMean ? (
            <p class="note" role="status">
              {t('policies.did_you_mean.showing', { q: state.q, suggestion: view.didYouMean })}{' '}
              <a href={link(withChanges(state, { q: view.didYouMean }))}>
                {t('policies.did_you_mean.link', { suggestion: view.didYouMean })}
              </a>
            </p>
          ) : null}
          <p class="result-count" role="status">
            <strong>
              {state.q
                ? t('policies.results.count_for', {
                    count: view.total,
                    q: view.didYouMean ?? state.q,
                  })
                : t('policies.results.count', { count: view.total })}
            </strong>
            {view.results.length && pages > 1
              ? ` ${t('policies.results.range', { first: ctx.formatNumber(first), last: ctx.formatNumber(last) })}`
              : null}
          </p>
          {view.results.length ? (
            <ol class="results-list list-plain">
              {view.results.map((r) => (
                <li>
                  <Result ctx={ctx} result={r} />
                </li>
              ))}
            </ol>
          ) : view.total > 0 ? (
            <div class="card empty">
              <p>{t('policies.empty.page')}</p>
              <p>
                <a class="button secondary" href={link(withChanges(state, {}))}>
                  {t('policies.empty.first_page')}
                </a>
              </p>
            </div>
          ) : (
            <div class="card empty">
              <h3>{t('policies.empty.title')}</h3>
              <p>{t('policies.empty.body')}</p>
              <p class="actions">
                {filtered && state.q ? (
                  <a
                    class="button"
                    href={link(
                      withChanges(state, {
                        jurisdiction: undefined,
                        classification: [],
                        topic: [],
                        status: [],
                        stance: [],
                        from: undefined,
                        to: undefined,
                      }),
                    )}
                  >
                    {t('policies.empty.clear')}
                  </a>
                ) : null}
                <a class="button secondary" href={ctx.href('/policies')}>
                  {t('policies.empty.all')}
                </a>
              </p>
            </div>
          )}
          {pages > 1 ? <Pagination ctx={ctx} state={state} pages={pages} link={link} /> : null}
        </section>
      </div>
    </Layout>
  );
}

function IgnoredNote({ ctx, ignored }: { ctx: PageContext; ignored: Ignored[] }) {
  const items = ignored.map((i) => ctx.t(`policies.param.${i.param}`, { value: i.value }));
  const list = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(items);
  return (
    <p class="note" role="status">
      {ctx.t('policies.ignored', { list })}
    </p>
  );
}

/** The search box keeps the filters already chosen. */
function HiddenFilters({ state }: { state: ListState }) {
  return (
    <>
      {state.jurisdiction ? (
        <input type="hidden" name="jurisdiction" value={state.jurisdiction} />
      ) : null}
      {LIST_FACETS.flatMap((f) => state[f].map((v) => <input type="hidden" name={f} value={v} />))}
      {state.from !== undefined ? (
        <input type="hidden" name="adopted_from" value={String(state.from)} />
      ) : null}
      {state.to !== undefined ? (
        <input type="hidden" name="adopted_to" value={String(state.to)} />
      ) : null}
      {state.limit !== undefined ? (
        <input type="hidden" name="limit" value={String(state.limit)} />
      ) : null}
    </>
  );
}

function FilterForm({ ctx, view }: { ctx: PageContext; view: ListView }) {
  const { t } = ctx;
  const { state, facets } = view;
  const option = (label: string, count: number) =>
    t('policies.filters.option', { label, count: ctx.formatNumber(count) });
  const checkboxes = (facet: ListFacet, values: { value: string; label: string }[]) => {
    const shown = values.filter(
      (v) => (facets[facet].get(v.value) ?? 0) > 0 || state[facet].includes(v.value),
    );
    if (!shown.length) return null;
    return (
      <fieldset class="facet">
        <legend>{t(`policies.filters.${facet}`)}</legend>
        <ul class="list-plain">
          {shown.map((v) => {
            const id = `f-${facet}-${v.value}`;
            return (
              <li>
                <input
                  type="checkbox"
                  id={id}
                  name={facet}
                  value={v.value}
                  checked={state[facet].includes(v.value)}
                />
                <label for={id}>
                  {v.label}{' '}
                  <span class="count">({ctx.formatNumber(facets[facet].get(v.value) ?? 0)})</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    );
  };
  const enumValues = (facet: Exclude<ListFacet, 'topic'>) =>
    FACET_VALUES[facet].map((value) => ({ value, label: t(`${facet}.${value}`) }));
  const years = [...facets.year.keys(), ...[state.from, state.to].filter((y) => y !== undefined)]
    .map(Number)
    .filter((y, i, all) => all.indexOf(y) === i)
    .sort((a, b) => b - a);
  const yearCount = (lo: number, hi: number) =>
    [...facets.year].reduce((n, [y, c]) => (Number(y) >= lo && Number(y) <= hi ? n + c : n), 0);
  return (
    <details class="filters" open>
      <summary>{t('policies.filters.title')}</summary>
      <form method="get" action={ctx.href('/policies')} class="filter-form">
        {state.q ? <input type="hidden" name="q" value={state.q} /> : null}
        {state.limit !== undefined ? (
          <input type="hidden" name="limit" value={String(state.limit)} />
        ) : null}
        <div class="facet">
          <label for="f-jurisdiction">{t('policies.filters.jurisdiction')}</label>
          <select id="f-jurisdiction" name="jurisdiction">
            <option value="">{t('policies.filters.jurisdiction_all')}</option>
            {view.jurisdictions.map((j) => (
              <option value={j.ocdId} selected={state.jurisdiction === j.ocdId}>
                {'\u00a0\u00a0'.repeat(j.depth)}
                {option(j.name, facets.jurisdiction.get(j.ocdId) ?? 0)}
              </option>
            ))}
          </select>
        </div>
        {checkboxes('status', enumValues('status'))}
        {checkboxes('stance', enumValues('stance'))}
        {checkboxes('classification', enumValues('classification'))}
        {checkboxes(
          'topic',
          view.topics.map((tp) => ({ value: tp.slug, label: tp.name })),
        )}
        {years.length ? (
          <fieldset class="facet years">
            <legend>{t('policies.filters.years')}</legend>
            <div class="year-row">
              <div>
                <label for="f-from">{t('policies.filters.from')}</label>
                <select id="f-from" name="adopted_from">
                  <option value="">{t('policies.filters.any_year')}</option>
                  {years.map((y) => (
                    <option value={String(y)} selected={state.from === y}>
                      {option(String(y), yearCount(y, state.to ?? 9999))}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="f-to">{t('policies.filters.to')}</label>
                <select id="f-to" name="adopted_to">
                  <option value="">{t('policies.filters.any_year')}</option>
                  {years.map((y) => (
                    <option value={String(y)} selected={state.to === y}>
                      {option(String(y), yearCount(state.from ?? 0, y))}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
        ) : null}
        <button type="submit">{t('policies.filters.apply')}</button>
      </form>
    </details>
  );
}

function ActiveFilters({
  ctx,
  view,
  link,
}: {
  ctx: PageContext;
  view: ListView;
  link: (s: ListState) => string;
}) {
  const { t } = ctx;
  const { state } = view;
  const chips: { label: string; href: string }[] = [];
  if (state.q)
    chips.push({
      label: t('policies.active.search', { q: state.q }),
      href: link(without(state, 'q')),
    });
  if (state.jurisdiction) {
    const j = view.jurisdictions.find((x) => x.ocdId === state.jurisdiction);
    chips.push({
      label: j?.name ?? state.jurisdiction,
      href: link(without(state, 'jurisdiction')),
    });
  }
  for (const facet of LIST_FACETS) {
    for (const value of state[facet]) {
      const label =
        facet === 'topic'
          ? (view.topics.find((x) => x.slug === value)?.name ?? value)
          : t(`${facet}.${value}`);
      chips.push({ label, href: link(without(state, { facet, value })) });
    }
  }
  if (state.from !== undefined)
    chips.push({
      label: t('policies.active.from', { year: String(state.from) }),
      href: link(without(state, 'from')),
    });
  if (state.to !== undefined)
    chips.push({
      label: t('policies.active.to', { year: String(state.to) }),
      href: link(without(state, 'to')),
    });
  return (
    <div class="active-filters">
      <h3 class="visually-hidden">{t('policies.active.title')}</h3>
      <ul class="chips list-plain">
        {chips.map((c) => (
          <li>
            <a class="chip" href={c.href}>
              <span class="visually-hidden">{t('policies.active.remove')} </span>
              {c.label}
              <span aria-hidden="true">{'\u00a0×'}</span>
            </a>
          </li>
        ))}
        {chips.length > 1 ? (
          <li>
            <a class="clear-all" href={ctx.href('/policies')}>
              {t('policies.active.clear')}
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function Result({ ctx, result: r }: { ctx: PageContext; result: ResultCard }) {
  const { t } = ctx;
  return (
    <article class="card policy-card">
      <h3>
        <a href={ctx.href(`/policies/${r.slug}`)} lang={r.titleLang}>
          {r.title}
        </a>
        {r.titleVerification === 'unverified' ? (
          <>
            {' '}
            <VerificationMark ctx={ctx} state="unverified" />
          </>
        ) : null}
      </h3>
      <p class="meta">
        {r.identifier ? (
          <>
            <span class="mono">{r.identifier.value}</span>
            {r.identifier.verification === 'unverified' ? (
              <>
                {' '}
                <VerificationMark ctx={ctx} state="unverified" />
              </>
            ) : null}
            {' · '}
          </>
        ) : null}
        {t(`classification.${r.classification}`)} · {r.jurisdictionName}
        <AdoptedOn ctx={ctx} adopted={r.adopted} />
      </p>
      {r.highlight ? (
        <p class="snippet">
          {/^\p{Ll}/u.test(r.highlight) ? '… ' : null}
          <Highlighted text={r.highlight} />
          {/[.!?»”)]$/.test(r.highlight.trim()) ? null : ' …'}
        </p>
      ) : (
        <p lang={r.summaryLang}>{r.summary}</p>
      )}
      <p class="badges">
        <StatusBadge ctx={ctx} status={r.status} /> <StanceBadge ctx={ctx} stance={r.stance} />
      </p>
    </article>
  );
}

/** Text with sentinel-delimited matches; JSX escapes every part, only <mark> is ours. */
export function Highlighted({ text }: { text: string }) {
  const parts: (string | ReturnType<typeof Mark>)[] = [];
  let rest = text;
  while (rest) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start < 0) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf(HIGHLIGHT_END, start);
    const inner = rest.slice(start + 1, end < 0 ? undefined : end);
    parts.push(<Mark text={inner.replaceAll(HIGHLIGHT_START, '')} />);
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return <>{parts.map((p) => (typeof p === 'string' ? p.replaceAll(HIGHLIGHT_END, '') : p))}</>;
}

function Mark({ text }: { text: string }) {
  return <mark>{text}</mark>;
}

function Pagination({
  ctx,
  state,
  pages,
  link,
}: {
  ctx: PageContext;
  state: ListState;
  pages: number;
  link: (s: ListState) => string;
}) {
  const { t } = ctx;
  const page = Math.min(state.page, pages);
  return (
    <nav class="pagination" aria-label={t('policies.pagination.label')}>
      {state.page > 1 ? (
        <a
          class="button secondary"
          rel="prev"
          href={link({ ...state, page: Math.min(state.page - 1, pages) })}
        >
          <span aria-hidden="true">← </span>
          {t('policies.pagination.previous')}
        </a>
      ) : (
        <span />
      )}
      <span class="meta">
        {t('policies.pagination.page', {
          page: ctx.formatNumber(page),
          pages: ctx.formatNumber(pages),
        })}
      </span>
      {state.page < pages ? (
        <a class="button secondary" rel="next" href={link({ ...state, page: state.page + 1 })}>
          {t('policies.pagination.next')}
          <span aria-hidden="true"> →</span>
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
