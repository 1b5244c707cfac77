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
import { requirePassword, type AdminContext, type AdminEnv } from '../admin/env.ts';
import { writeCookie } from './cookies.ts';
import { confirmTotp, startTotpEnrollment, verifySecondFactor, type MfaResult } from './mfa.ts';
import { readForm } from './schema.ts';
import { ABSOLUTE_TIMEOUT_MS } from './sessions.ts';

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

  app.get('/mfa', (c) => {
    const signedIn = requirePassword(c);
    const ctx = c.get('page');
    if (!signedIn.mfaEnrolled) return c.redirect(ctx.href('/admin/mfa/setup'), 303);
    if (signedIn.principal.mfaVerified) return c.redirect(ctx.href('/admin'), 303);
    return c.html(<VerifyPage c={c} baseUrl={baseUrl} />);
  });

  app.post('/mfa', async (c) => {
    const signedIn = requirePassword(c);
    const ctx = c.get('page');
    if (!signedIn.mfaEnrolled || signedIn.principal.mfaVerified)
      return c.redirect(ctx.href('/admin'), 303);
    const form = await readForm(c, codeForm);
    if (!form.ok) return c.html(<VerifyPage c={c} baseUrl={baseUrl} errors={form.errors} />, 400);
    const failed = answer(
      c,
      await verifySecondFactor(services, {
        userId: signedIn.principal.userId,
        sessionId: signedIn.sessionId,
        code: form.data.code,
      }),
    );
    if (failed)
      return c.html(<VerifyPage c={c} baseUrl={baseUrl} errors={failed.errors} />, failed.status);
    return c.redirect(ctx.href('/admin'), 303);
  });

  const setupPage = async (
    c: AdminContext,
    errors?: FieldErrors,
    status: 200 | 400 | 429 = 200,
  ) => {
    const signedIn = requirePassword(c);
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
    const signedIn = requirePassword(c);
    if (signedIn.mfaEnrolled) return c.redirect(c.get('page').href('/admin'), 303);
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
  children,
}: {
  c: AdminContext;
  baseUrl: string;
  kind: 'verify' | 'setup';
  errors?: FieldErrors;
  children?: Child;
}) {
  const ctx = c.get('page');
  return (
    <FormPage
      ctx={ctx}
      baseUrl={baseUrl}
      title={ctx.t(`accounts.mfa.${kind}_title`)}
      lead={ctx.t(`accounts.mfa.${kind}_lead`)}
      errors={errors}
      action={ctx.href(kind === 'verify' ? '/admin/mfa' : '/admin/mfa/setup')}
      csrf={c.get('csrf')}
      submit={ctx.t(`accounts.mfa.${kind}_submit`)}
      after={<SignOutLink c={c} />}
    >
      {children}
      <Field
        id="code"
        label={ctx.t('accounts.mfa.code')}
        autocomplete="one-time-code"
        hint={ctx.t('accounts.mfa.code_hint')}
        error={errors?.code}
      />
    </FormPage>
  );
}

function VerifyPage(props: { c: AdminContext; baseUrl: string; errors?: FieldErrors }) {
  return <CodePage {...props} kind="verify" />;
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
    <CodePage {...props} kind="setup">
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
