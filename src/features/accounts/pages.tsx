/**
 * Account pages under /{lang}/admin: sign in, sign out (here or everywhere), set a password from
 * a set-up or reset link, ask for a reset link, change the password, and the signed-in landing.
 */
import type { Context } from 'hono';
import type { Locale } from '../../config.ts';
import type { Services } from '../../services.ts';
import type { PageContext } from '../../web/i18n.ts';
import { AdminPage, Field, FormPage, PostButton, type FieldErrors } from '../admin/components.tsx';
import {
  clientAddress,
  requirePassword,
  requireSignedIn,
  safeNext,
  type AdminContext,
  type AdminEnv,
} from '../admin/env.ts';
import type { Hono } from 'hono';
import { accountContext } from './context.ts';
import { DEVICE_COOKIE_MAX_AGE, readCookie, writeCookie } from './cookies.ts';
import { findLink, type LinkPurpose } from './links.ts';
import { MAX_PASSWORD_LENGTH, minimumPasswordLength, type PasswordProblem } from './passwords.ts';
import { recoveryCodesLeft } from './mfa.ts';
import { authorize, can } from './permissions.ts';
import {
  changePasswordForm,
  linkToken,
  newPasswordForm,
  readForm,
  resetRequestForm,
  signInForm,
} from './schema.ts';
import {
  changePassword,
  requestPasswordReset,
  secondFactors,
  setPasswordWithLink,
  signIn,
  signOut,
  signOutEverywhere,
} from './service.ts';
import { ABSOLUTE_TIMEOUT_MS } from './sessions.ts';

const SESSION_MAX_AGE = ABSOLUTE_TIMEOUT_MS / 1000;

export function accountPages(services: Services, app: Hono<AdminEnv>) {
  const { config, db } = services;
  const context = accountContext(services);
  const baseUrl = config.baseUrl;
  const startSession = (c: Context, token: string) =>
    writeCookie(c, config, 'session', token, SESSION_MAX_AGE);

  app.get('/', async (c) => {
    const signedIn = requireSignedIn(c);
    authorize(signedIn.principal, 'read', 'own_account');
    const { userId } = signedIn.principal;
    const [codesLeft, factors] = signedIn.mfaEnrolled
      ? await Promise.all([recoveryCodesLeft(db, userId), secondFactors(db, userId)])
      : [undefined, undefined];
    return c.html(
      <Landing
        c={c}
        baseUrl={baseUrl}
        signedIn={signedIn}
        codesLeft={codesLeft}
        factors={factors}
      />,
    );
  });

  app.get('/sign-in', (c) => {
    if (c.get('signedIn')) return c.redirect(c.get('page').href('/admin'), 303);
    const notice = c.req.query('signed_out') !== undefined ? 'accounts.sign_in.signed_out' : '';
    return c.html(<SignIn c={c} baseUrl={baseUrl} notice={notice} />);
  });

  app.post('/sign-in', async (c) => {
    const ctx = c.get('page');
    const next = safeNext(c.req.query('next'), ctx.locale);
    const parsed = await readForm(c, signInForm);
    if (!parsed.ok)
      return c.html(
        <SignIn c={c} baseUrl={baseUrl} email={parsed.values.email} errors={parsed.errors} />,
        400,
      );
    const result = await signIn(services, {
      email: parsed.data.email,
      password: parsed.data.password,
      address: clientAddress(c, config),
      deviceCookie: readCookie(c, config, 'device'),
      previousSessionToken: readCookie(c, config, 'session'),
    });
    if (!result.ok) {
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
      const message = result.retryAfterSeconds
        ? ctx.t('accounts.sign_in.throttled', {
            minutes: Math.ceil(result.retryAfterSeconds / 60),
          })
        : ctx.t('accounts.sign_in.failed');
      return c.html(
        <SignIn c={c} baseUrl={baseUrl} email={parsed.data.email} message={message} />,
        result.retryAfterSeconds ? 429 : 400,
      );
    }
    startSession(c, result.token);
    writeCookie(c, config, 'device', result.deviceCookie, DEVICE_COOKIE_MAX_AGE);
    return c.redirect(next, 303);
  });

  app.post('/sign-out', async (c) => {
    const signedIn = requirePassword(c);
    await signOut(db, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
      now: context.now(),
    });
    writeCookie(c, config, 'session', '', 0);
    return c.redirect(`${c.get('page').href('/admin/sign-in')}?signed_out`, 303);
  });

  app.post('/sign-out-everywhere', async (c) => {
    const signedIn = requirePassword(c);
    await signOutEverywhere(db, { userId: signedIn.principal.userId, now: context.now() });
    writeCookie(c, config, 'session', '', 0);
    return c.redirect(`${c.get('page').href('/admin/sign-in')}?signed_out`, 303);
  });

  for (const [path, purpose] of [
    ['/set-up', 'set_up'],
    ['/reset/confirm', 'reset'],
  ] as const) {
    const usableLink = (token: string) =>
      linkToken.safeParse(token).success
        ? findLink(db, { token, purpose, now: context.now() })
        : undefined;

    app.get(path, async (c) => {
      const token = c.req.query('token') ?? '';
      const link = await usableLink(token);
      if (!link) return c.html(<LinkInvalid c={c} baseUrl={baseUrl} />, 400);
      return c.html(
        <NewPassword c={c} baseUrl={baseUrl} purpose={purpose} token={token} email={link.email} />,
      );
    });

    app.post(path, async (c) => {
      const ctx = c.get('page');
      const parsed = await readForm(c, newPasswordForm);
      const token = parsed.values.token ?? '';
      const link = await usableLink(token);
      if (!link) return c.html(<LinkInvalid c={c} baseUrl={baseUrl} />, 400);
      const show = (errors: FieldErrors) =>
        c.html(
          <NewPassword
            c={c}
            baseUrl={baseUrl}
            purpose={purpose}
            token={token}
            email={link.email}
            errors={errors}
          />,
          400,
        );
      if (!parsed.ok) return show(parsed.errors);
      const result = await setPasswordWithLink(services, {
        token,
        purpose,
        password: parsed.data.password,
        email: link.email,
      });
      if (!result.ok) {
        if (result.problem === 'link_invalid')
          return c.html(<LinkInvalid c={c} baseUrl={baseUrl} />, 400);
        return show({ password: passwordMessage(ctx, result.problem) });
      }
      startSession(c, result.token);
      return c.redirect(`${ctx.href('/admin')}?password_set`, 303);
    });
  }

  app.get('/reset', (c) => c.html(<ResetRequest c={c} baseUrl={baseUrl} />));

  app.post('/reset', async (c) => {
    const ctx = c.get('page');
    const parsed = await readForm(c, resetRequestForm);
    if (!parsed.ok)
      return c.html(
        <ResetRequest c={c} baseUrl={baseUrl} email={parsed.values.email} errors={parsed.errors} />,
        400,
      );
    const result = await requestPasswordReset(services, {
      email: parsed.data.email,
      address: clientAddress(c, config),
      locale: ctx.locale,
    });
    if (result.retryAfterSeconds) {
      c.header('retry-after', String(result.retryAfterSeconds));
      const message = ctx.t('accounts.reset.throttled', {
        minutes: Math.ceil(result.retryAfterSeconds / 60),
      });
      return c.html(
        <ResetRequest c={c} baseUrl={baseUrl} email={parsed.data.email} message={message} />,
        429,
      );
    }
    return c.html(<ResetSent c={c} baseUrl={baseUrl} />);
  });

  app.get('/password', (c) => {
    authorize(requireSignedIn(c).principal, 'update', 'own_account');
    return c.html(<ChangePassword c={c} baseUrl={baseUrl} />);
  });

  app.post('/password', async (c) => {
    const signedIn = requireSignedIn(c);
    authorize(signedIn.principal, 'update', 'own_account');
    const ctx = c.get('page');
    const parsed = await readForm(c, changePasswordForm);
    if (!parsed.ok)
      return c.html(<ChangePassword c={c} baseUrl={baseUrl} errors={parsed.errors} />, 400);
    const result = await changePassword(services, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
      current: parsed.data.current,
      next: parsed.data.password,
    });
    if (!result.ok) {
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
      const errors: FieldErrors =
        result.problem === 'wrong_password'
          ? { current: ctx.t('accounts.field.current_wrong') }
          : { password: passwordMessage(ctx, result.problem, signedIn.mfaEnrolled) };
      return c.html(
        <ChangePassword c={c} baseUrl={baseUrl} errors={errors} />,
        result.retryAfterSeconds ? 429 : 400,
      );
    }
    startSession(c, result.token);
    return c.redirect(`${ctx.href('/admin')}?password_changed`, 303);
  });
}

function passwordMessage(ctx: PageContext, problem: PasswordProblem, hasMfa = false): string {
  return ctx.t(`accounts.password.${problem}`, {
    min: minimumPasswordLength(hasMfa),
    max: MAX_PASSWORD_LENGTH,
  });
}

interface PageProps {
  c: AdminContext;
  baseUrl: string;
}

function SignIn({
  c,
  baseUrl,
  email,
  errors,
  message,
  notice,
}: PageProps & { email?: string; errors?: FieldErrors; message?: string; notice?: string }) {
  const ctx = c.get('page');
  const next = c.req.query('next');
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t('accounts.sign_in.title')}
      lead={ctx.t('accounts.sign_in.lead')}
      errors={errors}
      message={message}
      notice={notice ? ctx.t(notice) : undefined}
      action={`${ctx.href('/admin/sign-in')}${next ? `?next=${encodeURIComponent(safeNext(next, ctx.locale))}` : ''}`}
      csrf={c.get('csrf')}
      submit={ctx.t('accounts.sign_in.submit')}
      after={
        <p>
          <a href={ctx.href('/admin/reset')}>{ctx.t('accounts.sign_in.forgot')}</a>
        </p>
      }
    >
      <EmailField ctx={ctx} value={email} error={errors?.email} />
      <Field
        id="password"
        type="password"
        label={ctx.t('accounts.field.password')}
        autocomplete="current-password"
        error={errors?.password}
      />
    </FormPage>
  );
}

function NewPassword({
  c,
  baseUrl,
  purpose,
  token,
  email,
  errors,
}: PageProps & { purpose: LinkPurpose; token: string; email: string; errors?: FieldErrors }) {
  const ctx = c.get('page');
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t(purpose === 'set_up' ? 'accounts.set_up.title' : 'accounts.reset.new_title')}
      lead={ctx.t('accounts.set_up.lead', { email })}
      errors={errors}
      action={ctx.href(purpose === 'set_up' ? '/admin/set-up' : '/admin/reset/confirm')}
      csrf={c.get('csrf')}
      submit={ctx.t('accounts.set_up.submit')}
    >
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autocomplete="username" value={email} />
      <NewPasswordFields ctx={ctx} errors={errors} />
    </FormPage>
  );
}

function LinkInvalid({ c, baseUrl }: PageProps) {
  const ctx = c.get('page');
  return (
    <AdminPage ctx={ctx} title={ctx.t('accounts.link_invalid.title')} baseUrl={baseUrl}>
      <h1>{ctx.t('accounts.link_invalid.title')}</h1>
      <p>{ctx.t('accounts.link_invalid.body')}</p>
      <p class="actions">
        <a class="button" href={ctx.href('/admin/reset')}>
          {ctx.t('accounts.link_invalid.new_link')}
        </a>
        <a class="button secondary" href={ctx.href('/admin/sign-in')}>
          {ctx.t('accounts.sign_in.title')}
        </a>
      </p>
    </AdminPage>
  );
}

function ResetRequest({
  c,
  baseUrl,
  email,
  errors,
  message,
}: PageProps & { email?: string; errors?: FieldErrors; message?: string }) {
  const ctx = c.get('page');
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t('accounts.reset.title')}
      lead={ctx.t('accounts.reset.lead')}
      errors={errors}
      message={message}
      action={ctx.href('/admin/reset')}
      csrf={c.get('csrf')}
      submit={ctx.t('accounts.reset.submit')}
    >
      <EmailField ctx={ctx} value={email} error={errors?.email} />
    </FormPage>
  );
}

function ResetSent({ c, baseUrl }: PageProps) {
  const ctx = c.get('page');
  return (
    <AdminPage ctx={ctx} title={ctx.t('accounts.reset.sent_title')} baseUrl={baseUrl}>
      <h1>{ctx.t('accounts.reset.sent_title')}</h1>
      <p role="status">{ctx.t('accounts.reset.sent_body', { minutes: 60 })}</p>
      <p>
        <a href={ctx.href('/admin/sign-in')}>{ctx.t('accounts.sign_in.title')}</a>
      </p>
    </AdminPage>
  );
}

function ChangePassword({ c, baseUrl, errors }: PageProps & { errors?: FieldErrors }) {
  const ctx = c.get('page');
  const signedIn = requireSignedIn(c);
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t('accounts.password_change.title')}
      lead={ctx.t('accounts.password_change.lead')}
      errors={errors}
      action={ctx.href('/admin/password')}
      csrf={c.get('csrf')}
      submit={ctx.t('accounts.password_change.submit')}
    >
      <input type="hidden" name="username" autocomplete="username" value={signedIn.email} />
      <Field
        id="current"
        type="password"
        label={ctx.t('accounts.field.current')}
        autocomplete="current-password"
        error={errors?.current}
      />
      <NewPasswordFields ctx={ctx} errors={errors} hasMfa={signedIn.mfaEnrolled} />
    </FormPage>
  );
}

function Landing({
  c,
  baseUrl,
  signedIn,
  codesLeft,
  factors,
}: PageProps & {
  signedIn: ReturnType<typeof requireSignedIn>;
  codesLeft?: number;
  factors?: { totp: boolean; passkeys: number };
}) {
  const ctx = c.get('page');
  const { principal } = signedIn;
  const notice =
    c.req.query('password_set') !== undefined
      ? 'accounts.landing.password_set'
      : c.req.query('password_changed') !== undefined
        ? 'accounts.landing.password_changed'
        : '';
  const locale: Locale = ctx.locale;
  const until = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(signedIn.expiresAt);
  return (
    <AdminPage ctx={ctx} title={ctx.t('accounts.landing.title')} baseUrl={baseUrl}>
      <h1>{ctx.t('accounts.landing.title')}</h1>
      {notice ? (
        <p class="note" role="status">
          {ctx.t(notice)}
        </p>
      ) : null}
      <dl class="card">
        <dt>{ctx.t('accounts.landing.signed_in_as')}</dt>
        <dd>{signedIn.email}</dd>
        <dt>{ctx.t('accounts.landing.role')}</dt>
        <dd>
          {ctx.t(`accounts.role.${principal.role}`)}:{' '}
          {ctx.t(`accounts.role_help.${principal.role}`)}
        </dd>
        <dt>{ctx.t('accounts.landing.mfa')}</dt>
        <dd>
          {codesLeft === undefined || !factors ? (
            <>
              {ctx.t('accounts.landing.mfa_off')}{' '}
              <a href={ctx.href('/admin/mfa/setup')}>{ctx.t('accounts.landing.mfa_set_up')}</a>
            </>
          ) : (
            <>
              {ctx.t('accounts.landing.mfa_on', {
                methods: [
                  factors.totp ? ctx.t('accounts.landing.method_totp') : '',
                  factors.passkeys
                    ? ctx.t('accounts.landing.method_passkeys', { count: factors.passkeys })
                    : '',
                ]
                  .filter(Boolean)
                  .join(ctx.t('accounts.landing.method_joiner')),
                count: codesLeft,
              })}{' '}
              <a href={ctx.href('/admin/mfa/passkeys')}>{ctx.t('accounts.landing.passkeys')}</a>
              {factors.totp ? null : (
                <>
                  {' · '}
                  <a href={ctx.href('/admin/mfa/setup')}>{ctx.t('accounts.landing.add_totp')}</a>
                </>
              )}
            </>
          )}
        </dd>
        <dt>{ctx.t('accounts.landing.session')}</dt>
        <dd>{ctx.t('accounts.landing.session_ends', { time: until })}</dd>
      </dl>
      <h2>{ctx.t('accounts.landing.links')}</h2>
      <ul>
        {can(principal, 'read', 'content') ? (
          <li>
            <a href={ctx.href('/admin/content')}>{ctx.t('accounts.landing.content')}</a>
          </li>
        ) : null}
        {can(principal, 'read', 'translations') ? (
          <li>
            <a href={ctx.href('/admin/translations')}>{ctx.t('accounts.landing.translations')}</a>
          </li>
        ) : null}
        {can(principal, 'read', 'users') ? (
          <li>
            <a href={ctx.href('/admin/users')}>{ctx.t('accounts.users.title')}</a>
          </li>
        ) : null}
        {can(principal, 'read', 'audit_log') ? (
          <li>
            <a href={ctx.href('/admin/audit')}>{ctx.t('audit.title')}</a>
          </li>
        ) : null}
        <li>
          <a href={ctx.href('/admin/password')}>{ctx.t('accounts.password_change.title')}</a>
        </li>
        <li>
          <a href={ctx.href('/')}>{ctx.t('accounts.landing.public_site')}</a>
        </li>
      </ul>
      <div class="actions">
        <PostButton
          action={ctx.href('/admin/sign-out')}
          csrf={c.get('csrf')}
          label={ctx.t('accounts.sign_out.submit')}
        />
        <PostButton
          action={ctx.href('/admin/sign-out-everywhere')}
          csrf={c.get('csrf')}
          label={ctx.t('accounts.sign_out.everywhere')}
          secondary
        />
      </div>
      <p class="meta">{ctx.t('accounts.sign_out.everywhere_help')}</p>
    </AdminPage>
  );
}

/** The new password and its confirmation, with the policy as a hint. */
function NewPasswordFields({
  ctx,
  errors,
  hasMfa = false,
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  hasMfa?: boolean;
}) {
  return (
    <>
      <Field
        id="password"
        type="password"
        label={ctx.t('accounts.field.new_password')}
        autocomplete="new-password"
        hint={ctx.t('accounts.password.hint', { min: minimumPasswordLength(hasMfa) })}
        error={errors?.password}
      />
      <Field
        id="confirm"
        type="password"
        label={ctx.t('accounts.field.confirm')}
        autocomplete="new-password"
        error={errors?.confirm}
      />
    </>
  );
}

function EmailField({ ctx, value, error }: { ctx: PageContext; value?: string; error?: string }) {
  return (
    <Field
      id="email"
      type="email"
      label={ctx.t('accounts.field.email')}
      autocomplete="username"
      value={value}
      error={error}
    />
  );
}
