import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/harness.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from './page-test-kit.ts';

describe('home page', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it.each([
    ['es', 'Lo que le protege aquí', 'Buscar una política', 'en'],
    ['en', 'What protects you here', 'Search for a policy', 'es'],
  ])('in %s: says what this is, with a labelled search box', async (lang, h1, label, other) => {
    const { status, html } = await getPage(fixture.app, `/${lang}`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    expect(html).toContain(`<h1>${h1}</h1>`);
    expect(html).toContain(`action="/${lang}/policies"`);
    expect(html).toContain(`<label for="home-q">${label}</label>`);
    expect(html).toMatch(/<input type="search" id="home-q" name="q"/);
    expect(switchLink(html)).toBe(`/${other}`);
    expect(await pageWeight(fixture.app, html)).toBeLessThan(BUDGET);
  });

  it('links every jurisdiction with its count and every topic to the filtered list', async () => {
    const { html } = await getPage(fixture.app, '/es');
    for (const slug of [
      'new-mexico',
      'bernalillo-county',
      'albuquerque',
      'albuquerque-public-schools',
    ]) {
      expect(html).toContain(`href="/es/jurisdictions/${slug}"`);
    }
    expect(html).toMatch(/Ciudad de Albuquerque<\/a> <span class="meta">Ciudad · 6 políticas/);
    expect(html).toContain('href="/es/policies?topic=schools"');
    expect(html).toContain('href="/es/policies?topic=workers-and-wages"');
    expect(html).toContain('Escuelas<span class="count"> (2 políticas)</span>');
  });

  it('shows the latest actions newest first and the newest wins in force', async () => {
    const { html } = await getPage(fixture.app, '/en');
    const dates = [...html.matchAll(/<time datetime="([\d-]+)">/g)].map((m) => m[1]!);
    expect(dates.length).toBe(5);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(dates[0]).toBe('2026-02-05');
    const wins = html.slice(html.indexOf('id="home-wins"'), html.indexOf('id="home-recent"'));
    const slugs = [...wins.matchAll(/<h3><a href="\/en\/policies\/([a-z0-9-]+)"/g)].map(
      (m) => m[1],
    );
    expect(slugs[0]).toBe('nm-immigrant-safety-act');
    expect(slugs).toContain('bernco-2025-safer-community-places');
    expect(wins).not.toContain('abq-2004-resolution');
    expect(wins).toContain('In force');
    expect(html).toContain('href="/en/faq"');
    expect(html).toContain('href="/en/talking-points"');
    expect(html).toContain('href="/en/timeline"');
  });

  it('keeps the query string in the language switch', async () => {
    const { html } = await getPage(fixture.app, '/es?utm=x');
    expect(switchLink(html)).toBe('/en?utm=x');
  });
});
