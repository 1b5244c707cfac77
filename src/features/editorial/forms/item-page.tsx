/**
 * The edit page of one item (and the "new" page): links to its preview, history and public page,
 * the publishing panel (what the role may do in this state), then the whole form with Spanish and
 * English side by side. Problems come back as a summary on top linking to each field, and beside
 * each field.
 */
import type { ContentKind } from '../service.ts';
import { catalogs } from '../../../i18n/catalog.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { AdminPage, CsrfField, ErrorSummary } from '../../admin/components.tsx';
import {
  FORM_SPECS,
  SITE_TIME_ZONE,
  fieldId,
  findSpec,
  formatSiteTime,
  labelKey,
  toSiteTimeInput,
  type FormOptions,
  type PathErrors,
} from '../form-data.ts';
import type { ItemSummary } from '../service.ts';
import { FormFields } from './fields.tsx';
import { stateKeys } from './list-page.tsx';

/** What the signed-in role may do here. */
export interface Access {
  /** Edit everything, only the translations, or nothing (viewers). */
  edit: 'full' | 'translations' | 'none';
  submit: boolean;
  publish: boolean;
  delete: boolean;
}

export interface ItemPageProps {
  ctx: PageContext;
  baseUrl: string;
  csrf: string;
  kind: ContentKind;
  /** Absent on the "new" page. */
  summary?: ItemSummary;
  document: Record<string, unknown>;
  access: Access;
  options: FormOptions;
  errors?: PathErrors;
  /** A catalog key: "saved", "published"... shown on top. */
  notice?: string;
  /** A problem that belongs to no field (the workflow refused), in the reader's language. */
  message?: string;
  emptyRows?: Record<string, number>;
  /** The version the form was opened at (it may be older than summary.version after a problem). */
  version?: number;
}

/** "Title in Spanish", "Provision 2, Category": how the summary names a field. */
export function describeField(ctx: PageContext, kind: ContentKind, path: string): string {
  const has = (key: string) => key in catalogs[ctx.locale];
  const rows = [...path.matchAll(/([a-z_]+)\[(\d+)\]/g)].map((m) =>
    ctx.t('editorial.form.row', {
      row: has(`editorial.field.${m[1]}.row`) ? ctx.t(`editorial.field.${m[1]}.row`) : m[1]!,
      n: Number(m[2]) + 1,
    }),
  );
  const spec = findSpec(kind, path);
  const lang = /(?:^|\.)(es|en)(_state)?$/.exec(path);
  let label: string;
  if (spec?.type === 'bilingual' && lang) {
    const base = spec.name === null ? spec.label! : path.replace(/\.(es|en)(_state)?$/, '');
    const field = ctx.t(labelKey(base));
    const language = ctx.t(`editorial.language.${lang[1]}`);
    label = lang[2]
      ? `${field}: ${ctx.t('editorial.form.state_in', { language })}`
      : ctx.t('editorial.form.in_language', { field, language });
  } else if (has(labelKey(path))) label = ctx.t(labelKey(path));
  else label = '';
  if (/\[\d+\]$/.test(path)) return rows.join(', ');
  return [...rows, label].filter(Boolean).join(', ');
}

export function titleFor(ctx: PageContext, summary: ItemSummary | undefined): string {
  if (!summary) return '';
  const other = ctx.locale === 'es' ? 'en' : 'es';
  return summary.title[ctx.locale] || summary.title[other] || summary.slug;
}

export function ItemPage(props: ItemPageProps) {
  const { ctx, baseUrl, csrf, kind, summary, document, access, options, errors = {} } = props;
  const { t } = ctx;
  const editing = summary !== undefined;
  const itemPath = editing ? `/admin/content/${kind}/${summary.slug}` : '';
  const title = editing
    ? t(access.edit === 'none' ? 'editorial.edit.title_readonly' : 'editorial.edit.title', {
        title: titleFor(ctx, summary),
      })
    : t('editorial.edit.new_title', { kind: t(`editorial.kind.${kind}`) });
  const summaryErrors = Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const label = describeField(ctx, kind, path);
      return [fieldId(path), label ? `${label}: ${message}` : message];
    }),
  );
  const canSave = access.edit !== 'none' && !(editing && summary.deleted && access.edit !== 'full');
  // Above and below the fields: the first submit button is the one Enter presses (not "add a row").
  const save = canSave ? (
    <p class="actions">
      <button type="submit">{t(editing ? 'editorial.form.save' : 'editorial.form.create')}</button>
    </p>
  ) : null;
  return (
    <AdminPage ctx={ctx} title={title} baseUrl={baseUrl}>
      <p>
        <a href={ctx.href('/admin/content')}>{t('editorial.edit.back')}</a>
      </p>
      <h1>{title}</h1>
      {props.notice ? (
        <p class={props.notice === 'stale' ? 'note' : 'note ok'} role="status">
          {t(`editorial.edit.${props.notice}`)}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={summaryErrors} message={props.message} />
      {editing ? (
        <>
          <p class="meta">
            <span class="badge kind">{t(`editorial.kind.${kind}`)}</span>{' '}
            {stateKeys(summary).map((key) => (
              <>
                <span class="badge">{t(key)}</span>{' '}
              </>
            ))}
            {t('editorial.edit.version', {
              version: summary.version,
              date: formatSiteTime(summary.updatedAt, ctx.locale),
            })}
          </p>
          <ul class="admin-links">
            {summary.deleted ? null : (
              <li>
                <a href={ctx.href(`${itemPath}/preview`)}>{t('editorial.edit.preview')}</a>
              </li>
            )}
            <li>
              <a href={ctx.href(`${itemPath}/history`)}>{t('editorial.edit.history')}</a>
            </li>
            {summary.live && !summary.deleted ? (
              <li>
                <a href={ctx.href(publicPath(kind, summary.slug))}>{t('editorial.edit.public')}</a>
              </li>
            ) : null}
          </ul>
          <Workflow {...props} summary={summary} itemPath={itemPath} />
        </>
      ) : (
        <p class="lead">{t('editorial.edit.new_lead')}</p>
      )}
      {access.edit === 'translations' ? (
        <p class="note">{t('editorial.form.translator_note')}</p>
      ) : null}
      {access.edit === 'none' ? <p class="note">{t('editorial.form.readonly_note')}</p> : null}
      <form
        method="post"
        action={ctx.href(editing ? itemPath : `/admin/content/${kind}`)}
        class="edit-form"
        novalidate
      >
        <CsrfField token={csrf} />
        {editing ? (
          <input type="hidden" name="version" value={String(props.version ?? summary.version)} />
        ) : null}
        {save}
        <FormFields
          ctx={ctx}
          fields={FORM_SPECS[kind]}
          document={document}
          errors={errors}
          options={options}
          translatorOnly={access.edit !== 'full'}
          existing={editing ? { published: summary.live } : undefined}
          emptyRows={props.emptyRows}
          readOnly={access.edit === 'none'}
        />
        {save}
      </form>
    </AdminPage>
  );
}

/** Where the public site shows an item of a kind (the preview renders the same page). */
export function publicPath(kind: ContentKind, slug: string): string {
  switch (kind) {
    case 'policy':
      return `/policies/${slug}`;
    case 'jurisdiction':
      return `/jurisdictions/${slug}`;
    case 'faq':
      return `/faq#${slug}`;
    case 'talking_point':
      return '/talking-points';
    case 'topic':
      return '/faq';
    case 'body':
      return '/jurisdictions';
  }
}

function Workflow({
  ctx,
  csrf,
  summary,
  access,
  itemPath,
  errors = {},
  version,
}: ItemPageProps & { summary: ItemSummary; itemPath: string }) {
  const { t } = ctx;
  const v = String(version ?? summary.version);
  const button = (action: string, label: string, secondary = false) => (
    <form method="post" action={ctx.href(`${itemPath}/${action}`)}>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={v} />
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {t(label)}
      </button>
    </form>
  );
  const working = summary.workflow;
  const scheduleError = errors.publishAt;
  return (
    <section class="workflow card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('editorial.workflow.title')}</h2>
      {summary.deleted ? <p>{t('editorial.workflow.deleted')}</p> : null}
      {!summary.deleted && !working ? <p>{t('editorial.workflow.no_draft')}</p> : null}
      {working === 'scheduled' && summary.publishAt ? (
        <p>
          {t('editorial.workflow.scheduled_for', {
            date: formatSiteTime(summary.publishAt, ctx.locale),
          })}
        </p>
      ) : null}
      <div class="actions">
        {working === 'draft' && access.submit
          ? button('submit', 'editorial.workflow.submit', true)
          : null}
        {working && access.publish ? button('publish', 'editorial.workflow.publish') : null}
        {working === 'scheduled' && access.publish
          ? button('unschedule', 'editorial.workflow.unschedule', true)
          : null}
        {working && access.submit ? button('discard', 'editorial.workflow.discard', true) : null}
        {!summary.deleted && summary.live && access.delete ? (
          <a class="button secondary" href={ctx.href(`${itemPath}/delete`)}>
            {t('editorial.workflow.delete')}
          </a>
        ) : null}
      </div>
      {working && working !== 'scheduled' && access.publish ? (
        <form
          method="post"
          action={ctx.href(`${itemPath}/schedule`)}
          class="schedule-form"
          novalidate
        >
          <CsrfField token={csrf} />
          <input type="hidden" name="version" value={v} />
          <div class="field">
            <label for={fieldId('publishAt')}>{t('editorial.workflow.schedule_at')}</label>
            <span class="meta" id="publishAt-hint">
              {t('editorial.workflow.timezone')}
            </span>
            {scheduleError ? (
              <span class="field-error" id="publishAt-error">
                {scheduleError}
              </span>
            ) : null}
            <input
              type="datetime-local"
              id={fieldId('publishAt')}
              name="publishAt"
              min={toSiteTimeInput(new Date())}
              aria-invalid={scheduleError ? 'true' : undefined}
              aria-describedby={`publishAt-hint${scheduleError ? ' publishAt-error' : ''}`}
              data-time-zone={SITE_TIME_ZONE}
            />
          </div>
          <button type="submit" class="secondary">
            {t('editorial.workflow.schedule')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
