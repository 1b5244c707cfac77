/**
 * The page a stale save gets (409): nothing was written; every text that differs is shown twice,
 * what the person typed (in a box they can copy from) beside what is saved now, and a link opens
 * the newest version.
 */
import type { ContentKind } from '../service.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { AdminPage, CsrfField } from '../../admin/components.tsx';
import { flattenDocument } from '../diff.ts';
import { fieldId } from '../form-data.ts';
import { describeField } from './item-page.tsx';

export function ConflictPage({
  ctx,
  baseUrl,
  kind,
  slug,
  version,
  typed,
  saved,
}: {
  ctx: PageContext;
  baseUrl: string;
  kind: ContentKind;
  slug: string;
  /** The version saved now. */
  version: number;
  typed: unknown;
  saved: unknown;
}) {
  const { t } = ctx;
  const mine = flattenDocument(typed);
  const theirs = flattenDocument(saved);
  const paths = [...new Set([...mine.keys(), ...theirs.keys()])].filter(
    (p) => (mine.get(p) ?? '') !== (theirs.get(p) ?? ''),
  );
  return (
    <AdminPage ctx={ctx} title={t('editorial.conflict.title')} baseUrl={baseUrl}>
      <h1>{t('editorial.conflict.title')}</h1>
      <p class="note" role="alert">
        {t('editorial.conflict.body', { version })}
      </p>
      <p>
        <a class="button" href={ctx.href(`/admin/content/${kind}/${slug}`)}>
          {t('editorial.conflict.reopen')}
        </a>
      </p>
      {paths.length === 0 ? <p>{t('editorial.conflict.none')}</p> : null}
      {paths.map((path) => {
        const label = describeField(ctx, kind, path) || path;
        const id = `${fieldId(path)}-yours`;
        return (
          <section class="conflict card" aria-label={label}>
            <h2>{label}</h2>
            <div class="langs">
              <div class="field">
                <label for={id}>{t('editorial.conflict.yours')}</label>
                <textarea
                  id={id}
                  readonly
                  rows={Math.min(12, 2 + (mine.get(path) ?? '').length / 60)}
                >
                  {mine.get(path) ?? ''}
                </textarea>
              </div>
              <div class="field">
                <span class="label">{t('editorial.conflict.theirs')}</span>
                <div class="saved-text">{theirs.get(path) ?? t('editorial.form.empty')}</div>
              </div>
            </div>
          </section>
        );
      })}
    </AdminPage>
  );
}

export function DeletePage({
  ctx,
  baseUrl,
  csrf,
  kind,
  slug,
  title,
  version,
  message,
}: {
  ctx: PageContext;
  baseUrl: string;
  csrf: string;
  kind: ContentKind;
  slug: string;
  title: string;
  version: number;
  message?: string;
}) {
  const { t } = ctx;
  const heading = t('editorial.delete.title', { title });
  const itemPath = `/admin/content/${kind}/${slug}`;
  return (
    <AdminPage ctx={ctx} title={heading} baseUrl={baseUrl}>
      <h1>{heading}</h1>
      {message ? (
        <p class="note" role="alert">
          {message}
        </p>
      ) : null}
      <p>{t('editorial.delete.body')}</p>
      <form method="post" action={ctx.href(`${itemPath}/delete`)} class="actions">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(version)} />
        <button type="submit">{t('editorial.delete.confirm')}</button>
        <a class="button secondary" href={ctx.href(itemPath)}>
          {t('editorial.delete.cancel')}
        </a>
      </form>
    </AdminPage>
  );
}
