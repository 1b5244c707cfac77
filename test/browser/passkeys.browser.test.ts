/**
 * Passkeys in a real browser, both languages: a new admin (made as `igualdad user create` makes
 * it) sets a password and an authenticator app, adds a passkey through Chromium's virtual
 * authenticator (DevTools Protocol `WebAuthn` domain), signs out, and signs in again with the
 * password and the passkey as the second step. axe finds no WCAG A/AA violation on the passkeys
 * page, empty and with a passkey. Screenshots land in artifacts/screenshots/passkeys-*.png.
 *
 * Chromium refuses an IP address as a WebAuthn RP ID, so this site is served at
 * http://localhost:<port> (BASE_URL too), not at 127.0.0.1 as the other browser tests.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/features/accounts/service.ts';
import { codeAt, fromBase32, stepAt } from '../../src/features/accounts/totp.ts';
import {
  HOOK_TIMEOUT,
  LOCALES,
  NO_CHROME,
  chromeFound,
  formatViolations,
  openPage,
  runAxe,
  screenshotPath,
  startSite,
  visit,
  type Site,
} from './harness.ts';

const PASSWORD = 'cinco palabras largas para entrar';

const TEXT = {
  es: {
    save: 'Guardar',
    confirm: 'Confirmar el código',
    add: 'Añadir una llave de acceso',
    use: 'Usar una llave de acceso',
    signOut: 'Cerrar sesión',
    signIn: 'Iniciar sesión',
    email: 'Correo electrónico',
    password: 'Contraseña',
    account: 'Su cuenta',
  },
  en: {
    save: 'Save',
    confirm: 'Confirm the code',
    add: 'Add a passkey',
    use: 'Use a passkey',
    signOut: 'Sign out',
    signIn: 'Sign in',
    email: 'Email',
    password: 'Password',
    account: 'Your account',
  },
} as const;

describe.skipIf(!chromeFound)(chromeFound ? 'passkeys in the browser' : NO_CHROME, () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite(
      { dataDir: mkdtempSync(path.join(os.tmpdir(), 'igualdad-passkeys-')) },
      { host: 'localhost' },
    );
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await site?.close();
  }, HOOK_TIMEOUT);

  for (const lang of LOCALES) {
    test(`an admin adds a passkey and signs in with it (${lang}); no axe violations`, async () => {
      const text = TEXT[lang];
      const reports: string[] = [];
      const ctx = await openPage(site);
      const { page } = ctx;
      const axeHere = async (name: string) => {
        const found = await runAxe(page);
        if (found.length) reports.push(formatViolations(`${name}-${lang}`, found));
        await page.screenshot({
          path: screenshotPath(`passkeys-${name}-${lang}.png`),
          fullPage: true,
        });
      };
      try {
        // The command line's account: a set-up link, then a password and an authenticator app
        // (admins must have a second factor).
        const email = `passkey-admin-${lang}@example.org`;
        const { token } = await createUser(site.database.db, {
          email,
          role: 'admin',
          locale: lang,
          actorId: null,
          now: new Date(),
        });
        await visit(ctx, site, `/${lang}/admin/set-up?token=${token}`);
        await page.locator('#password').fill(PASSWORD);
        await page.locator('#confirm').fill(PASSWORD);
        await page.getByRole('button').filter({ hasText: text.save }).click();
        await page.waitForURL(/\/admin\/mfa\/setup$/);
        const key = (await page.locator('code.mono').textContent())!;
        await page.locator('#code').fill(codeAt(fromBase32(key), stepAt(new Date())));
        await page.getByRole('button', { name: text.confirm }).click();
        await page.waitForLoadState('load');
        expect(await page.locator('ul.card li').count()).toBe(10);

        // Chromium's virtual authenticator, a platform one with user verification.
        const cdp = await ctx.context.newCDPSession(page);
        await cdp.send('WebAuthn.enable', { enableUI: false });
        const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            transport: 'internal',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
          },
        });

        await visit(ctx, site, `/${lang}/admin/mfa/passkeys`);
        // The script found WebAuthn: the form is shown and the no-JavaScript note hidden.
        await expect(page.locator('form[data-passkey="register"]').isVisible()).resolves.toBe(true);
        await expect(page.locator('[data-passkey-fallback]').isVisible()).resolves.toBe(false);
        await axeHere('empty');
        await page.locator('#name').fill('Portátil de prueba');
        await page.getByRole('button', { name: text.add }).click();
        await page.waitForURL(/\/admin\/mfa\/passkeys\?added$/);
        await expect(page.locator('th[scope="row"]').textContent()).resolves.toBe(
          'Portátil de prueba',
        );
        const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
        expect(credentials).toHaveLength(1);
        await axeHere('list');

        // Sign out, then in again: the password, then the passkey as the second step.
        await visit(ctx, site, `/${lang}/admin`);
        await page.getByRole('button', { name: text.signOut }).first().click();
        await page.waitForURL(/\/admin\/sign-in\?signed_out$/);
        await page.getByLabel(text.email).fill(email);
        await page.getByLabel(text.password, { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: text.signIn }).click();
        await page.waitForURL(/\/admin\/mfa$/);
        await axeHere('verify');
        await page.getByRole('button', { name: text.use }).click();
        await page.waitForURL(new RegExp(`/${lang}/admin$`));
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          text.account,
        );
        const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
        expect(after.credentials[0]!.signCount).toBeGreaterThan(credentials[0]!.signCount);
        ctx.guard.check();
      } finally {
        await ctx.context.close();
      }
      expect(reports, `\n${reports.join('\n\n')}`).toEqual([]);
    }, 120_000);
  }
});
