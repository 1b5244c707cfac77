/**
 * Body pages, an official's scorecard and the comparison in a real browser, on the default
 * dataset plus a small board of our own: the comparison's pickers work with scripts blocked,
 * nothing scrolls sideways at 390 px, axe finds nothing light or dark, and screenshots at 390 px
 * and 1280 px go to artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AXE_COLOR_RULES,
  HOOK_TIMEOUT,
  NO_CHROME,
  chromeFound,
  formatViolations,
  openPage,
  runAxe,
  screenshotPath,
  startSite,
  visit,
  type Site,
} from '../../../test/browser/harness.ts';
import { buildBoard } from './body-test-kit.ts';

const PAGES = [
  ['body-board', '/{lang}/bodies/test-board'],
  ['official-scorecard', '/{lang}/officials/rosa-ruiz?from=2015&to=2018'],
  ['compare', '/{lang}/officials/compare?a=rosa-ruiz&b=tomas-torres'],
] as const;

describe.skipIf(!chromeFound)(
  chromeFound ? 'body pages and comparison in a browser' : NO_CHROME,
  () => {
    let site: Site;
    beforeAll(async () => {
      site = await startSite();
      await buildBoard(site.database);
    }, HOOK_TIMEOUT);
    afterAll(async () => {
      await site?.close();
    }, HOOK_TIMEOUT);

    test('the pickers compare two officials with scripts blocked', async () => {
      const ctx = await openPage(site, { width: 390, height: 844 });
      await ctx.page.route('**/*.js', (route) => route.abort());
      ctx.guard.allow(/net::ERR_FAILED/);
      await visit(ctx, site, '/en/officials/compare');
      await ctx.page.getByLabel('First official').selectOption('rosa-ruiz');
      await ctx.page.getByLabel('Second official').selectOption('tomas-torres');
      await Promise.all([
        ctx.page.waitForURL(/b=tomas-torres/),
        ctx.page.getByRole('button', { name: 'Compare' }).click(),
      ]);
      expect(await ctx.page.locator('.compare-table tbody tr').count()).toBe(4);
      await ctx.page.getByLabel('From (year)').first().fill('2016');
      await ctx.page.getByLabel('To (year)').first().fill('2016');
      await Promise.all([
        ctx.page.waitForURL(/from=2016/),
        ctx.page.getByRole('button', { name: 'Show this period' }).click(),
      ]);
      expect(await ctx.page.locator('.compare-table tbody tr').count()).toBe(1);
      expect(ctx.page.url()).toMatch(/a=rosa-ruiz/);
      await ctx.context.close();
    });

    test('screenshots at 390 and 1280 px, nothing scrolls sideways', async () => {
      for (const [width, height] of [
        [390, 844],
        [1280, 900],
      ] as const) {
        const ctx = await openPage(site, { width, height });
        for (const lang of ['es', 'en'] as const) {
          for (const [name, pattern] of PAGES) {
            const pathname = pattern.replace('{lang}', lang);
            await visit(ctx, site, pathname);
            const overflow = (await ctx.page.evaluate(
              'document.documentElement.scrollWidth - document.documentElement.clientWidth',
            )) as number;
            expect(overflow, `${pathname} at ${width} px`).toBeLessThanOrEqual(0);
            await ctx.page.screenshot({
              path: screenshotPath(`${name}-${lang}-${width}.png`),
              fullPage: true,
            });
          }
        }
        ctx.guard.check();
        await ctx.context.close();
      }
    });

    test('no axe violations, light and dark', async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const ctx = await openPage(site, { colorScheme: scheme });
        for (const [, pattern] of PAGES) {
          for (const lang of ['es', 'en'] as const) {
            const pathname = pattern.replace('{lang}', lang);
            await visit(ctx, site, pathname);
            const violations = await runAxe(
              ctx.page,
              scheme === 'light' ? undefined : AXE_COLOR_RULES,
            );
            expect(violations, formatViolations(pathname, violations)).toEqual([]);
          }
        }
        ctx.guard.check();
        await ctx.context.close();
      }
    });
  },
);
