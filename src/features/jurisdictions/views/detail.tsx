/** One jurisdiction's page. */
import type { RubricCategory } from '../../../db/enums.ts';
import { AdoptedOn, StanceBadge, StatusBadge, VerificationMark } from '../../../web/components.tsx';
import type { PageContext } from '../../../web/i18n.ts';
import { LastUpdated, latestUpdate } from '../../../web/last-updated.tsx';
import { Layout } from '../../../web/layout.tsx';
import { protectsHere, type PlacePolicy, type RubricPolicy } from '../queries.ts';
import type { Place } from '../tree.ts';

export interface JurisdictionView {
  place: Place;
  /** From the outermost down to the parent. */
  ancestors: Place[];
  children: Place[];
  /** The place and every jurisdiction inside it, in tree order. */
  inside: Place[];
  placeById: Map<string, Place>;
  bodies: { slug: string; name: string; classification: string; seats: number | null }[];
  policies: PlacePolicy[];
  rubric: { category: RubricCategory; policies: RubricPolicy[] }[];
  /** Its stored boundary and the districts around it, when one is loaded. */
  map: { src: string; width: number; height: number; representatives: string } | null;
}

export function JurisdictionPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: JurisdictionView;
}) {
  const { t } = ctx;
  const { place } = view;
  const parent = view.ancestors.at(-1);
  const covered = view.rubric.filter((r) => r.policies.some(protectsHere)).length;
  return (
    <Layout
      ctx={ctx}
      title={place.name}
      description={t('jurisdictions.detail.description', { place: place.name })}
      section="jurisdictions"
      baseUrl={baseUrl}
      styles={['jurisdictions.css']}
    >
      <nav class="crumbs" aria-label={t('jurisdictions.crumbs')}>
        <ol>
          <li>
            <a href={ctx.href('/jurisdictions')}>{t('jurisdictions.index.title')}</a>
          </li>
          {view.ancestors.map((a) => (
            <li>
              <a href={ctx.href(`/jurisdictions/${a.slug}`)}>{a.name}</a>
            </li>
          ))}
          <li>
            <span aria-current="page">{place.name}</span>
          </li>
        </ol>
      </nav>
      <h1>{place.name}</h1>
      <p class="meta place-facts">
        <span class="badge">{t(`kind.${place.kind}`)}</span>{' '}
        {parent ? (
          <>
            {t('jurisdictions.detail.part_of')}{' '}
            <a href={ctx.href(`/jurisdictions/${parent.slug}`)}>{parent.name}</a>
          </>
        ) : null}
      </p>
      <p class="lead">
        {t('jurisdictions.detail.lead', {
          count: view.policies.length,
          covered,
          categories: view.rubric.length,
        })}
      </p>
      <LastUpdated
        ctx={ctx}
        label={t('jurisdictions.detail.updated')}
        at={latestUpdate(view.policies)}
      />
      {view.children.length ? (
        <p>
          <strong>{t('jurisdictions.detail.children')}</strong>{' '}
          {view.children.map((child, i) => (
            <>
              {i ? ', ' : ''}
              <a href={ctx.href(`/jurisdictions/${child.slug}`)}>{child.name}</a>
            </>
          ))}
        </p>
      ) : null}

      {view.map ? (
        <figure class="place-map">
          <img
            src={view.map.src}
            width={view.map.width}
            height={view.map.height}
            alt={t('jurisdictions.map.alt', { place: place.name })}
          />
          <figcaption>
            <a href={view.map.representatives}>
              {t('jurisdictions.map.representatives', { place: place.name })}
            </a>
          </figcaption>
        </figure>
      ) : null}

      <section aria-labelledby="rubric-heading">
        <h2 id="rubric-heading">{t('jurisdictions.rubric.title')}</h2>
        <p>
          {view.ancestors.length
            ? t('jurisdictions.rubric.lead_with_above', {
                above: view.ancestors.map((a) => a.name).join(', '),
              })
            : t('jurisdictions.rubric.lead')}
        </p>
        <Rubric ctx={ctx} view={view} />
      </section>

      <section aria-labelledby="policies-heading">
        <h2 id="policies-heading">{t('jurisdictions.policies.title')}</h2>
        {view.inside.length > 1 ? <p>{t('jurisdictions.policies.lead_inside')}</p> : null}
        {view.policies.length ? (
          view.inside.map((p) => <PolicyGroup ctx={ctx} view={view} group={p} />)
        ) : (
          <p>{t('jurisdictions.policies.none')}</p>
        )}
        <p>
          <a href={`${ctx.href('/policies')}?jurisdiction=${encodeURIComponent(place.ocdId)}`}>
            {t('jurisdictions.policies.search')}
          </a>
          {' · '}
          <a href={`${ctx.href('/timeline')}?jurisdiction=${encodeURIComponent(place.slug)}`}>
            {t('jurisdictions.policies.timeline')}
          </a>
        </p>
      </section>

      {view.bodies.length ? (
        <section aria-labelledby="bodies-heading">
          <h2 id="bodies-heading">{t('jurisdictions.bodies.title')}</h2>
          <ul>
            {view.bodies.map((b) => (
              <li>
                {b.name}{' '}
                <span class="meta">
                  {t(`jurisdictions.body.${b.classification}`)}
                  {b.seats ? ` · ${t('jurisdictions.bodies.seats', { count: b.seats })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

function Rubric({ ctx, view }: { ctx: PageContext; view: JurisdictionView }) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="rubric">
        <caption>{t('jurisdictions.rubric.caption', { place: view.place.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('jurisdictions.rubric.col_category')}</th>
            <th scope="col">{t('jurisdictions.rubric.col_protection')}</th>
          </tr>
        </thead>
        <tbody>
          {view.rubric.map(({ category, policies }) => {
            const state = policies.some(protectsHere)
              ? 'yes'
              : policies.some((p) => p.stance === 'protects')
                ? 'partial'
                : 'no';
            return (
              <tr class={`rubric-${state}`}>
                <th scope="row">{t(`rubric.${category}`)}</th>
                <td>
                  <span
                    class={`badge ${state === 'yes' ? 'ok' : state === 'partial' ? 'warn' : 'missing'}`}
                  >
                    <span aria-hidden="true">
                      {state === 'yes' ? '✓ ' : state === 'no' ? '– ' : '~ '}
                    </span>
                    {t(`jurisdictions.rubric.state_${state}`)}
                  </span>
                  {policies.length ? (
                    <ul class="rubric-policies">
                      {policies.map((p) => (
                        <li>
                          <a href={ctx.href(`/policies/${p.slug}`)}>{p.title}</a>{' '}
                          <span class="meta">
                            ({view.placeById.get(p.jurisdictionId)?.name ?? ''})
                          </span>
                          {p.status !== 'in_force' ? (
                            <>
                              {' '}
                              <StatusBadge ctx={ctx} status={p.status} />
                            </>
                          ) : null}
                          {p.stance !== 'protects' ? (
                            <>
                              {' '}
                              <StanceBadge ctx={ctx} stance={p.stance} />
                            </>
                          ) : null}
                          {p.verification === 'unverified' ? (
                            <>
                              {' '}
                              <VerificationMark ctx={ctx} state="unverified" />
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PolicyGroup({
  ctx,
  view,
  group,
}: {
  ctx: PageContext;
  view: JurisdictionView;
  group: Place;
}) {
  const { t } = ctx;
  const items = view.policies.filter((p) => p.jurisdictionId === group.id);
  if (!items.length) return null;
  const own = group.id === view.place.id;
  return (
    <>
      {view.inside.length > 1 ? (
        <h3>
          {own ? (
            t('jurisdictions.policies.own', { place: group.name })
          ) : (
            <>
              {t('jurisdictions.policies.applies_in')}{' '}
              <a href={ctx.href(`/jurisdictions/${group.slug}`)}>{group.name}</a>
            </>
          )}
        </h3>
      ) : null}
      <ul class="list-plain place-policies">
        {items.map((p) => (
          <li class="card">
            <a class="policy-link" href={ctx.href(`/policies/${p.slug}`)}>
              {p.title}
            </a>
            <p class="meta">
              {[p.identifier, t(`classification.${p.classification}`), group.name]
                .filter(Boolean)
                .join(' · ')}
              <AdoptedOn ctx={ctx} adopted={p.adopted} />
            </p>
            <p class="badges">
              <StatusBadge ctx={ctx} status={p.status} />{' '}
              <StanceBadge ctx={ctx} stance={p.stance} />
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
