/**
 * `GET /{lang}/timeline`: every action on every policy, newest first, grouped by year; an optional
 * `?jurisdiction=<slug>` keeps that jurisdiction and the ones inside it. An unknown value is
 * named in a note and ignored.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { loadPlaces, withDescendants, type Place } from '../jurisdictions/tree.ts';
import { listActions, type ActionEntry } from './queries.ts';
import { ActionItem } from './views.tsx';

export function timelinePages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/timeline', async (c) => {
    const ctx = c.get('page');
    const places = await loadPlaces(db, ctx.locale);
    const asked = (c.req.query('jurisdiction') ?? '').trim();
    const selected = asked ? places.find((p) => p.slug === asked) : undefined;
    const ignored = asked && !selected ? asked.slice(0, 80) : undefined;
    const actions = await listActions(db, ctx.locale, {
      jurisdictionIds: selected ? withDescendants(places, selected).map((p) => p.id) : undefined,
    });
    return c.html(
      <TimelinePage
        ctx={ctx}
        baseUrl={config.baseUrl}
        places={places}
        selected={selected}
        ignored={ignored}
        actions={actions}
      />,
    );
  });
}

function TimelinePage({
  ctx,
  baseUrl,
  places,
  selected,
  ignored,
  actions,
}: {
  ctx: PageContext;
  baseUrl: string;
  places: Place[];
  selected: Place | undefined;
  ignored: string | undefined;
  actions: ActionEntry[];
}) {
  const { t } = ctx;
  const years = new Map<string, ActionEntry[]>();
  for (const a of actions) {
    const year = a.date.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), a]);
  }
  const title = selected ? t('timeline.title_for', { place: selected.name }) : t('timeline.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t('timeline.description')}
      section="timeline"
      baseUrl={baseUrl}
      styles={['timeline.css']}
    >
      <h1>{title}</h1>
      <p class="lead">{t('timeline.lead')}</p>
      {ignored ? (
        <p class="note" role="status">
          {t('timeline.ignored', { value: ignored })}
        </p>
      ) : null}
      <form class="search-form timeline-filter" method="get" action={ctx.href('/timeline')}>
        <div class="field">
          <label for="timeline-jurisdiction">{t('timeline.filter.label')}</label>
          <select id="timeline-jurisdiction" name="jurisdiction">
            <option value="">{t('timeline.filter.all')}</option>
            {places.map((p) => (
              <option value={p.slug} selected={p.id === selected?.id}>
                {`${'\u00a0\u00a0'.repeat(p.depth)}${p.name}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('timeline.filter.submit')}</button>
      </form>
      <p role="status">
        <strong>{t('timeline.count', { count: actions.length })}</strong>
        {selected ? (
          <>
            {' · '}
            <a href={ctx.href('/timeline')}>{t('timeline.filter.clear')}</a>
          </>
        ) : null}
      </p>
      {actions.length === 0 ? <p>{t('timeline.empty')}</p> : null}
      {years.size > 1 ? (
        <nav class="year-nav" aria-label={t('timeline.years')}>
          <ul class="list-plain">
            {[...years.keys()].map((year) => (
              <li>
                <a href={`#y${year}`}>{year}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {[...years].map(([year, items]) => (
        <section aria-labelledby={`y${year}`}>
          <h2 id={`y${year}`} class="year">
            {year}
          </h2>
          <ol class="timeline">
            {items.map((a) => (
              <ActionItem ctx={ctx} action={a} />
            ))}
          </ol>
        </section>
      ))}
    </Layout>
  );
}
