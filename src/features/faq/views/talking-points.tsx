/** Talking points by audience, then by the policy they rest on; filter by audience. */
import { audiences, type Audience } from '../../../db/enums.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { LastUpdated } from '../../../web/last-updated.tsx';
import { Layout } from '../../../web/layout.tsx';

export interface PointGroup {
  audience: Audience;
  policies: {
    /** "" for points tied to no policy. */
    slug: string;
    title: string;
    points: {
      slug: string;
      text: string;
      lang: string | undefined;
      alsoPolicies: { slug: string; title: string }[];
    }[];
  }[];
}

export interface TalkingPointsView {
  audience: Audience | undefined;
  ignored: string | undefined;
  count: number;
  groups: PointGroup[];
  /** The newest change among the points shown. */
  updatedAt: Date | null;
}

export function TalkingPointsPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: TalkingPointsView;
}) {
  const { t } = ctx;
  const title = view.audience
    ? t('faq.points.title_for', { audience: t(`audience.${view.audience}`) })
    : t('faq.points.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t('faq.points.description')}
      section="talking-points"
      baseUrl={baseUrl}
      styles={['faq.css']}
    >
      <h1>{title}</h1>
      <p class="lead">{t('faq.points.lead')}</p>
      <LastUpdated ctx={ctx} label={t('faq.points.updated')} at={view.updatedAt} />
      {view.ignored ? (
        <p class="note" role="status">
          {t('faq.points.ignored', { value: view.ignored })}
        </p>
      ) : null}
      <form class="search-form" method="get" action={ctx.href('/talking-points')}>
        <div class="field">
          <label for="tp-audience">{t('faq.points.filter.label')}</label>
          <select id="tp-audience" name="audience">
            <option value="">{t('faq.points.filter.all')}</option>
            {audiences.map((a) => (
              <option value={a} selected={a === view.audience}>
                {t(`audience.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('faq.points.filter.submit')}</button>
      </form>
      <p role="status">
        <strong>{t('faq.points.count', { count: view.count })}</strong>
        {view.audience ? (
          <>
            {' · '}
            <a href={ctx.href('/talking-points')}>{t('faq.points.filter.clear')}</a>
          </>
        ) : null}
      </p>
      {view.groups.length > 1 ? (
        <nav class="toc" aria-labelledby="tp-toc">
          <h2 id="tp-toc">{t('faq.points.toc')}</h2>
          <ul>
            {view.groups.map((g) => (
              <li>
                <a href={`#audience-${g.audience}`}>{t(`audience.${g.audience}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {view.groups.map((g) => (
        <section aria-labelledby={`audience-${g.audience}`} class="tp-audience">
          <h2 id={`audience-${g.audience}`}>
            {t(`faq.points.for`, { audience: t(`audience.${g.audience}`) })}
          </h2>
          {g.policies.map((p) => (
            <div class="card tp-policy">
              <h3>
                {p.slug ? (
                  <a href={ctx.href(`/policies/${p.slug}`)}>{p.title}</a>
                ) : (
                  t('faq.points.general')
                )}
              </h3>
              <ul class="points">
                {p.points.map((point) => (
                  <li id={point.slug}>
                    <p lang={point.lang}>{point.text}</p>
                    {point.alsoPolicies.length ? (
                      <p class="meta">
                        {t('faq.points.also')}{' '}
                        {point.alsoPolicies.map((o, i) => (
                          <>
                            {i ? ', ' : ''}
                            <a href={ctx.href(`/policies/${o.slug}`)}>{o.title}</a>
                          </>
                        ))}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}
