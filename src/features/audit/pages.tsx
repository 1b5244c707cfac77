/**
 * `GET /{lang}/admin/audit`: the audit log, newest first, filtered by action, actor (email, or
 * "system" for the command line and unknown people) and dates. Admins only.
 */
import type { Hono } from 'hono';
import type { Services } from '../../services.ts';
import { authorize } from '../accounts/permissions.ts';
import { AdminPage, ErrorSummary, Field, type FieldErrors } from '../admin/components.tsx';
import { requireSignedIn, type AdminContext, type AdminEnv } from '../admin/env.ts';
import { AUDIT_ACTIONS } from './chain.ts';
import { listAuditEntries, type AuditRow } from './queries.ts';
import { auditFilter } from './schema.ts';

export function auditPages({ config, db }: Services, app: Hono<AdminEnv>) {
  app.get('/audit', async (c) => {
    authorize(requireSignedIn(c).principal, 'read', 'audit_log');
    const ctx = c.get('page');
    const query = c.req.query();
    const parsed = auditFilter.safeParse(query);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'action');
        errors[field] ??= ctx.t(
          issue.message.startsWith('audit.') ? issue.message : 'audit.filter.bad_page',
        );
      }
      return c.html(
        <AuditPage c={c} baseUrl={config.baseUrl} query={query} rows={[]} errors={errors} />,
        400,
      );
    }
    const result = await listAuditEntries(db, parsed.data);
    return c.html(
      <AuditPage
        c={c}
        baseUrl={config.baseUrl}
        query={query}
        rows={result.rows}
        nextBefore={result.nextBefore}
        errors={result.actorUnknown ? { actor: ctx.t('audit.filter.unknown_actor') } : undefined}
      />,
    );
  });
}

function AuditPage({
  c,
  baseUrl,
  query,
  rows,
  nextBefore,
  errors,
}: {
  c: AdminContext;
  baseUrl: string;
  query: Record<string, string>;
  rows: AuditRow[];
  nextBefore?: number | null;
  errors?: FieldErrors;
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  const time = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  });
  const nextQuery = new URLSearchParams(
    Object.entries({ ...query, before: String(nextBefore ?? '') }).filter(([, v]) => v !== ''),
  );
  return (
    <AdminPage ctx={ctx} title={t('audit.title')} baseUrl={baseUrl}>
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action={ctx.href('/admin/audit')} class="search-form">
        <div class="field">
          <label for="action">{t('audit.filter.action')}</label>
          <select id="action" name="action">
            <option value="">{t('audit.filter.any_action')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option value={action} selected={query.action === action}>
                {t(`audit.action.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="actor"
          type="search"
          label={t('audit.filter.actor')}
          hint={t('audit.filter.actor_hint')}
          value={query.actor}
          error={errors?.actor}
          required={false}
        />
        <Field
          id="from"
          type="date"
          label={t('audit.filter.from')}
          value={query.from}
          error={errors?.from}
          required={false}
        />
        <Field
          id="to"
          type="date"
          label={t('audit.filter.to')}
          value={query.to}
          error={errors?.to}
          required={false}
        />
        <button type="submit">{t('audit.filter.submit')}</button>
      </form>
      {rows.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.seq')}</th>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.subject')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td class="mono">{row.seq}</td>
                  <td>{time.format(row.occurredAt)} UTC</td>
                  <td>
                    {(AUDIT_ACTIONS as readonly string[]).includes(row.action)
                      ? t(`audit.action.${row.action}`)
                      : row.action}
                  </td>
                  <td>{row.actorEmail ?? t('audit.system')}</td>
                  <td>{row.subjectEmail ?? ''}</td>
                  <td class="mono">
                    {Object.entries(row.details)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">{t('audit.empty')}</p>
      )}
      {nextBefore ? (
        <p>
          <a href={`${ctx.href('/admin/audit')}?${nextQuery.toString()}`}>{t('audit.older')}</a>
        </p>
      ) : null}
      <p>
        <a href={ctx.href('/admin')}>{t('audit.back')}</a>
      </p>
    </AdminPage>
  );
}
