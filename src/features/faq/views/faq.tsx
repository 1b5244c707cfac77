/**
 * The FAQ page: a search box, a list of topics, and the questions grouped by topic. Answers are
 * Markdown (staff write them so in the editor), rendered and sanitized like every long text.
 */
import { raw } from 'hono/html';
import type { Audience } from '../../../db/enums.ts';
import { renderMarkdown } from '../../../lib/markdown.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { LastUpdated } from '../../../web/last-updated.tsx';
import { Layout } from '../../../web/layout.tsx';

export interface FaqItem {
  slug: string;
  audience: Audience;
  question: string;
  questionLang: string | undefined;
  answer: string;
  answerLang: string | undefined;
  topics: { slug: string; name: string }[];
  policies: { slug: string; title: string }[];
}

export interface FaqGroup {
  /** "" for entries without a topic. */
  slug: string;
  name: string;
  items: FaqItem[];
}

export interface FaqView {
  q: string;
  truncated: boolean;
  total: number;
  count: number;
  groups: FaqGroup[];
  /** The newest change among the page's entries (a search filters them; the FAQ is the same). */
  updatedAt: Date | null;
}

const groupId = (slug: string) => `topic-${slug || 'other'}`;

export function FaqPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: FaqView;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={
        view.q ? `${t('faq.search.title', { q: view.q })} · ${t('faq.title')}` : t('faq.title')
      }
      description={t('faq.description')}
      section="faq"
      baseUrl={baseUrl}
      styles={['faq.css']}
    >
      <h1>{t('faq.title')}</h1>
      <p class="lead">{t('faq.lead')}</p>
      <LastUpdated ctx={ctx} label={t('faq.updated')} at={view.updatedAt} />
      <form class="search-form" method="get" action={ctx.href('/faq')} role="search">
        <div class="field">
          <label for="faq-q">{t('faq.search.label')}</label>
          <span id="faq-q-hint" class="meta">
            {t('faq.search.hint')}
          </span>
          <input
            type="search"
            id="faq-q"
            name="q"
            value={view.q}
            maxlength={200}
            autocomplete="off"
            aria-describedby="faq-q-hint"
          />
        </div>
        <button type="submit">{t('faq.search.submit')}</button>
      </form>
      {view.truncated ? (
        <p class="note" role="status">
          {t('faq.search.truncated')}
        </p>
      ) : null}
      {view.q ? (
        <p role="status">
          <strong>{t('faq.search.count', { count: view.count, q: view.q })}</strong>
          {' · '}
          <a href={ctx.href('/faq')}>{t('faq.search.clear', { total: view.total })}</a>
        </p>
      ) : null}
      {view.q && !view.count ? (
        <div class="note">
          <p>{t('faq.search.none', { q: view.q })}</p>
          <p>
            <a href={`${ctx.href('/policies')}?q=${encodeURIComponent(view.q)}`}>
              {t('faq.search.try_policies', { q: view.q })}
            </a>
          </p>
        </div>
      ) : null}
      {view.groups.length > 1 ? (
        <nav class="toc" aria-labelledby="faq-toc">
          <h2 id="faq-toc">{t('faq.toc')}</h2>
          <ul>
            {view.groups.map((g) => (
              <li>
                <a href={`#${groupId(g.slug)}`}>{g.name}</a>{' '}
                <span class="meta">({ctx.formatNumber(g.items.length)})</span>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {view.groups.map((g) => (
        <section aria-labelledby={groupId(g.slug)} class="faq-group">
          <h2 id={groupId(g.slug)}>{g.name}</h2>
          {g.items.map((item) => (
            <FaqEntry ctx={ctx} item={item} />
          ))}
        </section>
      ))}
      <p class="meta">{t('faq.not_legal_advice')}</p>
    </Layout>
  );
}

function FaqEntry({ ctx, item }: { ctx: PageContext; item: FaqItem }) {
  const { t } = ctx;
  return (
    <article class="card faq-entry" id={item.slug} aria-labelledby={`${item.slug}-q`}>
      <h3 id={`${item.slug}-q`} lang={item.questionLang}>
        {item.question}
      </h3>
      {item.audience !== 'community' ? (
        <p class="meta">
          <span class="badge">{t(`audience.${item.audience}`)}</span>
        </p>
      ) : null}
      <div class="answer" lang={item.answerLang}>
        {item.answerLang ? <p class="meta">{t('translation.missing')}</p> : null}
        {raw(renderMarkdown(item.answer, { firstHeading: 4 }))}
      </div>
      {item.policies.length ? (
        <div class="faq-policies">
          <p>
            <strong>{t('faq.entry.policies')}</strong>
          </p>
          <ul>
            {item.policies.map((p) => (
              <li>
                <a href={ctx.href(`/policies/${p.slug}`)}>{p.title}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="self-link meta">
        <a href={`${ctx.href('/faq')}#${item.slug}`}>
          {t('faq.entry.link')}
          <span class="visually-hidden">: {item.question}</span>
        </a>
      </p>
    </article>
  );
}
