/**
 * Pieces of the admin pages: the frame (the site layout), form fields with their error beside
 * them, the error summary and the CSRF field. Styles: the site's stylesheet and admin.css.
 */
import type { Child } from 'hono/jsx';
import type { PageContext } from '../../web/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { CSRF_FIELD } from '../accounts/csrf.ts';

export function AdminPage({
  ctx,
  title,
  baseUrl,
  children,
}: {
  ctx: PageContext;
  title: string;
  baseUrl: string;
  children?: Child;
}) {
  return (
    <Layout ctx={ctx} title={title} baseUrl={baseUrl} styles={['admin.css']}>
      <div class="prose admin">{children}</div>
    </Layout>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Field errors, as catalog keys per field name, already translated for the view. */
export type FieldErrors = Record<string, string>;

export function ErrorSummary({
  ctx,
  errors,
  message,
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  message?: string;
}) {
  const entries = Object.entries(errors ?? {});
  if (!entries.length && !message) return null;
  return (
    <div class="note" role="alert" tabindex={-1} id="error-summary">
      <h2>{ctx.t('admin.errors.title')}</h2>
      {message ? <p>{message}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([field, text]) => (
            <li>
              <a href={`#${field}`}>{text}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Field({
  id,
  label,
  type = 'text',
  autocomplete,
  value,
  error,
  hint,
  required = true,
  readonly = false,
}: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'search';
  autocomplete?: string;
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  readonly?: boolean;
}) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <span class="meta" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="badge harm" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <input
        id={id}
        name={id}
        type={type}
        autocomplete={autocomplete}
        value={value}
        required={required}
        readonly={readonly}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        spellcheck={type === 'email' || type === 'password' ? false : undefined}
      />
    </div>
  );
}

/** A one-button form that posts (sign out, sign out everywhere). */
export function PostButton({
  action,
  csrf,
  label,
  secondary = false,
}: {
  action: string;
  csrf: string;
  label: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrf} />
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  );
}

/** A page that is one form: heading, lead, error summary, the fields, one submit button. */
export function FormPage({
  ctx,
  baseUrl,
  title,
  lead,
  errors,
  message,
  notice,
  action,
  csrf,
  submit,
  after,
  children,
}: {
  ctx: PageContext;
  baseUrl: string;
  title: string;
  lead: string;
  errors?: FieldErrors;
  message?: string;
  /** A confirmation shown above the form ("You are signed out."). */
  notice?: string;
  action: string;
  csrf: string;
  submit: string;
  after?: Child;
  children?: Child;
}) {
  return (
    <AdminPage ctx={ctx} title={title} baseUrl={baseUrl}>
      <h1>{title}</h1>
      {notice ? (
        <p class="note" role="status">
          {notice}
        </p>
      ) : null}
      <p class="lead">{lead}</p>
      <ErrorSummary ctx={ctx} errors={errors} message={message} />
      <form method="post" action={action} class="search-form" novalidate>
        <CsrfField token={csrf} />
        {children}
        <button type="submit">{submit}</button>
      </form>
      {after}
    </AdminPage>
  );
}
