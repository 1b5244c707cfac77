/**
 * The journeys people make on the public site, in a real browser, with role- and label-based
 * selectors: switch language, search in either language, filter, print and download the kit,
 * and do it all with the keyboard. Every test fails on a third-party request, a console error or
 * a CSP violation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  HOOK_TIMEOUT,
  NO_CHROME,
  POLICY,
  chromeFound,
  openPage,
  startSite,
  visit,
  type GuardedContext,
  type Site,
} from './harness.ts';

// Browser globals, for the callbacks that run inside the page (page.evaluate, init scripts).
// Declared in this module only: the project's tsconfig has no DOM lib, on purpose.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare function getComputedStyle(element: unknown): any;
/* eslint-enable @typescript-eslint/no-explicit-any */

describe.skipIf(!chromeFound)(chromeFound ? 'browser journeys' : NO_CHROME, () => {
  let site: Site;
  let current: GuardedContext | undefined;

  beforeAll(async () => {
    site = await startSite();
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await site?.close();
  }, HOOK_TIMEOUT);
  afterEach(async () => {
    const ctx = current;
    current = undefined;
    await ctx?.context.close();
  });

  async function open(options: Parameters<typeof openPage>[1] = {}) {
    current = await openPage(site, options);
    return current;
  }

  test('switches language on a policy page and lands on the same policy in English', async () => {
    const ctx = await open();
    const { page } = ctx;
    await visit(ctx, site, `/es/policies/${POLICY}`);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.origin}/en/policies/${POLICY}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain('AR 2017-22');
    // and back
    await page.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL(`${site.origin}/es/policies/${POLICY}`);
    ctx.guard.check();
  });

  for (const [lang, query, label, search] of [
    ['es', 'detencion', 'Buscar políticas', 'Buscar'],
    ['en', 'detainer', 'Search policies', 'Search'],
  ] as const) {
    test(`searches "${query}" on /${lang}/policies and reaches AR 2017-22`, async () => {
      const ctx = await open();
      const { page } = ctx;
      await visit(ctx, site, `/${lang}/policies`);
      await page.getByLabel(label, { exact: true }).fill(query);
      await page.getByRole('search').getByRole('button', { name: search }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === query);
      const results = page.locator('main ol li');
      expect(await results.count()).toBeGreaterThan(0);
      const county = results.filter({ hasText: 'AR 2017-22' }).getByRole('link').first();
      await county.click();
      await page.waitForURL(`${site.origin}/${lang}/policies/${POLICY}`);
      expect(await page.locator('main').innerText()).toContain('AR 2017-22');
      ctx.guard.check();
    });
  }

  for (const [lang, place, status, filters] of [
    ['es', 'Ciudad de Albuquerque', 'Vigente', 'Aplicar filtros'],
    ['en', 'City of Albuquerque', 'In force', 'Apply filters'],
  ] as const) {
    test(`filters /${lang}/policies by jurisdiction and status`, async () => {
      const ctx = await open();
      const { page } = ctx;
      await visit(ctx, site, `/${lang}/policies`);
      const select = page.getByLabel(lang === 'es' ? 'Lugar' : 'Place', { exact: true });
      const value = await select
        .locator('option', { hasText: place })
        .first()
        .getAttribute('value');
      expect(value, `no "${place}" option in the jurisdiction filter`).toBeTruthy();
      await select.selectOption(value!);
      await page.getByLabel(status).check();
      await page.getByRole('button', { name: filters }).click();
      await page.waitForURL((url) => url.searchParams.get('status') === 'in_force');
      const url = new URL(page.url());
      expect(url.searchParams.get('jurisdiction')).toBe(value);
      const cards = page.locator('main ol li article');
      const count = await cards.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const text = await cards.nth(i).innerText();
        expect(text, `result ${i + 1} is not from ${place}`).toContain(place);
        expect(text, `result ${i + 1} is not ${status}`).toContain(status);
      }
      // The form shows what is applied.
      expect(await select.inputValue()).toBe(value);
      expect(await page.getByLabel(status).isChecked()).toBe(true);
      ctx.guard.check();
    });
  }

  for (const [lang, print, pdf] of [
    ['es', 'Versión para imprimir', 'Descargar el kit en PDF'],
    ['en', 'Printable version', 'Download the PDF kit'],
  ] as const) {
    test(`opens a policy, its print kit and its PDF (${lang})`, async () => {
      const ctx = await open();
      const { page } = ctx;
      await visit(ctx, site, `/${lang}/policies/${POLICY}`);
      const printLink = page.getByRole('link', { name: print });
      expect(await printLink.count(), `no "${print}" link on the policy page`).toBe(1);
      const [response] = await Promise.all([page.waitForNavigation(), printLink.click()]);
      expect(
        response?.status(),
        `${page.url()} answered ${response?.status()} (print kit route missing?)`,
      ).toBe(200);
      expect(page.url()).toBe(`${site.origin}/${lang}/policies/${POLICY}/print`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.locator('body').innerText()).toContain('AR 2017-22');

      // The PDF link, from the print page if it has one, else from the policy page.
      let href = await page
        .getByRole('link', { name: pdf })
        .first()
        .getAttribute('href', { timeout: 1000 })
        .catch(() => null);
      if (!href) {
        await visit(ctx, site, `/${lang}/policies/${POLICY}`);
        href = await page.getByRole('link', { name: pdf }).getAttribute('href');
      }
      expect(href).toBe(`/${lang}/policies/${POLICY}/kit.pdf`);
      const res = await ctx.context.request.get(new URL(href!, site.origin).toString());
      expect(res.status(), `GET ${href} answered ${res.status()}`).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^application\/pdf/);
      const body = await res.body();
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      ctx.guard.check();
    });
  }

  test('keyboard only: skip link, search, language switch (es)', async () => {
    const ctx = await open();
    const { page } = ctx;
    await visit(ctx, site, '/es');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}|${(el.textContent ?? '').trim().slice(0, 40)}`;
      });

    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^a\.skip\|/);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).clip)).not.toBe(
      'rect(0px, 0px, 0px, 0px)',
    );
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^main#main/);

    // From main, Tab forward to the search box.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.type)) === 'search';
    }
    expect(reached, 'the search box is not reachable with Tab from main').toBe(true);
    await page.keyboard.type('detencion');
    await Promise.all([
      page.waitForURL(/\/es\/policies\?q=detencion/),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('main').innerText()).toContain('AR 2017-22');

    // From the top of the freshly loaded results page, Tab to the language switch, press Enter.
    let onSwitch = false;
    for (let i = 0; i < 10 && !onSwitch; i++) {
      await page.keyboard.press('Tab');
      onSwitch = await page.evaluate(
        () => document.activeElement?.classList.contains('lang-switch') ?? false,
      );
    }
    expect(onSwitch, 'the language switch is not among the first Tab stops').toBe(true);
    await Promise.all([
      page.waitForURL(/\/en\/policies\?q=detencion/),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    ctx.guard.check();
  });
});
