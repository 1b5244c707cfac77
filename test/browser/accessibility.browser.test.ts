/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page type, in both languages, in the light
 * and the dark color scheme (color-contrast differs). Findings are printed readably and written to
 * artifacts/axe-report.txt for the engineers who own the pages.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AXE_COLOR_RULES,
  HOOK_TIMEOUT,
  LOCALES,
  NO_CHROME,
  PAGE_TYPES,
  chromeFound,
  formatViolations,
  openPage,
  repoRoot,
  runAxe,
  startSite,
  visit,
  type GuardedContext,
  type Site,
} from './harness.ts';

// Browser globals, for the callbacks that run inside the page (page.evaluate, init scripts).
// Declared in this module only: the project's tsconfig has no DOM lib, on purpose.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const REPORT = path.join(repoRoot, 'artifacts', 'axe-report.txt');

describe.skipIf(!chromeFound)(chromeFound ? 'accessibility (axe-core)' : NO_CHROME, () => {
  let site: Site;
  const schemes = {} as Record<'light' | 'dark', GuardedContext>;

  beforeAll(async () => {
    site = await startSite();
    schemes.light = await openPage(site, { colorScheme: 'light' });
    schemes.dark = await openPage(site, { colorScheme: 'dark' });
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, `axe-core ${new Date().toISOString()}\n`);
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await site?.close();
  }, HOOK_TIMEOUT);

  test('axe runs under the strict CSP and finds a planted violation', async () => {
    const ctx = schemes.light;
    ctx.guard.problems.length = 0;
    await visit(ctx, site, '/es/about');
    await ctx.page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('main')!.append(img);
    });
    const violations = await runAxe(ctx.page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    ctx.guard.check();
  });

  for (const type of PAGE_TYPES) {
    for (const lang of LOCALES) {
      const pathname = type.path(lang);
      test(`${type.name} (${lang}) ${pathname}: no WCAG A/AA violations, light and dark`, async () => {
        const reports: string[] = [];
        for (const scheme of ['light', 'dark'] as const) {
          const ctx = schemes[scheme];
          ctx.guard.problems.length = 0;
          await visit(ctx, site, pathname, type.status);
          // Light: every WCAG A/AA rule. Dark: the rules that depend on colors.
          const violations = await runAxe(
            ctx.page,
            scheme === 'light' ? undefined : AXE_COLOR_RULES,
          );
          if (violations.length)
            reports.push(formatViolations(`${pathname} [${scheme}]`, violations));
          ctx.guard.check();
        }
        appendFileSync(
          REPORT,
          reports.length ? `\n${reports.join('\n')}\n` : `\n${pathname}: 0 violations\n`,
        );
        expect(reports, `\n${reports.join('\n\n')}`).toEqual([]);
      }, 60_000);
    }
  }
});
