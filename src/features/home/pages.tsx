/**
 * `GET /{lang}`: what Igualdad is, a search box, jurisdictions and topics to browse, recent wins,
 * the latest actions, and the way to the FAQ and talking points.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { PolicyCard, type PolicyCardData } from '../../web/components.tsx';
import type { PageContext } from '../../web/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { loadPlaces, type Place } from '../jurisdictions/tree.ts';
import { PlaceTree } from '../jurisdictions/views/tree.tsx';
import { listActions, type ActionEntry } from '../timeline/queries.ts';
import { ActionItem } from '../timeline/views.tsx';
import { toPolicyCard } from './cards.ts';
import { listTopicsWithCounts, listWins } from './queries.ts';

const RECENT_ACTIONS = 5;
const WINS = 4;

interface HomeView {
  places: Place[];
  topics: { slug: string; name: string; count: number }[];
  wins: PolicyCardData[];
  actions: ActionEntry[];
}

export function homePages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/', async (c) => {
    const ctx = c.get('page');
    const [places, topics, wins, actions] = await Promise.all([
      loadPlaces(db, ctx.locale),
      listTopicsWithCounts(db, ctx.locale),
      listWins(db, WINS),
      listActions(db, ctx.locale, { limit: RECENT_ACTIONS }),
    ]);
    const view: HomeView = {
      places,
      topics,
      wins: wins.map((w) => toPolicyCard(w, ctx.locale)),
      actions,
    };
    return c.html(<HomePage ctx={ctx} baseUrl={config.baseUrl} view={view} />);
  });
}

function HomePage({ ctx, baseUrl, view }: { ctx: PageContext; baseUrl: string; view: HomeView }) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={`${t('site.name')}: ${t('home.title')}`}
      description={t('site.tagline')}
      section="home"
      baseUrl={baseUrl}
      styles={['home.css', 'jurisdictions.css', 'timeline.css']}
    >
      <div class="hero">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.intro')}</p>
        <form class="search-form" method="get" action={ctx.href('/policies')} role="search">
          <div class="field">
            <label for="home-q">{t('home.search.label')}</label>
            <span id="home-q-hint" class="meta">
              {t('home.search.hint')}
            </span>
            <input
              type="search"
              id="home-q"
              name="q"
              maxlength={200}
              autocomplete="off"
              aria-describedby="home-q-hint"
            />
          </div>
          <button type="submit">{t('home.search.submit')}</button>
        </form>
      </div>

      <div class="home-browse">
        <section aria-labelledby="home-places">
          <h2 id="home-places">{t('home.places.title')}</h2>
          <PlaceTree ctx={ctx} places={view.places} />
          <p>
            <a href={ctx.href('/jurisdictions')}>{t('home.places.all')}</a>
          </p>
          <p>
            <a href={ctx.href('/representatives')}>{t('officials.index.find_yours')}</a>
          </p>
        </section>
        <section aria-labelledby="home-topics">
          <h2 id="home-topics">{t('home.topics.title')}</h2>
          <ul class="list-plain topic-list">
            {view.topics.map((topic) => (
              <li>
                <a href={`${ctx.href('/policies')}?topic=${encodeURIComponent(topic.slug)}`}>
                  {topic.name}
                  <span class="count"> {t('home.topics.count', { count: topic.count })}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="home-wins">
        <h2 id="home-wins">{t('home.wins.title')}</h2>
        <p>{t('home.wins.lead')}</p>
        <div class="grid">
          {view.wins.map((policy) => (
            <PolicyCard ctx={ctx} policy={policy} />
          ))}
        </div>
        <p>
          <a href={`${ctx.href('/policies')}?status=in_force&stance=protects`}>
            {t('home.wins.all')}
          </a>
        </p>
      </section>

      <div class="home-browse">
        <section aria-labelledby="home-recent">
          <h2 id="home-recent">{t('home.recent.title')}</h2>
          <ol class="timeline">
            {view.actions.map((a) => (
              <ActionItem ctx={ctx} action={a} />
            ))}
          </ol>
          <p>
            <a href={ctx.href('/timeline')}>{t('home.recent.all')}</a>
          </p>
        </section>
        <section aria-labelledby="home-help">
          <h2 id="home-help">{t('home.help.title')}</h2>
          <div class="card">
            <h3>
              <a href={ctx.href('/faq')}>{t('nav.faq')}</a>
            </h3>
            <p>{t('home.help.faq')}</p>
          </div>
          <div class="card">
            <h3>
              <a href={ctx.href('/talking-points')}>{t('nav.talking_points')}</a>
            </h3>
            <p>{t('home.help.talking_points')}</p>
          </div>
          <div class="card">
            <h3>
              <a href={ctx.href('/about')}>{t('home.help.about_title')}</a>
            </h3>
            <p>{t('home.help.about')}</p>
          </div>
        </section>
      </div>
    </Layout>
  );
}
