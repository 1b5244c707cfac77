/**
 * Every page type in both languages, in a real browser: no request leaves the app's origin, no
 * console error or CSP violation, a full-page screenshot at 390 px and 1280 px
 * (artifacts/screenshots/), and the page weight budget: HTML + CSS + JS, gzip-compressed,
 * at most 30 KB per page (table in artifacts/page-weight.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  HOOK_TIMEOUT,
  LOCALES,
  NO_CHROME,
  PAGE_TYPES,
  chromeFound,
  openPage,
  repoRoot,
  screenshotPath,
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

export const PAGE_BUDGET = 30 * 1024;
const WEIGHT_TABLE = path.join(repoRoot, 'artifacts', 'page-weight.md');
const COUNTED = new Set(['document', 'stylesheet', 'script']);

interface Weight {
  page: string;
  html: number;
  css: number;
  js: number;
  total: number;
  files: number;
}

describe.skipIf(!chromeFound)(chromeFound ? 'every page type' : NO_CHROME, () => {
  let site: Site;
  let desktop: GuardedContext;
  let phone: GuardedContext;
  const weights: Weight[] = [];

  beforeAll(async () => {
    site = await startSite();
    desktop = await openPage(site, { width: 1280, height: 900 });
    phone = await openPage(site, { width: 390, height: 844 });
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    if (weights.length) {
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const rows = weights.map(
        (w) =>
          `| ${w.page} | ${kb(w.html)} | ${kb(w.css)} | ${kb(w.js)} | ${kb(w.total)} | ${w.total <= PAGE_BUDGET ? 'pass' : 'FAIL'} |`,
      );
      mkdirSync(path.dirname(WEIGHT_TABLE), { recursive: true });
      writeFileSync(
        WEIGHT_TABLE,
        [
          '| page | HTML | CSS | JS | total (gzip) | ≤ 30 KB |',
          '| --- | --- | --- | --- | --- | --- |',
          ...rows,
          '',
        ].join('\n'),
      );
    }
    await site?.close();
  }, HOOK_TIMEOUT);

  test('the guard catches a third-party request and a CSP violation', async () => {
    const ctx = await openPage(site);
    try {
      await visit(ctx, site, '/es/about');
      // An inline script is refused by the CSP (no request is made).
      await ctx.page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'void 0';
        document.body.append(s);
      });
      // The violation event comes asynchronously: wait for it before leaving the page, or a
      // loaded machine navigates away first and the report is lost with the page.
      await expect.poll(() => ctx.guard.problems.join('\n')).toMatch(/CSP violation: script-src/);
      // A navigation elsewhere is aborted by the guard before it leaves the machine.
      await ctx.page.goto('http://third-party.invalid/x').catch(() => undefined);
      expect(ctx.guard.problems.join('\n')).toMatch(
        /third-party request: GET http:\/\/third-party\.invalid\/x/,
      );
      expect(() => ctx.guard.check()).toThrow(/page guard/);
    } finally {
      await ctx.context.close();
    }
  });

  for (const type of PAGE_TYPES) {
    for (const lang of LOCALES) {
      const pathname = type.path(lang);
      test(`${type.name} (${lang}) ${pathname}: same-origin only, screenshots, ≤ 30 KB`, async () => {
        // 1280 px: the weight of this load, then a full-page screenshot.
        desktop.guard.problems.length = 0;
        const bodies: Promise<{ type: string; bytes: number }>[] = [];
        const onResponse = (response: import('playwright-core').Response) => {
          const kind = response.request().resourceType();
          if (!COUNTED.has(kind) || (response.status() >= 300 && response.status() < 400)) return;
          bodies.push(response.body().then((b) => ({ type: kind, bytes: gzipSync(b).length })));
        };
        desktop.page.on('response', onResponse);
        try {
          await visit(desktop, site, pathname, type.status);
        } finally {
          desktop.page.off('response', onResponse);
        }
        const sizes = await Promise.all(bodies);
        const sum = (kind: string) =>
          sizes.filter((s) => s.type === kind).reduce((n, s) => n + s.bytes, 0);
        const weight: Weight = {
          page: `${type.name} (${lang})`,
          html: sum('document'),
          css: sum('stylesheet'),
          js: sum('script'),
          total: sizes.reduce((n, s) => n + s.bytes, 0),
          files: sizes.length,
        };
        weights.push(weight);
        await desktop.page.screenshot({
          path: screenshotPath(`${type.name}-${lang}-1280.png`),
          fullPage: true,
        });
        desktop.guard.check();

        // 390 px: a fresh load (scripts adapt to the width at load), then a screenshot.
        phone.guard.problems.length = 0;
        await visit(phone, site, pathname, type.status);
        await phone.page.screenshot({
          path: screenshotPath(`${type.name}-${lang}-390.png`),
          fullPage: true,
        });
        const overflow = await phone.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        phone.guard.check();

        for (const url of [...desktop.guard.requests, ...phone.guard.requests])
          expect(new URL(url).origin).toBe(site.origin);
        expect(
          overflow,
          `${pathname} scrolls sideways at 390 px by ${overflow} px`,
        ).toBeLessThanOrEqual(0);
        expect(
          weight.total,
          `${pathname}: HTML ${weight.html} + CSS ${weight.css} + JS ${weight.js} bytes gzip`,
        ).toBeLessThanOrEqual(PAGE_BUDGET);
      }, 60_000);
    }
  }
});
