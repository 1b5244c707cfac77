/**
 * `/{lang}/admin/content`: every item with its state, filtered by kind, state, assessment and
 * words, a page at a time (page numbers in the URL, so it works without JavaScript), each
 * linking to its edit page; "new" links for those who may create.
 */
import { CONTENT_KINDS } from '../../../db/schema.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { AdminPage } from '../../admin/components.tsx';
import {
  ASSESSMENTS,
  LIST_STATES,
  type Assessment,
  type ItemList,
  type ItemSummary,
  type ListState,
} from '../service.ts';

export interface ListQuery {
  kind?: (typeof CONTENT_KINDS)[number];
  state?: ListState;
  assessment?: Assessment;
  q: string;
  page: number;
  /** The page asked for was not a page number. */
  badPage?: boolean;
}

/** The states an item is in, as catalog keys: its working copy's state and/or published/deleted. */
export function stateKeys(item: ItemSummary & { notAssessed?: boolean }): string[] {
  if (item.deleted) return ['editorial.state.deleted'];
  const keys: string[] = item.notAssessed ? ['editorial.state.not_assessed'] : [];
  if (item.workflow) keys.push(`editorial.state.${item.workflow}`);
  if (item.live) keys.push('editorial.state.published');
  if (item.needsTranslation) keys.push('editorial.state.needs_translation');
  return keys;
}

export function ContentListPage({
  ctx,
  baseUrl,
  query,
  list: { items, total, page, pages },
  canCreate,
}: {
  ctx: PageContext;
  baseUrl: string;
  query: ListQuery;
  list: ItemList;
  canCreate: boolean;
}) {
  const { t } = ctx;
  const other = ctx.locale === 'es' ? 'en' : 'es';
  const date = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeZone: 'America/Denver',
  });
  const filters: [name: 'kind' | 'state' | 'assessment', any: string, [string, string][]][] = [
    [
      'kind',
      t('editorial.list.all_kinds'),
      CONTENT_KINDS.map((k) => [k, t(`editorial.kind.${k}`)]),
    ],
    [
      'state',
      t('editorial.list.all_states'),
      LIST_STATES.map((s) => [s, t(`editorial.state.${s}`)]),
    ],
    [
      'assessment',
      t('editorial.list.any_assessment'),
      ASSESSMENTS.map((a) => [a, t(`editorial.list.assessment_${a}`)]),
    ],
  ];
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (query.kind) params.set('kind', query.kind);
    if (query.state) params.set('state', query.state);
    if (query.assessment) params.set('assessment', query.assessment);
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
        {filters.map(([name, any, options]) => (
          <Choice
            name={name}
            label={t(`editorial.list.${name}`)}
            any={any}
            options={options}
            selected={query[name]}
          />
        ))}
        <button type="submit">{t('editorial.list.apply')}</button>
      </form>
      {query.badPage || page !== query.page ? (
        <p class="note" role="status">
          {t('editorial.list.page_ignored', { page, pages })}
        </p>
      ) : null}
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
          {page > 1 ? (
            <a class="button secondary" href={pageHref(page - 1)} rel="prev">
              {t('editorial.list.previous')}
            </a>
          ) : null}
          <span>{t('editorial.list.page', { page, pages })}</span>
          {page < pages ? (
            <a class="button secondary" href={pageHref(page + 1)} rel="next">
              {t('editorial.list.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminPage>
  );
}

/** A filter's select: "any" first, then each value with its label. */
function Choice(props: {
  name: string;
  label: string;
  any: string;
  options: [value: string, label: string][];
  selected: string | undefined;
}) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.selected === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
