/**
 * Editing content in a real browser: an admin created as `igualdad user create` does, who signs
 * in with a password and a TOTP code, edits a policy's Spanish and English summary side by side,
 * publishes, sees the new text on the public page in both languages, then restores the earlier
 * revision from the history page and sees the old text back. axe-core finds no WCAG A/AA
 * violation on the edit page (and the list, an error state and the preview) in either language;
 * screenshots at 390 px and 1280 px land in artifacts/screenshots/editorial-*.png.
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
  POLICY,
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
const EMAIL = 'editora@example.org';

describe.skipIf(!chromeFound)(chromeFound ? 'editing content in the browser' : NO_CHROME, () => {
  let site: Site;
  let ctx: GuardedContext;
  beforeAll(async () => {
    site = await startSite({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'igualdad-editorial-')),
      mfaRequiredRoles: ['admin', 'editor'],
    });
    ctx = await openPage(site);
    // Forms with problems answer 422 and stale ones 409 on purpose; Chromium logs that.
    ctx.guard.allow(/status of 4(09|22)/);
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await ctx?.context.close();
    await site?.close();
  }, HOOK_TIMEOUT);

  /** axe (all A/AA rules light, color rules dark) and screenshots at 1280 px and 390 px. */
  async function check(name: string): Promise<string[]> {
    const { page } = ctx;
    const reports: string[] = [];
    const light = await runAxe(page);
    if (light.length) reports.push(formatViolations(`${name} [light]`, light));
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await runAxe(page, AXE_COLOR_RULES);
    if (dark.length) reports.push(formatViolations(`${name} [dark]`, dark));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath(`editorial-${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath(`editorial-${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    return reports;
  }

  test('an admin signs in with TOTP, edits both languages, publishes, and restores the old text', async () => {
    const { page } = ctx;
    const { token } = await createUser(site.database.db, {
      email: EMAIL,
      role: 'admin',
      locale: 'es',
      actorId: null,
      now: new Date(),
    });
    await visit(ctx, site, `/en/admin/set-up?token=${token}`);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#confirm').fill(PASSWORD);
    await page.getByRole('button').filter({ hasText: 'Save' }).click();
    await page.waitForLoadState('load');
    await visit(ctx, site, '/en/admin/mfa/setup');
    const key = fromBase32((await page.locator('code.mono').first().textContent())!);
    const setupStep = stepAt(new Date());
    await page.locator('#code').fill(codeAt(key, setupStep));
    await page.getByRole('button', { name: 'Confirm the code' }).click();
    await page.waitForLoadState('load');
    await visit(ctx, site, '/en/admin');
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/mfa$/);
    // The set-up code's step is used; the next step's code is within the accepted window.
    await page.locator('#code').fill(codeAt(key, Math.max(stepAt(new Date()), setupStep + 1)));
    await page.getByRole('button', { name: 'Verify and continue' }).click();
    await page.waitForURL(/\/en\/admin$/);

    const edit = `/en/admin/content/policy/${POLICY}`;
    await visit(ctx, site, edit);
    const summaryEs = page.getByLabel('Summary in Spanish', { exact: true });
    const summaryEn = page.getByLabel('Summary in English', { exact: true });
    const oldEs = await summaryEs.inputValue();
    const oldEn = await summaryEn.inputValue();
    expect(oldEn.length).toBeGreaterThan(20);
    await summaryEs.fill('Resumen corregido desde el navegador.');
    await summaryEn.fill('Summary corrected from the browser.');
    await page.getByRole('button', { name: 'Save draft' }).first().click();
    await page.waitForURL(/\?done=saved$/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The draft was saved.',
    );
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\?done=published$/);

    await visit(ctx, site, `/es/policies/${POLICY}`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Resumen corregido desde el navegador.',
    );
    await visit(ctx, site, `/en/policies/${POLICY}`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Summary corrected from the browser.',
    );

    // The history page: restoring revision 1 (the text before the edit) publishes it again.
    await visit(ctx, site, `${edit}/history`);
    await page.locator('form[action$="/history/1/restore"] button').click();
    await page.waitForURL(/\/history\?done=restored$/);
    await visit(ctx, site, `/en/policies/${POLICY}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain('Summary corrected from the browser.');
    expect(main.replace(/\s+/g, ' ')).toContain(oldEn.replace(/\s+/g, ' ').trim().slice(0, 60));
    await visit(ctx, site, `/es/policies/${POLICY}`);
    expect(((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ')).toContain(
      oldEs.replace(/\s+/g, ' ').trim().slice(0, 60),
    );
    ctx.guard.check();
  }, 180_000);

  for (const lang of LOCALES) {
    test(`the edit page, list, an error state and the preview (${lang}): no axe violations`, async () => {
      const { page } = ctx;
      const reports: string[] = [];
      await visit(ctx, site, `/${lang}/admin/content/policy/${POLICY}`);
      reports.push(...(await check(`edit-${lang}`)));
      await visit(ctx, site, `/${lang}/admin/content?kind=policy`);
      reports.push(...(await check(`list-${lang}`)));
      await visit(ctx, site, `/${lang}/admin/content/policy/new`);
      await page.locator('#f-slug').fill('Not A Slug');
      await page
        .getByRole('button', { name: lang === 'es' ? 'Crear el borrador' : 'Create draft' })
        .first()
        .click();
      await page.waitForLoadState('load');
      expect(await page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(2);
      reports.push(...(await check(`new-errors-${lang}`)));
      await visit(ctx, site, `/${lang}/admin/content/policy/${POLICY}/preview`);
      expect(await page.title()).toMatch(
        lang === 'es' ? /^Vista previa, sin publicar: / : /^Preview, not published: /,
      );
      reports.push(...(await check(`preview-${lang}`)));
      ctx.guard.check();
      expect(reports, `\n${reports.join('\n\n')}`).toEqual([]);
    }, 180_000);
  }

  test("a translator's edit page (es): only the texts editable, no axe violations", async () => {
    const translator = await openPage(site);
    const { page } = translator;
    try {
      const { token } = await createUser(site.database.db, {
        email: 'traductora@example.org',
        role: 'translator',
        locale: 'es',
        actorId: null,
        now: new Date(),
      });
      await visit(translator, site, `/es/admin/set-up?token=${token}`);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('#confirm').fill(PASSWORD);
      await page.getByRole('button').filter({ hasText: 'Guardar' }).click();
      await page.waitForURL(/\/admin\?password_set$/);
      await visit(translator, site, `/es/admin/content/policy/${POLICY}`);
      expect(await page.locator('select[name="classification"]').count()).toBe(0);
      await expect(
        page.getByLabel('Resumen en inglés', { exact: true }).isEditable(),
      ).resolves.toBe(true);
      const found = await runAxe(page);
      await page.screenshot({
        path: screenshotPath('editorial-translator-es-1280.png'),
        fullPage: true,
      });
      translator.guard.check();
      expect(found, formatViolations('translator-es', found)).toEqual([]);
    } finally {
      await translator.context.close();
    }
  }, 120_000);
});
