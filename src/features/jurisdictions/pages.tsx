/**
 * `GET /{lang}/jurisdictions` (every jurisdiction as a tree) and `GET /{lang}/jurisdictions/:slug`
 * (one jurisdiction: where it sits, its bodies, a rubric of the protections that apply there, and
 * the policies of the jurisdiction and of those inside it).
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { rubricCategories } from '../../db/enums.ts';
import { notFound } from '../../lib/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { districtMap, type DistrictMap } from '../officials/map.ts';
import { listBodies, listPlacePolicies, loadRubric, protectsHere } from './queries.ts';
import { ancestorsOf, loadPlaces, withDescendants } from './tree.ts';
import { JurisdictionPage, type JurisdictionView } from './views/detail.tsx';
import { PlaceTree } from './views/tree.tsx';

export function jurisdictionPages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/jurisdictions', async (c) => {
    const ctx = c.get('page');
    const places = await loadPlaces(db, ctx.locale);
    const rubrics = await Promise.all(
      places.map((p) =>
        loadRubric(
          db,
          [...ancestorsOf(places, p), p].map((x) => x.id),
          ctx.locale,
        ),
      ),
    );
    const covered = new Map(
      places.map((p, i) => [
        p.id,
        [...rubrics[i]!.values()].filter((list) => list.some(protectsHere)).length,
      ]),
    );
    return c.html(
      <IndexPage
        ctx={ctx}
        baseUrl={config.baseUrl}
        places={places}
        coverage={{ covered, of: rubricCategories.length }}
      />,
    );
  });

  const currentMap = districtMap(db, config);
  app.get('/jurisdictions/:slug', async (c) =>
    c.html(
      await renderJurisdictionPage(db, c.get('page'), config.baseUrl, c.req.param('slug'), {
        map: currentMap,
      }),
    ),
  );
}

/**
 * One jurisdiction's page from the given database or transaction (the route, and the staff
 * preview inside the transaction that applies a draft and is rolled back).
 */
export async function renderJurisdictionPage(
  db: Tx,
  ctx: PageContext,
  baseUrl: string,
  slug: string,
  options: { map?: (focus: string) => Promise<DistrictMap | null> } = {},
) {
  const places = await loadPlaces(db, ctx.locale);
  const place = places.find((p) => p.slug === slug);
  if (!place) throw notFound('jurisdiction', { what: 'jurisdiction', slug: slug.slice(0, 100) });
  const ancestors = ancestorsOf(places, place);
  const inside = withDescendants(places, place);
  const [bodies, policies, rubric, map] = await Promise.all([
    listBodies(db, place.id, ctx.locale),
    listPlacePolicies(
      db,
      inside.map((p) => p.id),
      ctx.locale,
    ),
    loadRubric(
      db,
      [...ancestors, place].map((p) => p.id),
      ctx.locale,
    ),
    options.map?.(place.ocdId) ?? null,
  ]);
  const view: JurisdictionView = {
    place,
    ancestors,
    children: places.filter((p) => p.parentId === place.id),
    inside,
    placeById: new Map(places.map((p) => [p.id, p])),
    bodies,
    policies,
    rubric: rubricCategories.map((category) => ({
      category,
      policies: rubric.get(category) ?? [],
    })),
    map: map && {
      src: `${ctx.href('/representatives/map.svg')}?v=${map.version}&focus=${encodeURIComponent(place.ocdId)}`,
      width: map.width,
      height: map.height,
      representatives: `${ctx.href('/representatives')}?focus=${encodeURIComponent(place.ocdId)}`,
    },
  };
  return <JurisdictionPage ctx={ctx} baseUrl={baseUrl} view={view} />;
}

function IndexPage({
  ctx,
  baseUrl,
  places,
  coverage,
}: {
  ctx: PageContext;
  baseUrl: string;
  places: Awaited<ReturnType<typeof loadPlaces>>;
  coverage: { covered: Map<string, number>; of: number };
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('jurisdictions.index.title')}
      description={t('jurisdictions.index.lead')}
      section="jurisdictions"
      baseUrl={baseUrl}
      styles={['jurisdictions.css']}
    >
      <h1>{t('jurisdictions.index.title')}</h1>
      <p class="lead">{t('jurisdictions.index.lead')}</p>
      <PlaceTree ctx={ctx} places={places} coverage={coverage} />
      <p>{t('jurisdictions.index.rubric_hint')}</p>
    </Layout>
  );
}
