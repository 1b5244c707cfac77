/**
 * The staff pages in a real browser, both languages, light and dark: a new admin follows the
 * set-up link made as `igualdad user create` makes it, chooses a password, reaches their account,
 * the accounts page and the audit log; axe-core finds no WCAG A/AA violation on any of them, nor
 * on the sign-in, reset and error states. Screenshots land in artifacts/screenshots/admin-*.png.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/features/accounts/service.ts';
import { codeAt, fromBase32, stepAt } from '../../src/features/accounts/totp.ts';
import {
  AXE_COLOR_RULES,
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
  type GuardedContext,
  type Site,
} from './harness.ts';

const PASSWORD = 'cinco palabras largas para entrar';

describe.skipIf(!chromeFound)(chromeFound ? 'staff pages in the browser' : NO_CHROME, () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'igualdad-admin-')),
      mfaRequiredRoles: [],
    });
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await site?.close();
  }, HOOK_TIMEOUT);

  /** axe in light (all A/AA rules) and dark (color rules), and a screenshot. */
  async function check(ctx: GuardedContext, dark: GuardedContext, name: string): Promise<string[]> {
    const reports: string[] = [];
    const light = await runAxe(ctx.page);
    if (light.length) reports.push(formatViolations(`${name} [light]`, light));
    await ctx.page.screenshot({ path: screenshotPath(`admin-${name}.png`), fullPage: true });
    await dark.page.goto(ctx.page.url());
    const darkViolations = await runAxe(dark.page, AXE_COLOR_RULES);
    if (darkViolations.length) reports.push(formatViolations(`${name} [dark]`, darkViolations));
    ctx.guard.check();
    return reports;
  }

  for (const lang of LOCALES) {
    test(`set-up, sign-in and account pages (${lang}): usable and no axe violations`, async () => {
      const reports: string[] = [];
      const ctx = await openPage(site, { colorScheme: 'light' });
      // The dark page only re-reads anonymous pages' colors: it shares no cookies with ctx.
      const dark = await openPage(site, { colorScheme: 'dark' });
      const { page } = ctx;
      // Forms with errors and invalid links answer 400 on purpose; Chromium logs that.
      ctx.guard.allow(/status of 400/);
      try {
        await visit(ctx, site, `/${lang}/admin/sign-in`);
        reports.push(...(await check(ctx, dark, `sign-in-${lang}`)));
        await page
          .getByRole('button', { name: lang === 'es' ? 'Iniciar sesión' : 'Sign in' })
          .click();
        await page.waitForLoadState('load');
        expect(await page.locator('[aria-invalid="true"]').count()).toBe(2);
        reports.push(...(await check(ctx, dark, `sign-in-errors-${lang}`)));

        await visit(ctx, site, `/${lang}/admin/reset`);
        reports.push(...(await check(ctx, dark, `reset-${lang}`)));
        await page
          .getByLabel(lang === 'es' ? 'Correo electrónico' : 'Email')
          .fill('someone@example.org');
        await page
          .getByRole('button', { name: lang === 'es' ? 'Enviar el enlace' : 'Send the link' })
          .click();
        await page.waitForLoadState('load');
        reports.push(...(await check(ctx, dark, `reset-sent-${lang}`)));

        await visit(ctx, site, `/${lang}/admin/set-up?token=${'x'.repeat(43)}`, 400);
        reports.push(...(await check(ctx, dark, `link-invalid-${lang}`)));

        const { token } = await createUser(site.database.db, {
          email: `admin-${lang}@example.org`,
          role: 'admin',
          locale: lang,
          actorId: null,
          now: new Date(),
        });
        await visit(ctx, site, `/${lang}/admin/set-up?token=${token}`);
        reports.push(...(await check(ctx, dark, `set-up-${lang}`)));
        await page.locator('#password').fill(PASSWORD);
        await page.locator('#confirm').fill(PASSWORD);
        await page
          .getByRole('button')
          .filter({ hasText: lang === 'es' ? 'Guardar' : 'Save' })
          .click();
        await page.waitForURL(/\/admin\?password_set$/);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          lang === 'es' ? 'Su cuenta' : 'Your account',
        );
        for (const [name, pathname] of [
          ['landing', '/admin'],
          ['password', '/admin/password'],
          ['users', '/admin/users'],
          ['audit', '/admin/audit'],
        ] as const) {
          await visit(ctx, site, `/${lang}${pathname}`);
          // Signed-in pages: dark mode is checked on the same signed-in context.
          const light = await runAxe(page);
          if (light.length) reports.push(formatViolations(`${name}-${lang} [light]`, light));
          await page.screenshot({
            path: screenshotPath(`admin-${name}-${lang}.png`),
            fullPage: true,
          });
          await page.emulateMedia({ colorScheme: 'dark' });
          const darkViolations = await runAxe(page, AXE_COLOR_RULES);
          if (darkViolations.length)
            reports.push(formatViolations(`${name}-${lang} [dark]`, darkViolations));
          await page.emulateMedia({ colorScheme: 'light' });
        }
        // Two-step verification: set up from the landing page, then asked at the next sign-in.
        const axeHere = async (name: string) => {
          const found = await runAxe(page);
          if (found.length) reports.push(formatViolations(`${name}-${lang}`, found));
          await page.screenshot({
            path: screenshotPath(`admin-${name}-${lang}.png`),
            fullPage: true,
          });
        };
        await visit(ctx, site, `/${lang}/admin/mfa/setup`);
        await axeHere('mfa-setup');
        const key = (await page.locator('code.mono').textContent())!;
        await page.locator('#code').fill(codeAt(fromBase32(key), stepAt(new Date())));
        await page
          .getByRole('button', { name: lang === 'es' ? 'Confirmar el código' : 'Confirm the code' })
          .click();
        await page.waitForLoadState('load');
        expect(await page.locator('ul.card li').count()).toBe(10);
        await axeHere('mfa-recovery-codes');
        await visit(ctx, site, `/${lang}/admin`);
        await page
          .getByRole('button', { name: lang === 'es' ? 'Cerrar sesión' : 'Sign out' })
          .first()
          .click();
        await page.waitForURL(/\/admin\/sign-in\?signed_out$/);
        await page
          .getByLabel(lang === 'es' ? 'Correo electrónico' : 'Email')
          .fill(`admin-${lang}@example.org`);
        await page
          .getByLabel(lang === 'es' ? 'Contraseña' : 'Password', { exact: true })
          .fill(PASSWORD);
        await page
          .getByRole('button', { name: lang === 'es' ? 'Iniciar sesión' : 'Sign in' })
          .click();
        await page.waitForURL(/\/admin\/mfa$/);
        await axeHere('mfa-verify');
        ctx.guard.check();
      } finally {
        await ctx.context.close();
        await dark.context.close();
      }
      expect(reports, `\n${reports.join('\n\n')}`).toEqual([]);
    }, 120_000);
  }
});
