import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/harness.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from '../home/page-test-kit.ts';

const dates = (html: string) => [...html.matchAll(/<time datetime="([\d-]+)">/g)].map((m) => m[1]!);
const policyLinks = (html: string, lang: string) =>
  new Set(
    [...html.matchAll(new RegExp(`href="/${lang}/policies/([a-z0-9-]+)"`, 'g'))].map((m) => m[1]!),
  );

describe('timeline page', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it.each([
    ['es', 'Cronología', 'pasos registrados', '4 a favor, 1 en contra'],
    ['en', 'Timeline', 'recorded steps', '4 yes, 1 no'],
  ])('lists every action newest first, by year (%s)', async (lang, h1, counted, votes) => {
    const { status, html } = await getPage(fixture.app, `/${lang}/timeline`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toContain(`<h1>${h1}</h1>`);
    const all = dates(html);
    expect(html).toContain(`<strong>${all.length} ${counted}</strong>`);
    expect(all.length).toBeGreaterThan(30);
    expect([...all].sort().reverse()).toEqual(all);
    // Partial dates are kept as they are.
    expect(all).toContain('2004');
    expect(all.some((d) => /^\d{4}-\d{2}$/.test(d))).toBe(true);
    const years = [...html.matchAll(/<h2 id="y(\d{4})" class="year">/g)].map((m) => m[1]!);
    expect(years[0]).toBe('2026');
    expect([...years].sort().reverse()).toEqual(years);
    expect(html).toContain(votes);
    expect(html).toContain(lang === 'es' ? '138,000 a favor' : '138,000 yes');
    expect(html).toContain('<label for="timeline-jurisdiction">');
    expect(await pageWeight(fixture.app, html)).toBeLessThan(BUDGET);
  });

  it('filters by jurisdiction, with the places inside it, and keeps the filter across languages', async () => {
    const { html } = await getPage(fixture.app, '/es/timeline?jurisdiction=albuquerque');
    expect(html).toContain('<h1>Cronología: Ciudad de Albuquerque</h1>');
    expect(html).toContain('<option value="albuquerque" selected="">');
    const links = policyLinks(html, 'es');
    expect(links.has('abq-r-18-7')).toBe(true);
    expect([...links].some((s) => s.startsWith('bernco-') || s.startsWith('nm-'))).toBe(false);
    expect(switchLink(html)).toBe('/en/timeline?jurisdiction=albuquerque');

    const county = (await getPage(fixture.app, '/en/timeline?jurisdiction=bernalillo-county')).html;
    const countyLinks = policyLinks(county, 'en');
    expect(countyLinks.has('bernco-ar-2017-22')).toBe(true);
    expect(countyLinks.has('aps-student-protection')).toBe(true);
    expect([...countyLinks].some((s) => s.startsWith('nm-'))).toBe(false);
  });

  it.each([
    ['/es/timeline?jurisdiction=narnia', 'No encontramos la jurisdicción «narnia»'],
    ['/en/timeline?jurisdiction=%3Cb%3Ex', 'We could not find the jurisdiction “&lt;b&gt;x”'],
    [`/en/timeline?jurisdiction=${'z'.repeat(3000)}`, 'We could not find'],
  ])('ignores a bad filter with a note: %s', async (path, note) => {
    const { status, html } = await getPage(fixture.app, path);
    expect(status).toBe(200);
    expect(html).toContain(note);
    expect(html).not.toContain('<b>x');
    expect(dates(html).length).toBeGreaterThan(30);
  });

  it('survives odd parameters', async () => {
    for (const path of [
      '/es/timeline?jurisdiction=',
      '/es/timeline?jurisdiction=a&jurisdiction=b',
      '/es/timeline?jurisdiction=%00',
    ]) {
      expect((await getPage(fixture.app, path)).status, path).toBe(200);
    }
  });
});
