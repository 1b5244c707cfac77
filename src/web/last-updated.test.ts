/**
 * "Public pages show when they were last updated" (issue 4): the policy page (its record), the FAQ
 * and talking points pages and a jurisdiction's page (the newest of what each shows), as a
 * `<time datetime>` with the date in the reader's language; the API's policy detail says the same.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../test/harness.ts';
import type { Database } from '../db/client.ts';
import { bumpDataVersion } from '../db/data-version.ts';
import { faqEntries, policies, talkingPoints } from '../db/schema.ts';
import { BUDGET, getPage, pageWeight } from '../features/home/page-test-kit.ts';

const OLD = new Date('2026-01-05T09:00:00.000Z');
const POLICY = new Date('2026-03-14T12:00:00.000Z');
// Late in the day: the date shown is the UTC date, like every other date on the site.
const FAQ = new Date('2026-02-20T23:30:00.000Z');
const POINT = new Date('2026-04-02T08:00:00.000Z');

const stamp = (at: Date, text: string) => `<time datetime="${at.toISOString()}">${text}</time>`;

describe.each(engines())('last updated on public pages (%s)', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let mediaPoint: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    const { db } = database;
    await db.transaction(async (tx) => {
      await tx.update(policies).set({ updatedAt: OLD });
      await tx.update(policies).set({ updatedAt: POLICY }).where(eq(policies.slug, 'abq-r-18-7'));
      await tx.update(faqEntries).set({ updatedAt: OLD });
      await tx
        .update(faqEntries)
        .set({ updatedAt: FAQ })
        .where(eq(faqEntries.slug, 'police-ask-immigration-status'));
      await tx.update(talkingPoints).set({ updatedAt: OLD });
      const [media] = await tx
        .select({ slug: talkingPoints.slug })
        .from(talkingPoints)
        .where(eq(talkingPoints.audience, 'media'))
        .limit(1);
      mediaPoint = media!.slug;
      await tx
        .update(talkingPoints)
        .set({ updatedAt: POINT })
        .where(eq(talkingPoints.slug, mediaPoint));
      await bumpDataVersion(tx);
    });
  }, 60_000);
  afterAll(() => database.close());

  it('shows the policy record update on its page and in the API detail', async () => {
    const es = await getPage(app, '/es/policies/abq-r-18-7');
    expect(es.html).toContain(stamp(POLICY, '14 de marzo de 2026'));
    const en = await getPage(app, '/en/policies/abq-r-18-7');
    expect(en.html).toContain(stamp(POLICY, 'March 14, 2026'));
    const api = await getJson<{ updated_at: string }>(app, '/api/v1/policies/abq-r-18-7');
    expect(api.body.updated_at).toBe(POLICY.toISOString());
  });

  it.each([
    ['es', 'Última actualización', '20 de febrero de 2026'],
    ['en', 'Last updated', 'February 20, 2026'],
  ])('shows the newest FAQ entry on the FAQ page (%s)', async (lang, label, date) => {
    const { status, html } = await getPage(app, `/${lang}/faq`);
    expect(status).toBe(200);
    expect(html).toContain(`<p class="meta last-updated">${label}: ${stamp(FAQ, date)}</p>`);
    expect(await pageWeight(app, html)).toBeLessThan(BUDGET);
  });

  it('shows the newest of the talking points shown, for all audiences or one', async () => {
    const all = await getPage(app, '/en/talking-points');
    expect(all.html).toContain(`Last updated: ${stamp(POINT, 'April 2, 2026')}`);
    const media = await getPage(app, '/es/talking-points?audience=media');
    expect(media.html).toContain(`Última actualización: ${stamp(POINT, '2 de abril de 2026')}`);
    const community = await getPage(app, '/es/talking-points?audience=community');
    expect(community.html).toContain(`Última actualización: ${stamp(OLD, '5 de enero de 2026')}`);
    expect(await pageWeight(app, all.html)).toBeLessThan(BUDGET);
  });

  it.each([
    ['albuquerque', POLICY, 'March 14, 2026'],
    // The state page lists the policies of every place inside it, Albuquerque's too.
    ['new-mexico', POLICY, 'March 14, 2026'],
    ['albuquerque-public-schools', OLD, 'January 5, 2026'],
  ])('shows the newest of its policies on the %s page', async (slug, at, date) => {
    const { status, html } = await getPage(app, `/en/jurisdictions/${slug}`);
    expect(status).toBe(200);
    expect(html).toContain(`Last updated: ${stamp(at, date)}`);
  });

  it('says nothing about updates on a jurisdiction page without policies', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from policies where jurisdiction_id =
        (select id from jurisdictions where slug = 'albuquerque-public-schools')`);
      await bumpDataVersion(tx);
    });
    const { status, html } = await getPage(app, '/es/jurisdictions/albuquerque-public-schools');
    expect(status).toBe(200);
    expect(html).not.toContain('last-updated');
  });
});
