/**
 * Staff pages: passkey (WebAuthn) registration, sign-in as a second factor and removal.
 *
 * `/mfa/passkeys` lists the user's passkeys (each removable with a plain form) and offers to add
 * one. The ceremonies need JavaScript (src/web/assets/passkeys.js with the library's browser
 * bundle): the script asks an `options` endpoint, runs the browser's ceremony, and posts the
 * result; these endpoints answer JSON, or problem JSON on bad input. Their bodies are
 * form-encoded so that the admin frame's CSRF check reads the token as for any form.
 */
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { assetPath } from '../../web/assets.ts';
import type { PageContext } from '../../web/i18n.ts';
import {
  AdminPage,
  CsrfField,
  ErrorSummary,
  Field,
  type FieldErrors,
} from '../admin/components.tsx';
import type { RouteRule } from '../admin/route-rules.ts';
import {
  requirePassword,
  requireSignedIn,
  safeNext,
  type AdminContext,
  type AdminEnv,
} from '../admin/env.ts';
import { writeCookie } from './cookies.ts';
import { AuthError } from './errors.ts';
import { mfaRequiredFor } from './mfa.ts';
import {
  authenticationOptions,
  finishAuthentication,
  finishRegistration,
  listPasskeys,
  registrationOptions,
  removePasskey,
  type PasskeyProblem,
  type PasskeyResult,
  type PasskeySummary,
} from './passkeys.ts';
import { authorize } from './permissions.ts';
import { formErrors, formValues } from './schema.ts';
import { ABSOLUTE_TIMEOUT_MS, type SignedIn } from './sessions.ts';

/** Each route here and what it requires (read by the route x role matrix test). */
export const PASSKEY_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  // The page and registration are open at the set-up step too: a new editor may choose a
  // passkey instead of an authenticator app. Once a user has a factor, they require it verified.
  'GET /admin/mfa/passkeys': 'password_step',
  'POST /admin/mfa/passkeys/register/options': 'password_step',
  'POST /admin/mfa/passkeys/register': 'password_step',
  'POST /admin/mfa/passkeys/authenticate/options': 'password_step',
  'POST /admin/mfa/passkeys/authenticate': 'password_step',
  'POST /admin/mfa/passkeys/remove': { action: 'update', resource: 'own_account' },
};

const nameField = z
  .string({ error: 'accounts.passkeys.name_required' })
  .trim()
  .min(1, { error: 'accounts.passkeys.name_required' })
  .max(60, { error: 'accounts.passkeys.name_too_long' })
  .regex(/^[^\p{Cc}]*$/u, { error: 'accounts.field.invalid' });

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const credentialId = base64url.min(1).max(1_400);

/** What the browser library sends back; the server library checks the rest. */
const registrationResponse = z.looseObject({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(12).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

const authenticationResponse = z.looseObject({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** A JSON credential posted as one form field. */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(24_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const registerOptionsForm = z.object({ name: nameField });
const registerForm = z.object({
  name: nameField,
  credential: jsonField(registrationResponse),
});
const authenticateForm = z.object({
  credential: jsonField(authenticationResponse),
  next: z.string().max(300).optional(),
});
const removeForm = z.object({ credential: credentialId });

const PROBLEM_STATUS: Record<PasskeyProblem, 400 | 403 | 409 | 429> = {
  challenge: 400,
  invalid: 400,
  exists: 409,
  mfa_required: 403,
  throttled: 429,
};

export const passkeyPages = (services: Services, app: Hono<AdminEnv>) => {
  const { config, db } = services;
  const baseUrl = config.baseUrl;
  const mfaRequired = (signedIn: SignedIn) =>
    mfaRequiredFor(signedIn.principal.role, config.mfaRequiredRoles);

  /**
   * Changing one's passkeys: past the password step, and past the second one too once the user
   * has a factor (or a password alone could add a passkey and skip the real second step).
   */
  const factorChange = (c: AdminContext): SignedIn => {
    const signedIn = requirePassword(c);
    if (signedIn.mfaEnrolled && !signedIn.principal.mfaVerified)
      throw new AuthError('mfa_required', 'second factor not verified in this session');
    return signedIn;
  };

  /** RFC 9457 problem JSON; `detail` is already in the reader's language. */
  const problem = (
    c: AdminContext,
    status: 400 | 403 | 409 | 429,
    detail: string,
    errors?: FieldErrors,
  ) => {
    const body = {
      type: 'about:blank',
      title: c.get('page').t('accounts.passkeys.problem.title'),
      status,
      detail,
      ...(errors
        ? { errors: Object.entries(errors).map(([name, text]) => ({ name, detail: text })) }
        : {}),
    };
    return c.body(JSON.stringify(body), status, {
      'content-type': 'application/problem+json; charset=utf-8',
    });
  };
  const problemKey = (c: AdminContext, status: 400 | 403 | 409 | 429, key: string) =>
    problem(c, status, c.get('page').t(key));

  /** The posted form, validated: data, or problem JSON naming the name field when at fault. */
  const readJson = async <T,>(c: AdminContext, schema: z.ZodType<T>) => {
    const parsed = schema.safeParse(formValues(await c.req.parseBody()));
    if (parsed.success) return { ok: true as const, data: parsed.data };
    const { name } = formErrors(c.get('page'), parsed.error);
    return {
      ok: false as const,
      response: name
        ? problem(c, 400, name, { name })
        : problemKey(c, 400, 'accounts.passkeys.problem.bad_request'),
    };
  };

  const failed = (c: AdminContext, result: Extract<PasskeyResult, { ok: false }>) => {
    const { t } = c.get('page');
    if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
    return problem(
      c,
      PROBLEM_STATUS[result.problem],
      t(`accounts.passkeys.problem.${result.problem}`, {
        minutes: Math.ceil((result.retryAfterSeconds ?? 0) / 60),
      }),
    );
  };

  const page = async (
    c: AdminContext,
    signedIn: SignedIn,
    state: { notice?: string; message?: string; status?: 200 | 400 | 409 } = {},
  ) =>
    c.html(
      <PasskeysPage
        c={c}
        baseUrl={baseUrl}
        passkeys={await listPasskeys(db, signedIn.principal.userId)}
        notice={state.notice}
        message={state.message}
      />,
      state.status ?? 200,
    );

  app.get('/mfa/passkeys', async (c) => {
    const signedIn = factorChange(c);
    const query = c.req.query();
    const notice =
      'added' in query
        ? 'accounts.passkeys.added'
        : 'removed' in query
          ? 'accounts.passkeys.removed'
          : undefined;
    return page(c, signedIn, { notice });
  });

  app.post('/mfa/passkeys/register/options', async (c) => {
    const signedIn = factorChange(c);
    const form = await readJson(c, registerOptionsForm);
    if (!form.ok) return form.response;
    return c.json(
      await registrationOptions(services, {
        userId: signedIn.principal.userId,
        email: signedIn.email,
        sessionId: signedIn.sessionId,
      }),
    );
  });

  app.post('/mfa/passkeys/register', async (c) => {
    const signedIn = factorChange(c);
    const form = await readJson(c, registerForm);
    if (!form.ok) return form.response;
    const result = await finishRegistration(services, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
      sessionVerified: signedIn.principal.mfaVerified,
      name: form.data.name,
      response: form.data.credential as unknown as RegistrationResponseJSON,
    });
    if (!result.ok) return failed(c, result);
    const ctx = c.get('page');
    if (result.token) writeCookie(c, config, 'session', result.token, ABSOLUTE_TIMEOUT_MS / 1000);
    return c.json({
      ok: true,
      redirect: `${ctx.href('/admin/mfa/passkeys')}?added`,
      ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
    });
  });

  app.post('/mfa/passkeys/authenticate/options', async (c) => {
    const signedIn = requirePassword(c);
    if (signedIn.principal.mfaVerified)
      return problemKey(c, 409, 'accounts.passkeys.problem.already_verified');
    const options = await authenticationOptions(services, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
    });
    if (!options) return problemKey(c, 409, 'accounts.passkeys.problem.no_passkeys');
    return c.json(options);
  });

  app.post('/mfa/passkeys/authenticate', async (c) => {
    const signedIn = requirePassword(c);
    if (signedIn.principal.mfaVerified)
      return problemKey(c, 409, 'accounts.passkeys.problem.already_verified');
    const form = await readJson(c, authenticateForm);
    if (!form.ok) return form.response;
    const result = await finishAuthentication(services, {
      userId: signedIn.principal.userId,
      sessionId: signedIn.sessionId,
      response: form.data.credential as unknown as AuthenticationResponseJSON,
    });
    if (!result.ok) return failed(c, result);
    writeCookie(c, config, 'session', result.token!, ABSOLUTE_TIMEOUT_MS / 1000);
    return c.json({ ok: true, redirect: safeNext(form.data.next, c.get('page').locale) });
  });

  app.post('/mfa/passkeys/remove', async (c) => {
    const signedIn = requireSignedIn(c);
    authorize(signedIn.principal, 'update', 'own_account');
    const { t, href } = c.get('page');
    const parsed = removeForm.safeParse(formValues(await c.req.parseBody()));
    const outcome = parsed.success
      ? await removePasskey(services, {
          userId: signedIn.principal.userId,
          credentialId: parsed.data.credential,
          mfaRequired: mfaRequired(signedIn),
        })
      : 'not_found';
    if (outcome === 'removed') return c.redirect(`${href('/admin/mfa/passkeys')}?removed`, 303);
    return page(c, signedIn, {
      message: t(`accounts.passkeys.${outcome}`),
      status: outcome === 'last_factor' ? 409 : 400,
    });
  });
};

/** The library's browser bundle, then the page script; both same-origin, allowed by the CSP. */
export function PasskeyScripts() {
  return (
    <>
      <script src={assetPath('simplewebauthn-browser.js')} defer />
      <script src={assetPath('passkeys.js')} defer />
    </>
  );
}

/** Messages the page script shows, in the reader's language. */
function scriptMessages(ctx: PageContext) {
  return {
    'data-working': ctx.t('accounts.passkeys.working'),
    'data-cancelled': ctx.t('accounts.passkeys.cancelled'),
    'data-network': ctx.t('accounts.passkeys.network'),
  };
}

/** Said where the passkey buttons would be: shown until the script finds WebAuthn. */
export function NeedsJavaScript({ ctx }: { ctx: PageContext }) {
  return (
    <p class="meta" data-passkey-fallback>
      {ctx.t('accounts.passkeys.needs_js')}
    </p>
  );
}

/**
 * "Use a passkey" on the second-factor page: a form the script reveals and drives; without the
 * script it stays hidden and the note explains why.
 */
export function UsePasskey({ c, next }: { c: AdminContext; next?: string }) {
  const ctx = c.get('page');
  return (
    <section aria-labelledby="use-passkey-title">
      <h2 id="use-passkey-title">{ctx.t('accounts.passkeys.use_title')}</h2>
      <p>{ctx.t('accounts.passkeys.use_lead')}</p>
      <NeedsJavaScript ctx={ctx} />
      <form
        method="post"
        action={ctx.href('/admin/mfa/passkeys/authenticate')}
        data-passkey="authenticate"
        data-options={ctx.href('/admin/mfa/passkeys/authenticate/options')}
        {...scriptMessages(ctx)}
        hidden
      >
        <CsrfField token={c.get('csrf')} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <p class="meta" role="status" data-passkey-message></p>
        <button type="submit">{ctx.t('accounts.passkeys.use_submit')}</button>
      </form>
      <PasskeyScripts />
    </section>
  );
}

function PasskeysPage({
  c,
  baseUrl,
  passkeys,
  notice,
  message,
}: {
  c: AdminContext;
  baseUrl: string;
  passkeys: PasskeySummary[];
  notice?: string;
  message?: string;
}) {
  const ctx = c.get('page');
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return (
    <AdminPage ctx={ctx} title={t('accounts.passkeys.title')} baseUrl={baseUrl}>
      <h1>{t('accounts.passkeys.title')}</h1>
      {notice ? (
        <p class="note" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p class="lead">{t('accounts.passkeys.lead')}</p>
      <ErrorSummary ctx={ctx} message={message} />

      <h2>{t('accounts.passkeys.list')}</h2>
      {passkeys.length ? (
        <div class="table-wrap">
          <table>
            <caption>{t('accounts.passkeys.caption', { count: passkeys.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.passkeys.name')}</th>
                <th scope="col">{t('accounts.passkeys.created')}</th>
                <th scope="col">{t('accounts.passkeys.last_used')}</th>
                <th scope="col">{t('accounts.passkeys.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {passkeys.map((passkey) => (
                <tr>
                  <th scope="row">{passkey.name}</th>
                  <td>{date.format(passkey.createdAt)} UTC</td>
                  <td>
                    {passkey.lastUsedAt
                      ? `${date.format(passkey.lastUsedAt)} UTC`
                      : t('accounts.passkeys.never')}
                  </td>
                  <td>
                    <form method="post" action={ctx.href('/admin/mfa/passkeys/remove')}>
                      <CsrfField token={c.get('csrf')} />
                      <input type="hidden" name="credential" value={passkey.id} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={t('accounts.passkeys.remove_label', { name: passkey.name })}
                      >
                        {t('accounts.passkeys.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('accounts.passkeys.none')}</p>
      )}

      <h2 id="add-passkey-title">{t('accounts.passkeys.add')}</h2>
      <NeedsJavaScript ctx={ctx} />
      <form
        method="post"
        action={ctx.href('/admin/mfa/passkeys/register')}
        class="search-form"
        novalidate
        data-passkey="register"
        data-options={ctx.href('/admin/mfa/passkeys/register/options')}
        {...scriptMessages(ctx)}
        hidden
      >
        <CsrfField token={c.get('csrf')} />
        <Field
          id="name"
          label={t('accounts.passkeys.name_label')}
          hint={t('accounts.passkeys.name_hint')}
          autocomplete="off"
        />
        <p class="meta" role="status" data-passkey-message></p>
        <button type="submit">{t('accounts.passkeys.add')}</button>
      </form>

      <section id="passkey-codes" aria-labelledby="passkey-codes-title" hidden>
        <h2 id="passkey-codes-title" tabindex={-1}>
          {t('accounts.mfa.codes_title')}
        </h2>
        <p class="lead">{t('accounts.mfa.codes_lead')}</p>
        <ul class="card mono"></ul>
        <p class="actions">
          <a class="button" href={ctx.href('/admin')}>
            {t('accounts.mfa.codes_done')}
          </a>
        </p>
      </section>

      <p>
        <a href={ctx.href('/admin')}>{t('accounts.passkeys.back')}</a>
      </p>
      <PasskeyScripts />
    </AdminPage>
  );
}
