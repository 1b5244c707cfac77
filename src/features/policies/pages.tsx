/**
 * `GET /{lang}/policies` (search with facets) and `GET /{lang}/policies/:slug` (one policy).
 * Same search engine and loaders as the API; presenters decide what the views get.
 */
import { asc } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Tx } from '../../db/client.ts';
import { jurisdictions, topics } from '../../db/schema.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import { notFound } from '../../lib/errors.ts';
import { isSlug } from '../../lib/slug.ts';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import { DEFAULT_PAGE_SIZE, parseListState, toFilters } from './facets.ts';
import { presentPolicyDetail } from './presenter.ts';
import { loadPolicyDetailBySlug, trackedStance } from './queries.ts';
import { countPolicyFacets, highlightPolicies, searchPolicySummaries } from './search.ts';
import { PolicyDetailPage } from './views/detail.tsx';
import { PolicyListPage, type ResultCard } from './views/list.tsx';

export function policyPages({ db, config }: Services, app: Hono<AppEnv>) {
  app.get('/policies', async (c) => {
    const ctx = c.get('page');
    const locale = ctx.locale;
    const [places, topicRows] = await Promise.all([loadPlaces(db, locale), loadTopics(db, locale)]);
    const { state, ignored } = parseListState(new URL(c.req.url).searchParams, {
      jurisdictions: new Set(places.map((p) => p.ocdId)),
      topics: new Set(topicRows.map((t) => t.slug)),
    });
    const pageSize = state.limit ?? DEFAULT_PAGE_SIZE;
    const filters = toFilters(state);
    // The page's summaries come with the search itself, in one statement (decision 003).
    const found = await searchPolicySummaries(db, filters, {
      limit: pageSize,
      offset: (state.page - 1) * pageSize,
    });
    const rows = found.rows;
    const ids = rows.map((r) => r.policy.id);
    const effectiveQ = found.didYouMean ?? state.q;
    const [highlights, facets] = await Promise.all([
      highlightPolicies(db, ids, effectiveQ, locale),
      countPolicyFacets(db, { ...filters, q: effectiveQ || undefined }),
    ]);
    const other = locale === 'es' ? 'en' : 'es';
    const results: ResultCard[] = rows.map(({ policy: p, jurisdiction, identifiers }) => {
      const title = pickText(locale, p.titleEs, p.titleEn, p.titleEsState, p.titleEnState);
      const summary = pickText(
        locale,
        p.summaryEs,
        p.summaryEn,
        p.summaryEsState,
        p.summaryEnState,
      );
      const id = identifiers.find((i) => i.primary) ?? identifiers[0];
      return {
        slug: p.slug,
        title: title.text,
        titleVerification: p.titleVerification,
        titleLang: title.state === 'missing' ? other : undefined,
        summary: summary.text,
        summaryLang: summary.state === 'missing' ? other : undefined,
        highlight: highlights.get(p.id),
        status: p.status,
        stance: trackedStance(p),
        classification: p.classification,
        jurisdictionName: pickName(locale, jurisdiction),
        identifier: id ? { value: id.value, verification: id.verification } : null,
        adopted: p.adoptedOn ? { date: p.adoptedOn, verification: p.adoptedVerification } : null,
      };
    });
    return c.html(
      <PolicyListPage
        ctx={ctx}
        baseUrl={config.baseUrl}
        view={{
          state,
          ignored,
          total: found.total,
          pageSize,
          results,
          didYouMean: found.didYouMean,
          facets,
          jurisdictions: places,
          topics: topicRows,
        }}
      />,
    );
  });

  app.get('/policies/:slug', async (c) =>
    c.html(await renderPolicyPage(db, c.get('page'), config.baseUrl, c.req.param('slug'))),
  );
}

/**
 * One policy's public page from the given database or transaction: the route uses it, and the
 * staff preview calls it inside the transaction that applies a draft (and is rolled back).
 */
export async function renderPolicyPage(db: Tx, ctx: PageContext, baseUrl: string, slug: string) {
  const detail =
    slug.length <= 200 && isSlug(slug) ? await loadPolicyDetailBySlug(db, slug) : undefined;
  if (!detail) throw notFound('policy', { what: 'policy', slug });
  const policy = presentPolicyDetail(detail, ctx.locale);
  const faqStates = new Map(
    detail.faq.map((f) => [
      f.slug,
      pickText(ctx.locale, f.questionEs, f.questionEn, f.questionEsState, f.questionEnState).state,
    ]),
  );
  return (
    <PolicyDetailPage
      ctx={ctx}
      baseUrl={baseUrl}
      view={{
        policy,
        url: `${baseUrl}${ctx.href(`/policies/${policy.slug}`)}`,
        updatedOn: detail.policy.updatedAt.toISOString().slice(0, 10),
        jurisdictionSlug: detail.jurisdiction.slug,
        faqStates,
      }}
    />
  );
}

/** Every jurisdiction, parents before children, with its depth for indentation. */
async function loadPlaces(db: Tx, locale: 'es' | 'en') {
  const rows = await db.select().from(jurisdictions).orderBy(asc(jurisdictions.ocdId));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const key = r.parentId && rows.some((x) => x.id === r.parentId) ? r.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  const out: { ocdId: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of byParent.get(parent) ?? []) {
      out.push({ ocdId: r.ocdId, name: pickName(locale, r), depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

async function loadTopics(db: Tx, locale: 'es' | 'en') {
  const rows = await db.select().from(topics).orderBy(asc(topics.position), asc(topics.slug));
  return rows.map((r) => ({ slug: r.slug, name: pickName(locale, r) }));
}
