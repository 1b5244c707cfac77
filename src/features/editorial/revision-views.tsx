/**
 * Views of the revision pages: the history table, a readable diff (changes marked with <ins> and
 * <del>, which say what changed without colour) and the translator queue.
 */
import type { Child } from 'hono/jsx';
import { catalogs } from '../../i18n/catalog.ts';
import type { PageContext } from '../../web/i18n.ts';
import { AdminPage, CsrfField, ErrorSummary } from '../admin/components.tsx';
import type { AdminContext } from '../admin/env.ts';
import type { DiffEntry } from './diff.ts';
import type { QueueEntry } from './queue.ts';
import type { ContentKind, ItemState, RevisionInfo } from './service.ts';

const itemPath = (kind: ContentKind, slug: string) => `/admin/content/${kind}/${slug}`;

function titleIn(ctx: PageContext, title: { es: string; en: string }, slug: string) {
  return title[ctx.locale] || title[ctx.locale === 'es' ? 'en' : 'es'] || slug;
}

function kindLabel(ctx: PageContext, kind: ContentKind) {
  const key = `editorial.kind.${kind}`;
  return catalogs[ctx.locale][key] === undefined ? kind : ctx.t(key);
}

function timeFormat(ctx: PageContext) {
  const format = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return (date: Date) => `${format.format(date)} UTC`;
}

/**
 * "Provisions 3 › English" for "provisions[2].en": each level's label from the edit form's
 * catalog when it has one, else from ours (languages, states), else the field's own name.
 */
export function fieldLabel(ctx: PageContext, path: string): string {
  const parts: string[] = [];
  const names: string[] = [];
  for (const token of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (token.startsWith('[')) {
      parts[parts.length - 1] += ` ${Number(token.slice(1, -1)) + 1}`;
      continue;
    }
    names.push(token);
    const known = [`editorial.field.${names.join('.')}`, `revisions.part.${token}`].find(
      (key) => catalogs[ctx.locale][key] !== undefined,
    );
    parts.push(known ? ctx.t(known) : token);
  }
  return parts.join(' › ');
}

function Frame({
  c,
  baseUrl,
  title,
  children,
}: {
  c: AdminContext;
  baseUrl: string;
  title: string;
  children?: Child;
}) {
  const ctx = c.get('page');
  return (
    <AdminPage ctx={ctx} title={title} baseUrl={baseUrl}>
      <h1>{title}</h1>
      {children}
    </AdminPage>
  );
}

export function HistoryPage({
  c,
  baseUrl,
  state,
  revisions,
  mayRestore,
  restorePublishes,
  message,
  notice,
}: {
  c: AdminContext;
  baseUrl: string;
  state: ItemState;
  revisions: RevisionInfo[];
  mayRestore: boolean;
  restorePublishes: boolean;
  message?: string | undefined;
  notice?: string | undefined;
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  const { kind, slug, title } = state.summary;
  const base = ctx.href(`${itemPath(kind, slug)}/history`);
  const time = timeFormat(ctx);
  return (
    <Frame
      c={c}
      baseUrl={baseUrl}
      title={t('revisions.history.title', { title: titleIn(ctx, title, slug) })}
    >
      <p class="lead">
        {kindLabel(ctx, kind)} · <span class="mono">{slug}</span>
        {state.summary.deleted ? ` · ${t('revisions.deleted')}` : ''}
      </p>
      <ErrorSummary ctx={ctx} message={message} />
      {notice ? (
        <p class="note ok" role="status">
          {notice}
        </p>
      ) : null}
      <div class="table-wrap">
        <table>
          <caption>{t('revisions.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('revisions.col.number')}</th>
              <th scope="col">{t('revisions.col.when')}</th>
              <th scope="col">{t('revisions.col.by')}</th>
              <th scope="col">{t('revisions.col.origin')}</th>
              <th scope="col">{t('revisions.col.status')}</th>
              <th scope="col">{t('revisions.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr>
                <td class="mono">{r.number}</td>
                <td>{time(r.createdAt)}</td>
                <td>{r.authorEmail ?? t('revisions.system')}</td>
                <td>
                  {r.origin === 'restored'
                    ? t('revisions.origin.restored', { from: r.restoredFrom ?? 0 })
                    : t(`revisions.origin.${r.origin}`)}
                </td>
                <td>
                  {r.live ? <strong class="badge">{t('revisions.status.live')}</strong> : null}
                  {r.working && state.summary.workflow ? (
                    <strong class="badge">{t(`revisions.status.${state.summary.workflow}`)}</strong>
                  ) : null}
                  {!r.live && r.publishedAt
                    ? t('revisions.status.published_at', { when: time(r.publishedAt) })
                    : null}
                </td>
                <td>
                  <a href={`${base}/${r.number}`}>
                    {r.number > 1
                      ? t('revisions.compare_previous', { number: r.number })
                      : t('revisions.view_first')}
                  </a>
                  {mayRestore && !r.live && !r.working ? (
                    <form method="post" action={`${base}/${r.number}/restore`} class="actions">
                      <CsrfField token={c.get('csrf')} />
                      <input type="hidden" name="version" value={String(state.summary.version)} />
                      <button type="submit" class="secondary">
                        {t(
                          restorePublishes
                            ? 'revisions.restore_publish'
                            : 'revisions.restore_draft',
                          {
                            number: r.number,
                          },
                        )}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={ctx.href(itemPath(kind, slug))}>{t('revisions.back_to_item')}</a>
      </p>
    </Frame>
  );
}

function Marked({ ctx, entry }: { ctx: PageContext; entry: DiffEntry }) {
  const { t } = ctx;
  // Translation states read as words ("needs an update"), not as their codes.
  const shown = (value: string) =>
    entry.path.endsWith('_state') && catalogs[ctx.locale][`revisions.state.${value}`] !== undefined
      ? t(`revisions.state.${value}`)
      : value;
  const inserted = (value: string) => (
    <ins>
      <span class="visually-hidden">{t('revisions.inserted')} </span>
      {shown(value)}
    </ins>
  );
  const deleted = (value: string) => (
    <del>
      <span class="visually-hidden">{t('revisions.removed')} </span>
      {shown(value)}
    </del>
  );
  if (entry.change === 'added') return inserted(entry.after ?? '');
  if (entry.change === 'removed') return deleted(entry.before ?? '');
  if (entry.path.endsWith('_state'))
    return (
      <>
        {deleted(entry.before ?? '')} {inserted(entry.after ?? '')}
      </>
    );
  const words = entry.words ?? [];
  return (
    <>
      {words.map((w, i) => {
        if (!w.added && !w.removed) return w.value;
        const mark = w.added ? inserted(w.value) : deleted(w.value);
        // A replacement reads "old new", not "oldnew".
        return w.removed && words[i + 1]?.added ? <>{mark} </> : mark;
      })}
    </>
  );
}

export function DiffPage({
  c,
  baseUrl,
  state,
  number,
  against,
  entries,
}: {
  c: AdminContext;
  baseUrl: string;
  state: ItemState;
  number: number;
  against: number | null;
  entries: DiffEntry[];
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  const { kind, slug, title } = state.summary;
  const base = ctx.href(`${itemPath(kind, slug)}/history`);
  return (
    <Frame
      c={c}
      baseUrl={baseUrl}
      title={
        against === null
          ? t('revisions.diff.first_title', { number })
          : t('revisions.diff.title', { number, against })
      }
    >
      <p class="lead">
        {titleIn(ctx, title, slug)} · {kindLabel(ctx, kind)}
      </p>
      {entries.length ? (
        <div class="table-wrap">
          <table class="diff">
            <caption>{t('revisions.diff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('revisions.col.field')}</th>
                <th scope="col">{t('revisions.col.change')}</th>
                <th scope="col">{t('revisions.col.text')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <th scope="row">{fieldLabel(ctx, entry.path)}</th>
                  <td>{t(`revisions.change.${entry.change}`)}</td>
                  <td>
                    <Marked ctx={ctx} entry={entry} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">{t('revisions.diff.none')}</p>
      )}
      <p>
        <a href={base}>{t('revisions.back_to_history')}</a>
      </p>
    </Frame>
  );
}

export function QueuePage({
  c,
  baseUrl,
  language,
  entries,
}: {
  c: AdminContext;
  baseUrl: string;
  language: 'es' | 'en' | undefined;
  entries: QueueEntry[];
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  return (
    <Frame c={c} baseUrl={baseUrl} title={t('revisions.queue.title')}>
      <p class="lead">{t('revisions.queue.lead')}</p>
      <form method="get" action={ctx.href('/admin/translations')} class="filter-form">
        <div class="field">
          <label for="language">{t('revisions.queue.language')}</label>
          <select id="language" name="language">
            <option value="">{t('revisions.queue.any_language')}</option>
            {(['es', 'en'] as const).map((l) => (
              <option value={l} selected={language === l}>
                {t(`revisions.part.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('revisions.queue.filter')}</button>
      </form>
      {entries.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t('revisions.queue.caption', { count: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('revisions.col.content')}</th>
                <th scope="col">{t('revisions.col.kind')}</th>
                <th scope="col">{t('revisions.col.texts')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <a href={ctx.href(itemPath(e.kind, e.slug))}>{titleIn(ctx, e.title, e.slug)}</a>
                  </td>
                  <td>{kindLabel(ctx, e.kind)}</td>
                  <td>
                    <ul>
                      {e.fields.map((f) => (
                        <li>
                          {fieldLabel(ctx, f.path)} · {t(`revisions.part.${f.language}`)}:{' '}
                          {t(`revisions.state.${f.state}`)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">{t('revisions.queue.empty')}</p>
      )}
    </Frame>
  );
}
