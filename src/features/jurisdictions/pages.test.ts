import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/harness.ts';
import { rubricCategories } from '../../db/enums.ts';
import { BUDGET, count, getPage, pageWeight, switchLink } from '../home/page-test-kit.ts';

const SLUGS = ['new-mexico', 'bernalillo-county', 'albuquerque', 'albuquerque-public-schools'];

/** The rubric row of one category: its header cell and protection cell. */
const rubricRow = (html: string, label: string) => {
  const start = html.indexOf(`<th scope="row">${label}</th>`);
  expect(start, label).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
};

describe('jurisdiction pages', () => {
  const fixture = useTestApp('pglite', 'seeded');

  it.each(['es', 'en'])('lists every jurisdiction as a tree (%s)', async (lang) => {
    const { status, html } = await getPage(fixture.app, `/${lang}/jurisdictions`);
    expect(status).toBe(200);
    expect(count(html, /<h1[\s>]/g)).toBe(1);
    for (const slug of SLUGS) expect(html).toContain(`href="/${lang}/jurisdictions/${slug}"`);
    // The state holds a nested list with the county, which holds the city and the schools.
    expect(html.indexOf('new-mexico')).toBeLessThan(html.indexOf('bernalillo-county'));
    expect(count(html, /<ul class="place-tree">/g)).toBe(3);
    expect(
      count(
        html,
        lang === 'es'
          ? /Protección vigente en \d+ de 12 temas/g
          : /Protection in force for \d+ of 12 topics/g,
      ),
    ).toBe(4);
    expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/jurisdictions`);
  });

  it.each(SLUGS.flatMap((slug) => [['es', slug] as const, ['en', slug] as const]))(
    'shows %s/%s with a rubric table, under budget',
    async (lang, slug) => {
      const { status, html } = await getPage(fixture.app, `/${lang}/jurisdictions/${slug}`);
      expect(status).toBe(200);
      expect(count(html, /<h1[\s>]/g)).toBe(1);
      expect(html).toContain('<table class="rubric">');
      expect(html).toMatch(/<caption>[^<]+<\/caption>/);
      expect(count(html, /<th scope="row">/g)).toBe(rubricCategories.length);
      expect(count(html, /<th scope="col">/g)).toBe(2);
      expect(switchLink(html)).toBe(`/${lang === 'es' ? 'en' : 'es'}/jurisdictions/${slug}`);
      expect(await pageWeight(fixture.app, html)).toBeLessThan(BUDGET);
    },
  );

  it('draws the stored boundary with the districts around it, and links to who represents it', async () => {
    const { html } = await getPage(fixture.app, '/en/jurisdictions/bernalillo-county');
    const focus = encodeURIComponent('ocd-division/country:us/state:nm/county:bernalillo');
    const img =
      /<img src="([^"]+)" width="340" height="\d+" alt="Map of Bernalillo County[^"]*"/.exec(
        html.replaceAll('&amp;', '&'),
      );
    expect(img?.[1]).toMatch(new RegExp(`^/en/representatives/map\\.svg\\?v=\\d+&focus=${focus}$`));
    const svg = await fixture.app.request(img![1]!);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toContain('<path d="M');
    expect(html.replaceAll('&amp;', '&')).toContain(`href="/en/representatives?focus=${focus}"`);
    // No boundary is stored for the city in the default data: no map, no empty frame.
    expect((await getPage(fixture.app, '/es/jurisdictions/albuquerque')).html).not.toContain(
      'place-map',
    );
  });

  it('names kind, parent and children, and the bodies', async () => {
    const { html } = await getPage(fixture.app, '/es/jurisdictions/bernalillo-county');
    expect(html).toContain('<h1>Condado de Bernalillo</h1>');
    expect(html).toContain('<span class="badge">Condado</span>');
    expect(html).toContain('Forma parte de: <a href="/es/jurisdictions/new-mexico">');
    expect(html).toContain('href="/es/jurisdictions/albuquerque"');
    expect(html).toContain('href="/es/jurisdictions/albuquerque-public-schools"');
    expect(html).toContain('Junta de Comisionados del Condado de Bernalillo');
    expect(html).toContain('5 miembros');
  });

  it('counts the protections of the levels above, and says what is missing', async () => {
    const { html } = await getPage(fixture.app, '/en/jurisdictions/albuquerque');
    // A state law applies in the city.
    const licenses = rubricRow(html, 'Driver&#39;s licenses');
    expect(licenses).toContain('Yes, protected');
    expect(licenses).toContain('href="/en/policies/nm-drivers-licenses"');
    expect(licenses).toContain('(New Mexico)');
    // A county resolution applies in the city.
    expect(rubricRow(html, 'Immigration detainers')).toContain(
      'href="/en/policies/bernco-ar-2017-22"',
    );
    // Nothing on language access anywhere.
    expect(rubricRow(html, 'Language access')).toContain('Missing: no policy found');

    const county = (await getPage(fixture.app, '/en/jurisdictions/bernalillo-county')).html;
    // The schools' policy applies inside the county, not across it: no protection at county level.
    expect(rubricRow(county, 'Schools')).toContain('Missing: no policy found');
    // The city's protections do not climb up to the county.
    expect(rubricRow(county, 'Immigration status inquiries')).not.toContain('abq-r-18-7');
  });

  it('lists the policies of the places inside, marked with where they apply', async () => {
    const { html } = await getPage(fixture.app, '/es/jurisdictions/bernalillo-county');
    const list = html.slice(html.indexOf('id="policies-heading"'));
    expect(list).toContain('href="/es/policies/bernco-ar-2017-22"');
    expect(list).toContain('href="/es/policies/aps-student-protection"');
    expect(list).toContain('href="/es/policies/abq-r-18-7"');
    expect(list).toMatch(/Solo en <a href="\/es\/jurisdictions\/albuquerque">/);
    expect(list).not.toContain('href="/es/policies/nm-tuition"');
    expect(list).toContain(
      `href="/es/policies?jurisdiction=${encodeURIComponent('ocd-division/country:us/state:nm/county:bernalillo')}"`,
    );
    const aps = (await getPage(fixture.app, '/es/jurisdictions/albuquerque-public-schools')).html;
    expect(rubricRow(aps, 'Escuelas')).toContain('Sí, hay protección');
  });

  it.each([
    '/es/jurisdictions/no-existe',
    '/en/jurisdictions/NEW-MEXICO',
    `/es/jurisdictions/${'a'.repeat(5000)}`,
    '/es/jurisdictions/%00',
    '/en/jurisdictions/%E2%80%AE%3Cscript%3E',
    "/es/jurisdictions/x'%20or%201=1--",
  ])('answers %s with a 404 page in its language', async (path) => {
    const { status, html } = await getPage(fixture.app, path);
    expect(status).toBe(404);
    expect(html).toContain(`<html lang="${path.slice(1, 3)}">`);
    expect(html).not.toContain('<script>');
  });
});
