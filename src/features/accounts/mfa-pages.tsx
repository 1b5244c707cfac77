/**
 * Second-factor pages under /{lang}/admin: `/mfa` asks an enrolled user for a code (or a
 * recovery code) after the password; `/mfa/setup` enrolls an authenticator app with a QR code
 * drawn on the server, confirms it with a first code and shows the recovery codes once.
 */
import type { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { qrSvg } from '../print/qr.ts';
import { AdminPage, Field, FormPage, type FieldErrors } from '../admin/components.tsx';
import { requirePassword, safeNext, type AdminContext, type AdminEnv } from '../admin/env.ts';
import { writeCookie } from './cookies.ts';
import { AuthError } from './errors.ts';
import { confirmTotp, startTotpEnrollment, verifySecondFactor, type MfaResult } from './mfa.ts';
import { UsePasskey } from './passkey-pages.tsx';
import { hasPasskey } from './passkeys.ts';
import { readForm } from './schema.ts';
import { hasConfirmedTotp } from './service.ts';
import { ABSOLUTE_TIMEOUT_MS, type SignedIn } from './sessions.ts';

const codeForm = z.object({
  code: z
    .string({ error: 'accounts.mfa.code_required' })
    .trim()
    .min(1, { error: 'accounts.mfa.code_required' })
    .max(40, { error: 'accounts.mfa.code_wrong' }),
});

export function mfaPages(services: Services, app: Hono<AdminEnv>) {
  const { config } = services;
  const baseUrl = config.baseUrl;

  /** After a code: the rotated session's cookie, or the form again with why. */
  const answer = (c: AdminContext, result: MfaResult) => {
    if (result.ok) {
      writeCookie(c, config, 'session', result.token, ABSOLUTE_TIMEOUT_MS / 1000);
      return undefined;
    }
    if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
    const ctx = c.get('page');
    return {
      status: result.retryAfterSeconds ? (429 as const) : (400 as const),
      errors: {
        code: result.retryAfterSeconds
          ? ctx.t('accounts.mfa.throttled', { minutes: Math.ceil(result.retryAfterSeconds / 60) })
          : ctx.t('accounts.mfa.code_wrong'),
      },
    };
  };

  /** The verify page, with "Use a passkey" when the user has one; `next` kept for after it. */
  const verifyPage = async (
    c: AdminContext,
    signedIn: SignedIn,
    errors?: FieldErrors,
    status: 200 | 400 | 429 = 200,
  ) => {
    const next = c.req.query('next');
    const { userId } = signedIn.principal;
    const [passkey, totp] = await Promise.all([
      hasPasskey(services.db, userId),
      hasConfirmedTotp(services.db, userId),
    ]);
    return c.html(
      <VerifyPage
        c={c}
        baseUrl={baseUrl}
        errors={errors}
        next={next ? safeNext(next, c.get('page').locale) : undefined}
        passkey={passkey}
        totp={totp}
      />,
      status,
    );
  };

  app.get('/mfa', async (c) => {
    const signedIn = requirePassword(c);
    const ctx = c.get('page');
    if (!signedIn.mfaEnrolled) return c.redirect(ctx.href('/admin/mfa/setup'), 303);
    if (signedIn.principal.mfaVerified) return c.redirect(ctx.href('/admin'), 303);
    return verifyPage(c, signedIn);
  });

  app.post('/mfa', async (c) => {
    const signedIn = requirePassword(c);
    const ctx = c.get('page');
    if (!signedIn.mfaEnrolled || signedIn.principal.mfaVerified)
      return c.redirect(ctx.href('/admin'), 303);
    const form = await readForm(c, codeForm);
    if (!form.ok) return verifyPage(c, signedIn, form.errors, 400);
    const failed = answer(
      c,
      await verifySecondFactor(services, {
        userId: signedIn.principal.userId,
        sessionId: signedIn.sessionId,
        code: form.data.code,
      }),
    );
    if (failed) return verifyPage(c, signedIn, failed.errors, failed.status);
    return c.redirect(safeNext(c.req.query('next'), ctx.locale), 303);
  });

  /**
   * A user whose only factor is a passkey may add an authenticator app, but only from a session
   * that verified the passkey: a password alone must not be enough to set up a second factor.
   */
  const totpSetupAllowed = (c: AdminContext): SignedIn => {
    const signedIn = requirePassword(c);
    if (signedIn.mfaEnrolled && !signedIn.principal.mfaVerified)
      throw new AuthError('mfa_required', 'second factor not verified in this session');
    return signedIn;
  };

  const setupPage = async (
    c: AdminContext,
    errors?: FieldErrors,
    status: 200 | 400 | 429 = 200,
  ) => {
    const signedIn = totpSetupAllowed(c);
    const ctx = c.get('page');
    const enrollment = await startTotpEnrollment(services, {
      userId: signedIn.principal.userId,
      email: signedIn.email,
    });
    if (!enrollment) return c.redirect(ctx.href('/admin'), 303);
    const qr = await qrSvg(enrollment.uri, ctx.t('accounts.mfa.qr_label'));
    return c.html(
      <SetupPage
        c={c}
        baseUrl={baseUrl}
        secret={enrollment.secret}
        qr={qr.replace('<svg ', '<svg width="220" height="220" ')}
        errors={errors}
      />,
      status,
    );
  };

  app.get('/mfa/setup', (c) => setupPage(c));

  app.post('/mfa/setup', async (c) => {
    const signedIn = totpSetupAllowed(c);
    const form = await readForm(c, codeForm);
    if (!form.ok) return setupPage(c, form.errors, 400);
    const result = await confirmTotp(services, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
      code: form.data.code,
    });
    const failed = answer(c, result);
    if (failed) return setupPage(c, failed.errors, failed.status);
    return c.html(
      <RecoveryCodes
        c={c}
        baseUrl={baseUrl}
        codes={result.ok ? (result.recoveryCodes ?? []) : []}
      />,
    );
  });
}

/** The verify and set-up pages: one code field, with the QR code first when setting up. */
function CodePage({
  c,
  baseUrl,
  kind,
  errors,
  next,
  after,
  passkeyOnly = false,
  children,
}: {
  c: AdminContext;
  baseUrl: string;
  kind: 'verify' | 'setup';
  errors?: FieldErrors;
  next?: string;
  after?: Child;
  /** The user has passkeys and no authenticator app: the field takes recovery codes only. */
  passkeyOnly?: boolean;
  children?: Child;
}) {
  const ctx = c.get('page');
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t(`accounts.mfa.${kind}_title`)}
      lead={ctx.t(passkeyOnly ? 'accounts.passkeys.verify_lead' : `accounts.mfa.${kind}_lead`)}
      errors={errors}
      action={
        kind === 'verify'
          ? `${ctx.href('/admin/mfa')}${next ? `?next=${encodeURIComponent(next)}` : ''}`
          : ctx.href('/admin/mfa/setup')
      }
      csrf={c.get('csrf')}
      submit={ctx.t(`accounts.mfa.${kind}_submit`)}
      after={
        <>
          {after}
          <SignOutLink c={c} />
        </>
      }
    >
      {children}
      <Field
        id="code"
        label={ctx.t('accounts.mfa.code')}
        autocomplete="one-time-code"
        hint={ctx.t(passkeyOnly ? 'accounts.passkeys.recovery_hint' : 'accounts.mfa.code_hint')}
        error={errors?.code}
      />
    </FormPage>
  );
}

function VerifyPage({
  passkey,
  totp,
  ...props
}: {
  c: AdminContext;
  baseUrl: string;
  errors?: FieldErrors;
  next?: string;
  passkey: boolean;
  totp: boolean;
}) {
  return (
    <CodePage
      {...props}
      kind="verify"
      passkeyOnly={passkey && !totp}
      after={passkey ? <UsePasskey c={props.c} next={props.next} /> : undefined}
    />
  );
}

function SetupPage({
  secret,
  qr,
  ...props
}: {
  c: AdminContext;
  baseUrl: string;
  secret: string;
  qr: string;
  errors?: FieldErrors;
}) {
  const ctx = props.c.get('page');
  return (
    <CodePage
      {...props}
      kind="setup"
      after={
        <p>
          {ctx.t('accounts.passkeys.setup_instead')}{' '}
          <a href={ctx.href('/admin/mfa/passkeys')}>{ctx.t('accounts.passkeys.setup_link')}</a>
        </p>
      }
    >
      <div class="field">
        <p>{ctx.t('accounts.mfa.setup_scan')}</p>
        {raw(qr)}
        <p>
          {ctx.t('accounts.mfa.setup_manual')}{' '}
          <code class="mono">{secret.match(/.{1,4}/g)?.join(' ')}</code>
        </p>
      </div>
    </CodePage>
  );
}

function RecoveryCodes({
  c,
  baseUrl,
  codes,
}: {
  c: AdminContext;
  baseUrl: string;
  codes: string[];
}) {
  const ctx = c.get('page');
  return (
    <AdminPage ctx={ctx} title={ctx.t('accounts.mfa.codes_title')} baseUrl={baseUrl}>
      <h1>{ctx.t('accounts.mfa.codes_title')}</h1>
      <p class="lead">{ctx.t('accounts.mfa.codes_lead')}</p>
      <ul class="card mono">
        {codes.map((code) => (
          <li>{code}</li>
        ))}
      </ul>
      <p class="actions">
        <a class="button" href={ctx.href('/admin')}>
          {ctx.t('accounts.mfa.codes_done')}
        </a>
      </p>
    </AdminPage>
  );
}

function SignOutLink({ c }: { c: AdminContext }) {
  const ctx = c.get('page');
  return (
    <form method="post" action={ctx.href('/admin/sign-out')}>
      <input type="hidden" name="_csrf" value={c.get('csrf')} />
      <button type="submit" class="secondary">
        {ctx.t('accounts.sign_out.submit')}
      </button>
    </form>
  );
}
