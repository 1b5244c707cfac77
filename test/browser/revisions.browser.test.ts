/**
 * The revision pages in a real browser: an editor opens a policy's history, reads a diff (the
 * changed words marked), restores an earlier revision with the button, and reads the translator
 * queue. axe-core finds no WCAG A/AA violation on the history, diff and queue pages in either
 * language or color scheme; screenshots land in artifacts/screenshots/revisions-*.png.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/features/accounts/service.ts';
import {
  createItem,
  publish,
  saveDraft,
  type Actor,
} from '../../src/features/editorial/service.ts';
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
const EMAIL = 'revisora@example.org';
const SLUG = 'browser-revisions-policy';
const HISTORY = `/admin/content/policy/${SLUG}/history`;

describe.skipIf(!chromeFound)(chromeFound ? 'revision pages in the browser' : NO_CHROME, () => {
  let site: Site;
  let ctx: GuardedContext;

  beforeAll(async () => {
    site = await startSite({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'igualdad-revisions-')),
      mfaRequiredRoles: [],
    });
    ctx = await openPage(site);
    const { token, userId } = await createUser(site.database.db, {
      email: EMAIL,
      role: 'editor',
      locale: 'en',
      actorId: null,
      now: new Date(),
    });
    const editor: Actor = { principal: { userId, role: 'editor', mfaVerified: true } };
    const doc = {
      slug: SLUG,
      classification: 'ordinance',
      stance: 'protects',
      jurisdiction: 'ocd-division/country:us/state:nm',
      title: { es: 'Ordenanza de acogida', en: 'Welcoming ordinance' },
      summary: { es: 'El condado no retiene a nadie.', en: 'The county holds nobody.' },
    };
    const db = site.database.db;
    await createItem(db, editor, 'policy', doc);
    await publish(db, editor, 'policy', SLUG, { baseVersion: 1 });
    await saveDraft(db, editor, 'policy', SLUG, {
      baseVersion: 2,
      document: {
        ...doc,
        summary: { es: 'El condado no retiene a ninguna persona.', en: doc.summary.en },
      },
    });
    await publish(db, editor, 'policy', SLUG, { baseVersion: 3 });

    const { page } = ctx;
    await visit(ctx, site, `/en/admin/set-up?token=${token}`);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#confirm').fill(PASSWORD);
    await page.getByRole('button').filter({ hasText: 'Save' }).click();
    await page.waitForLoadState('load');
    await visit(ctx, site, '/en/admin');
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await ctx?.context.close();
    await site?.close();
  }, HOOK_TIMEOUT);

  async function check(name: string): Promise<string[]> {
    const { page } = ctx;
    const reports: string[] = [];
    const light = await runAxe(page);
    if (light.length) reports.push(formatViolations(`${name} [light]`, light));
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await runAxe(page, AXE_COLOR_RULES);
    if (dark.length) reports.push(formatViolations(`${name} [dark]`, dark));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: screenshotPath(`revisions-${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath(`revisions-${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    return reports;
  }

  for (const lang of LOCALES) {
    test(`history, diff and translation queue (${lang}): no axe violations`, async () => {
      const reports: string[] = [];
      await visit(ctx, site, `/${lang}${HISTORY}`);
      reports.push(...(await check(`history-${lang}`)));
      await visit(ctx, site, `/${lang}${HISTORY}/2`);
      const marked = ctx.page.locator('table.diff ins');
      await expect(marked.first().textContent()).resolves.toContain('ninguna persona');
      reports.push(...(await check(`diff-${lang}`)));
      await visit(ctx, site, `/${lang}/admin/translations?language=en`);
      await expect(ctx.page.locator('main').textContent()).resolves.toContain(
        lang === 'es' ? 'Ordenanza de acogida' : 'Welcoming ordinance',
      );
      reports.push(...(await check(`queue-${lang}`)));
      expect(reports).toEqual([]);
      ctx.guard.check();
    }, 120_000);
  }

  test('restores the first revision with its button and the public page shows it again', async () => {
    const { page } = ctx;
    await visit(ctx, site, `/en${HISTORY}`);
    await page.getByRole('button', { name: 'Restore revision 1 and publish it' }).click();
    await page.waitForURL(/\?done=restored$/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The revision was restored',
    );
    await visit(ctx, site, `/es/policies/${SLUG}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('El condado no retiene a nadie.');
    ctx.guard.check();
  }, 120_000);
});
