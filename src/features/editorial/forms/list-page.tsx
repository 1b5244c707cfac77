/**
 * `/{lang}/admin/content`: every item with its state, filtered by kind and state, searchable and
 * paginated, each linking to its edit page; "new" links for those who may create.
 */
import { CONTENT_KINDS } from '../../../db/schema.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { AdminPage } from '../../admin/components.tsx';
import type { ItemSummary } from '../service.ts';

export const LIST_STATES = ['draft', 'in_review', 'scheduled', 'published', 'deleted'] as const;
export type ListState = (typeof LIST_STATES)[number];

export interface ListQuery {
  kind?: (typeof CONTENT_KINDS)[number];
  state?: ListState;
  q: string;
  page: number;
}

/** The states an item is in, as catalog keys: its working copy's state and/or published/deleted. */
export function stateKeys(item: ItemSummary): string[] {
  if (item.deleted) return ['editorial.state.deleted'];
  const keys: string[] = [];
  if (item.workflow) keys.push(`editorial.state.${item.workflow}`);
  if (item.live) keys.push('editorial.state.published');
  if (item.needsTranslation) keys.push('editorial.state.needs_translation');
  return keys;
}

export function ContentListPage({
  ctx,
  baseUrl,
  query,
  items,
  total,
  pageSize,
  canCreate,
}: {
  ctx: PageContext;
  baseUrl: string;
  query: ListQuery;
  items: ItemSummary[];
  total: number;
  pageSize: number;
  canCreate: boolean;
}) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const other = ctx.locale === 'es' ? 'en' : 'es';
  const date = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeZone: 'America/Denver',
  });
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (query.kind) params.set('kind', query.kind);
    if (query.state) params.set('state', query.state);
    if (query.q) params.set('q', query.q);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return `${ctx.href('/admin/content')}${search ? `?${search}` : ''}`;
  };
  return (
    <AdminPage ctx={ctx} title={t('editorial.list.title')} baseUrl={baseUrl}>
      <h1>{t('editorial.list.title')}</h1>
      <p class="lead">{t('editorial.list.lead')}</p>
      {canCreate ? (
        <nav aria-label={t('editorial.list.new')}>
          <ul class="admin-links">
            {CONTENT_KINDS.map((kind) => (
              <li>
                <a class="button secondary" href={ctx.href(`/admin/content/${kind}/new`)}>
                  {t('editorial.list.new_kind', { kind: t(`editorial.kind.${kind}`) })}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={ctx.href('/admin/translations')}>{t('editorial.list.translations')}</a>
      </p>
      <form method="get" action={ctx.href('/admin/content')} class="filter-form" role="search">
        <div class="field">
          <label for="q">{t('editorial.list.search')}</label>
          <input id="q" name="q" type="search" value={query.q} />
        </div>
        <div class="field">
          <label for="kind">{t('editorial.list.kind')}</label>
          <select id="kind" name="kind">
            <option value="">{t('editorial.list.all_kinds')}</option>
            {CONTENT_KINDS.map((k) => (
              <option value={k} selected={query.kind === k}>
                {t(`editorial.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="state">{t('editorial.list.state')}</label>
          <select id="state" name="state">
            <option value="">{t('editorial.list.all_states')}</option>
            {LIST_STATES.map((s) => (
              <option value={s} selected={query.state === s}>
                {t(`editorial.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('editorial.list.apply')}</button>
      </form>
      {items.length === 0 ? (
        <p role="status">{t('editorial.list.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('editorial.list.caption', { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editorial.list.item')}</th>
                <th scope="col">{t('editorial.list.kind')}</th>
                <th scope="col">{t('editorial.list.state')}</th>
                <th scope="col">{t('editorial.list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const mine = item.title[ctx.locale];
                const title = mine || item.title[other] || item.slug;
                return (
                  <tr>
                    <th scope="row">
                      <a
                        href={ctx.href(`/admin/content/${item.kind}/${item.slug}`)}
                        lang={mine ? undefined : other}
                      >
                        {title}
                      </a>
                      <br />
                      <span class="meta mono">{item.slug}</span>
                    </th>
                    <td>{t(`editorial.kind.${item.kind}`)}</td>
                    <td>
                      {stateKeys(item).map((key) => (
                        <span class="badge">{t(key)}</span>
                      ))}
                    </td>
                    <td class="date">{date.format(item.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t('editorial.list.pages')} class="actions">
          {query.page > 1 ? (
            <a class="button secondary" href={pageHref(query.page - 1)} rel="prev">
              {t('editorial.list.previous')}
            </a>
          ) : null}
          <span>{t('editorial.list.page', { page: query.page, pages })}</span>
          {query.page < pages ? (
            <a class="button secondary" href={pageHref(query.page + 1)} rel="next">
              {t('editorial.list.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminPage>
  );
}
