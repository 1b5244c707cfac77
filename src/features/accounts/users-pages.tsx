/**
 * `/{lang}/admin/users` (admins): the accounts, an invitation form (the same set-up link as
 * `igualdad user create`, emailed and shown once), and per account a role change and
 * disable/enable. An admin cannot demote or disable themselves, so one admin always remains.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import {
  AdminPage,
  CsrfField,
  ErrorSummary,
  Field,
  type FieldErrors,
} from '../admin/components.tsx';
import { requireSignedIn, type AdminContext, type AdminEnv } from '../admin/env.ts';
import { accountContext } from './context.ts';
import { authorize, roles, type Role } from './permissions.ts';
import { emailField, readForm } from './schema.ts';
import {
  changeRole,
  findUserByEmail,
  findUserById,
  inviteUser,
  listUsers,
  setUserDisabled,
} from './service.ts';

const role = z.enum(roles as [Role, ...Role[]], { error: 'accounts.users.bad_role' });

const inviteForm = z.object({
  email: emailField,
  role,
  locale: z.enum(['es', 'en'], { error: 'accounts.users.bad_language' }),
});

const roleForm = z.object({ role });
const userId = z.uuid();

export function userPages(services: Services, app: Hono<AdminEnv>) {
  const { config, db } = services;
  const context = accountContext(services);

  app.get('/users', async (c) => {
    authorize(requireSignedIn(c).principal, 'read', 'users');
    return c.html(<UsersPage c={c} baseUrl={config.baseUrl} users={await listUsers(db)} />);
  });

  app.post('/users', async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'create', 'users');
    const ctx = c.get('page');
    const form = await readForm(c, inviteForm);
    const show = async (props: { errors?: FieldErrors; invited?: Invited }, status: 200 | 400) =>
      c.html(
        <UsersPage
          c={c}
          baseUrl={config.baseUrl}
          users={await listUsers(db)}
          values={form.values}
          {...props}
        />,
        status,
      );
    if (!form.ok) return show({ errors: form.errors }, 400);
    if (await findUserByEmail(db, form.data.email))
      return show({ errors: { email: ctx.t('accounts.users.exists') } }, 400);
    const invited = await inviteUser(services, { ...form.data, actorId: principal.userId });
    return show({ invited: { email: form.data.email, ...invited } }, 200);
  });

  app.post('/users/:id/role', async (c) => {
    const { principal } = requireSignedIn(c);
    authorize(principal, 'change_role', 'users');
    const target = await targetUser(c, principal.userId);
    if (!target) return c.notFound();
    const form = await readForm(c, roleForm);
    if (!form.ok) return c.redirect(c.get('page').href('/admin/users'), 303);
    await changeRole(db, {
      actorId: principal.userId,
      userId: target.id,
      role: form.data.role,
      now: context.now(),
    });
    return c.redirect(`${c.get('page').href('/admin/users')}?changed=${target.id}`, 303);
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(`/users/:id/${action}`, async (c) => {
      const { principal } = requireSignedIn(c);
      authorize(principal, 'disable', 'users');
      const target = await targetUser(c, principal.userId);
      if (!target) return c.notFound();
      await setUserDisabled(db, {
        actorId: principal.userId,
        userId: target.id,
        disabled,
        now: context.now(),
      });
      return c.redirect(`${c.get('page').href('/admin/users')}?changed=${target.id}`, 303);
    });
  }

  /** The account a form acts on; never the admin's own (they would lock themselves out). */
  async function targetUser(c: AdminContext, self: string) {
    const id = c.req.param('id') ?? '';
    if (!userId.safeParse(id).success || id === self) return undefined;
    return findUserById(db, id);
  }
}

interface Invited {
  email: string;
  url: string;
  emailed: boolean;
}

function UsersPage({
  c,
  baseUrl,
  users,
  values = {},
  errors,
  invited,
}: {
  c: AdminContext;
  baseUrl: string;
  users: Awaited<ReturnType<typeof listUsers>>;
  values?: Record<string, string>;
  errors?: FieldErrors;
  invited?: Invited;
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  const self = requireSignedIn(c).principal.userId;
  const csrf = c.get('csrf');
  const date = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (
    <AdminPage ctx={ctx} title={t('accounts.users.title')} baseUrl={baseUrl}>
      <h1>{t('accounts.users.title')}</h1>
      {invited ? (
        <div class="note" role="status">
          <p>
            {t(invited.emailed ? 'accounts.users.invited' : 'accounts.users.invited_not_emailed', {
              email: invited.email,
            })}
          </p>
          <p>
            <code>{invited.url}</code>
          </p>
        </div>
      ) : null}
      <h2>{t('accounts.users.invite')}</h2>
      <p>{t('accounts.users.invite_help')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={ctx.href('/admin/users')} class="search-form" novalidate>
        <CsrfField token={csrf} />
        <Field
          id="email"
          type="email"
          label={t('accounts.field.email')}
          autocomplete="off"
          value={invited ? '' : values.email}
          error={errors?.email}
        />
        <RoleSelect ctx={ctx} id="role" selected={values.role ?? 'viewer'} error={errors?.role} />
        <div class="field">
          <label for="locale">{t('accounts.users.language')}</label>
          <select id="locale" name="locale">
            {(['es', 'en'] as const).map((l) => (
              <option value={l} selected={(values.locale ?? ctx.locale) === l}>
                {t(`site.language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('accounts.users.invite_submit')}</button>
      </form>
      <h2>{t('accounts.users.list')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t('accounts.users.caption', { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.field.email')}</th>
              <th scope="col">{t('accounts.landing.role')}</th>
              <th scope="col">{t('accounts.users.state')}</th>
              <th scope="col">{t('accounts.users.created')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr>
                <th scope="row">{user.email}</th>
                <td>
                  {user.id === self ? (
                    t(`accounts.role.${user.role}`)
                  ) : (
                    <form method="post" action={ctx.href(`/admin/users/${user.id}/role`)}>
                      <CsrfField token={csrf} />
                      <RoleSelect
                        ctx={ctx}
                        id={`role-${user.id}`}
                        selected={user.role}
                        label={t('accounts.users.role_of', { email: user.email })}
                      />{' '}
                      <button type="submit" class="secondary">
                        {t('accounts.users.change_role')}
                        <span class="visually-hidden"> {user.email}</span>
                      </button>
                    </form>
                  )}
                </td>
                <td>
                  {t(`accounts.users.state_${user.state}`)}
                  {user.id === self ? null : (
                    <form
                      method="post"
                      action={ctx.href(
                        `/admin/users/${user.id}/${user.state === 'disabled' ? 'enable' : 'disable'}`,
                      )}
                    >
                      <CsrfField token={csrf} />
                      <button type="submit" class="secondary">
                        {t(
                          user.state === 'disabled'
                            ? 'accounts.users.enable'
                            : 'accounts.users.disable',
                        )}
                        <span class="visually-hidden"> {user.email}</span>
                      </button>
                    </form>
                  )}
                </td>
                <td>{date.format(user.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={ctx.href('/admin')}>{t('audit.back')}</a>
      </p>
    </AdminPage>
  );
}

function RoleSelect({
  ctx,
  id,
  selected,
  error,
  label,
}: {
  ctx: PageContext;
  id: string;
  selected: string;
  error?: string;
  label?: string;
}) {
  return (
    <div class="field">
      <label for={id} class={label ? 'visually-hidden' : undefined}>
        {label ?? ctx.t('accounts.landing.role')}
      </label>
      {error ? (
        <span class="badge harm" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <select id={id} name="role" aria-describedby={error ? `${id}-error` : undefined}>
        {roles.map((r) => (
          <option value={r} selected={selected === r}>
            {ctx.t(`accounts.role.${r}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
