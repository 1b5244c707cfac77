/**
 * "Who represents me" in a real browser, on the real New Mexico files from the shared fixtures
 * (Open States people, legislative and commission boundaries): a click on the map works without
 * JavaScript, "use my location" leads to the senator of the district, axe finds nothing in either
 * color scheme, and screenshots at 390 px and 1280 px go to artifacts/screenshots/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AXE_COLOR_RULES,
  HOOK_TIMEOUT,
  NO_CHROME,
  chromeFound,
  formatViolations,
  openPage,
  repoRoot,
  runAxe,
  screenshotPath,
  startSite,
  visit,
  type Site,
} from '../../../test/browser/harness.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { people, policies, voteEvents, votes } from '../../db/schema.ts';
import { applyBoundaries, parseBoundaries } from '../divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../divisions/list-import.ts';
import { applyOpenStates, readOpenStatesDir } from './openstates-import.ts';

const fixtures = path.resolve(repoRoot, '../shared/fixtures');
const haveFixtures =
  existsSync(path.join(fixtures, 'geo', 'nm-legislative')) &&
  existsSync(path.join(fixtures, 'openstates', 'legislature'));
const COMMISSION = 'ocd-division/country:us/state:nm/county:bernalillo/council_district';
// Inside Senate District 14 (Michael Padilla in the Open States sample).
const SLDU_14 = { lat: 35.0136, lon: -106.7705 };

describe.skipIf(!chromeFound || !haveFixtures)(
  chromeFound ? 'who represents me in a browser' : NO_CHROME,
  () => {
    let site: Site;
    beforeAll(async () => {
      site = await startSite();
      const db = site.database.db;
      for (const name of readdirSync(path.join(fixtures, 'ocd')).filter((f) => f.endsWith('.csv')))
        await applyDivisionList(
          db,
          parseDivisionList(name, readFileSync(path.join(fixtures, 'ocd', name), 'utf8')),
        );
      for (const chamber of ['sldl', 'sldu']) {
        const dir = path.join(fixtures, 'geo', 'nm-legislative', chamber);
        for (const name of readdirSync(dir).filter((f) => f.endsWith('.geojson')))
          await applyBoundaries(
            db,
            name,
            parseBoundaries(name, readFileSync(path.join(dir, name), 'utf8'), {}),
          );
      }
      const commission = path.join(fixtures, 'geo', 'bernalillo-commission-districts.geojson');
      await applyBoundaries(
        db,
        'commission',
        parseBoundaries('commission', readFileSync(commission, 'utf8'), {
          divisionPrefix: COMMISSION,
          property: 'District',
        }),
      );
      const dir = path.join(fixtures, 'openstates', 'legislature');
      await applyOpenStates(db, readOpenStatesDir(dir).people);
      // One recorded roll call on a protecting policy, so the page shows a reading.
      const [padilla] = await db.select().from(people).where(eq(people.slug, 'michael-padilla'));
      const [policy] = await db
        .select()
        .from(policies)
        .where(eq(policies.slug, 'nm-immigrant-safety-act'));
      const [event] = await db
        .insert(voteEvents)
        .values({ policyId: policy!.id, date: '2025-03-10', result: 'pass', motionEn: 'Passage' })
        .returning();
      await db.insert(votes).values({
        voteEventId: event!.id,
        voterName: 'Padilla',
        personId: padilla!.id,
        option: 'yes',
      });
      await bumpDataVersion(db);
    }, HOOK_TIMEOUT);
    afterAll(async () => {
      await site?.close();
    }, HOOK_TIMEOUT);

    test('a click on the map, without JavaScript, looks up the point under it', async () => {
      const { page, guard, context } = await openPage(site, { width: 390, height: 844 });
      await page.route('**/*.js', (route) => route.abort());
      guard.allow(/net::ERR_FAILED/);
      await visit({ page, guard, context }, site, '/en/representatives?lat=35&lon=-106');
      // The marker the server drew for that point is where a click at that spot lands.
      const map = page.locator('input[type=image]');
      const marker = await page.locator('.map-marker circle').boundingBox();
      const box = await map.boundingBox();
      const position = {
        x: marker!.x + marker!.width / 2 - box!.x,
        y: marker!.y + marker!.height / 2 - box!.y,
      };
      await visit({ page, guard, context }, site, '/en/representatives');
      expect(await page.locator('#use-location').isVisible()).toBe(false);
      const size = await page.evaluate(`(() => {
        const img = document.querySelector('input[type=image]');
        return [img.width, img.height];
      })()`);
      expect(size).toEqual([box!.width, box!.height]);
      await Promise.all([page.waitForURL(/map\.x=/), map.click({ position })]);
      // One map pixel is a few hundredths of a degree here.
      const lat = Number(await page.getByLabel('Latitude').inputValue());
      const lon = Number(await page.getByLabel('Longitude').inputValue());
      expect(Math.abs(lat - 35)).toBeLessThan(0.05);
      expect(Math.abs(lon + 106)).toBeLessThan(0.05);
      await expect(
        page.getByRole('heading', { name: 'Who represents this place' }).count(),
      ).resolves.toBe(1);
      expect(await page.locator('.map-marker').count()).toBe(1);
      await context.close();
    });

    test('"use my location" fills the form and shows the official with contact and votes', async () => {
      for (const [width, height] of [
        [390, 844],
        [1280, 900],
      ] as const) {
        for (const lang of ['es', 'en'] as const) {
          const ctx = await openPage(site, { width, height });
          await ctx.context.grantPermissions(['geolocation'], { origin: site.origin });
          await ctx.context.setGeolocation({ latitude: SLDU_14.lat, longitude: SLDU_14.lon });
          await visit(ctx, site, `/${lang}/representatives`);
          const button = ctx.page.getByRole('button', {
            name: lang === 'es' ? 'Usar mi ubicación' : 'Use my location',
          });
          await Promise.all([ctx.page.waitForURL(/lat=35\.0136/), button.click()]);
          expect(await ctx.page.locator('h4').allTextContents()).toEqual(['Michael Padilla']);
          expect(await ctx.page.locator('a[href^="mailto:"]').count()).toBeGreaterThan(0);
          expect(
            await ctx.page
              .getByText(
                lang === 'es'
                  ? 'A favor de los residentes inmigrantes'
                  : 'With immigrant residents',
                { exact: true },
              )
              .count(),
          ).toBe(1);
          await ctx.page.screenshot({
            path: screenshotPath(`representatives-journey-${lang}-${width}.png`),
            fullPage: true,
          });
          // Zoomed to the senate district: the marker is still drawn, the senator still listed.
          const district =
            lang === 'es' ? 'Distrito 14 del Senado estatal' : 'State Senate District 14';
          await Promise.all([
            ctx.page.waitForURL(/focus=/),
            ctx.page.getByRole('link', { name: district, exact: true }).click(),
          ]);
          expect(await ctx.page.locator('.map-marker').count()).toBe(1);
          expect(await ctx.page.locator('h4').allTextContents()).toEqual(['Michael Padilla']);
          await ctx.page.screenshot({
            path: screenshotPath(`representatives-zoomed-${lang}-${width}.png`),
            fullPage: true,
          });
          ctx.guard.check();
          await ctx.context.close();
        }
      }
    });

    test('the result page and an official page have no axe violations, light and dark', async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const ctx = await openPage(site, { colorScheme: scheme });
        for (const pathname of [
          `/es/representatives?lat=${SLDU_14.lat}&lon=${SLDU_14.lon}`,
          '/en/officials/michael-padilla',
          '/es/officials',
        ]) {
          await visit(ctx, site, pathname);
          const violations = await runAxe(
            ctx.page,
            scheme === 'light' ? undefined : AXE_COLOR_RULES,
          );
          expect(violations, formatViolations(pathname, violations)).toEqual([]);
        }
        ctx.guard.check();
        await ctx.context.close();
      }
    });
  },
);
