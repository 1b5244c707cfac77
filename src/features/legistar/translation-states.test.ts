/**
 * Legistar's texts are English only. Imported action descriptions and roll-call motions are
 * stored with Spanish empty and `missing`, and every page and API shows them in English on a
 * Spanish page with `lang="en"` and the visible note, never passed off as Spanish. Migration
 * 0009 sets those states on rows imported before it, and the next import finds them unchanged.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import * as s from '../../db/schema.ts';
import { getPage } from '../home/page-test-kit.ts';
import { startFakeLegistar } from './fake-server.ts';
import { importLegistar } from './import.ts';
import { albuquerqueFixture } from './test-fixtures.ts';

const FAST = { requestsPerSecond: 1000, concurrency: 4, backoffMs: 1, timeoutMs: 5000 };
const NOTE = {
  es: 'Sin traducción: se muestra el otro idioma',
  en: 'Not translated: shown in the other language',
};
const SLUG = 'albuquerque-o-19-1';

async function importFixture(database: Database, since?: string) {
  const server = await startFakeLegistar(albuquerqueFixture());
  try {
    return await importLegistar(database, {
      baseUrl: server.baseUrl,
      jurisdiction: 'albuquerque',
      ...FAST,
      ...(since ? { since } : {}),
    });
  } finally {
    await server.close();
  }
}

/** Staff track the imported ordinance: a stance, and a title and summary in both languages. */
async function track(database: Database) {
  await database.db
    .update(s.policies)
    .set({
      stance: 'protects',
      titleEs: 'Ordenanza O-19-1',
      titleEsState: 'reviewed',
      summaryEs: 'Resumen.',
      summaryEn: 'Summary.',
      summaryEsState: 'original',
      summaryEnState: 'original',
    })
    .where(eq(s.policies.slug, SLUG));
  await bumpDataVersion(database.db);
}

/** The text, then the note, as a Spanish page shows an English-only text. */
const inEnglish = (text: string) =>
  new RegExp(
    `<span lang="en">${text}</span><span class="translation-note meta"> \\(${NOTE.es}\\)</span>`,
  );

describe.each(engines())('imported English texts on Spanish pages, on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
    app = createTestApp(database).app;
    await importFixture(database);
    await track(database);
  }, 120_000);
  afterAll(() => database?.close());

  it('a Spanish policy page marks the imported action descriptions as English', async () => {
    const { status, html } = await getPage(app, `/es/policies/${SLUG}`);
    expect(status).toBe(200);
    expect(html).toMatch(inEnglish('Introduced'));
    expect(html).toMatch(inEnglish('Passed: Passed as amended'));
    // The Spanish title staff wrote is Spanish: no lang, no note beside it.
    expect(html).toMatch(/<h1 id="policy-title"><span>Ordenanza O-19-1<\/span>/);
    expect(html.match(new RegExp(NOTE.es, 'g'))).toHaveLength(2);
  });

  it('a Spanish body page marks the imported motion as English', async () => {
    const { status, html } = await getPage(app, '/es/bodies/albuquerque-city-council');
    expect(status).toBe(200);
    expect(html).toMatch(inEnglish('Passed as amended'));
    // The default dataset's roll calls are Spanish on the Spanish page.
    expect(html).toMatch(/<span>Aprobar la resolución R-18-7<\/span> · /);
  });

  it("a Spanish official's page marks the imported motion of their vote as English", async () => {
    const [benton] = await database.db
      .select({ slug: s.people.slug })
      .from(s.people)
      .where(eq(s.people.name, 'Isaac Benton'));
    const { status, html } = await getPage(app, `/es/officials/${benton!.slug}`);
    expect(status).toBe(200);
    expect(html).toMatch(inEnglish('Passed as amended'));
  });

  it('the Spanish timeline marks them too; English pages show no note', async () => {
    const timeline = await getPage(app, '/es/timeline');
    expect(timeline.html).toMatch(inEnglish('Passed: Passed as amended'));
    for (const path of [`/en/policies/${SLUG}`, '/en/bodies/albuquerque-city-council']) {
      const { status, html } = await getPage(app, path);
      expect(status).toBe(200);
      expect(html).toContain('Passed as amended');
      expect(html).not.toContain(NOTE.en);
      expect(html).not.toMatch(/<span lang="es">/);
    }
  });

  it('the API gives the language it answers in, as it does for titles', async () => {
    type Detail = {
      actions: { description: string; translation_states: { description: string } }[];
    };
    const es = await getJson<Detail>(app, `/api/v1/policies/${SLUG}?lang=es`);
    expect(es.body.actions.map((a) => [a.description, a.translation_states.description])).toEqual([
      ['Introduced', 'missing'],
      ['Passed: Passed as amended', 'missing'],
    ]);
    const en = await getJson<Detail>(app, `/api/v1/policies/${SLUG}?lang=en`);
    expect(en.body.actions.map((a) => a.translation_states.description)).toEqual([
      'original',
      'original',
    ]);

    type Events = { data: { motion: string | null; translation_states: { motion: string } }[] };
    for (const lang of ['es', 'en'] as const) {
      const events = await getJson<Events>(app, `/api/v1/vote-events?policy=${SLUG}&lang=${lang}`);
      expect(events.body.data).toEqual([
        expect.objectContaining({
          motion: 'Passed as amended',
          translation_states: { motion: lang === 'es' ? 'missing' : 'original' },
        }),
      ]);
    }
    type Body = { roll_calls: { motion: string | null; translation_states: { motion: string } }[] };
    const body = await getJson<Body>(app, '/api/v1/bodies/albuquerque-city-council?lang=es');
    expect(body.body.roll_calls).toContainEqual(
      expect.objectContaining({
        motion: 'Passed as amended',
        translation_states: { motion: 'missing' },
      }),
    );
    expect(body.body.roll_calls).toContainEqual(
      expect.objectContaining({
        motion: 'Aprobar la resolución R-18-7',
        translation_states: { motion: 'original' },
      }),
    );
  });

  it('the exports name the language of the motion: CSV motion_lang, Popolo states', async () => {
    const csv = await (await app.request('/api/v1/export/votes.csv?lang=es')).text();
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]!.split(',');
    const row = lines.find((l) => l.includes('Passed as amended'))!.split(',');
    expect(row[header.indexOf('motion')]).toBe('Passed as amended');
    expect(row[header.indexOf('motion_lang')]).toBe('en');

    type Popolo = {
      vote_events: {
        motion?: { text: string };
        extras: { bill_id: string; motion: unknown; translation: unknown };
      }[];
    };
    const { body } = await getJson<Popolo>(app, '/api/v1/export/popolo.json');
    expect(
      body.vote_events.find((v) => v.extras.bill_id === `igualdad:policy/${SLUG}`),
    ).toMatchObject({
      motion: { text: 'Passed as amended' },
      extras: {
        motion: { es: null, en: 'Passed as amended' },
        translation: { motion: { es: 'missing', en: 'original' } },
      },
    });
  });
});

describe.each(engines())('migration 0009 on a database with imported data, on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
  }, 60_000);
  afterAll(() => database?.close());

  it('marks what came from Legistar as English only, the rest as original, and a new import changes nothing', async () => {
    await importFixture(database);
    const [ordinance] = await database.db
      .select({ id: s.policies.id })
      .from(s.policies)
      .where(eq(s.policies.slug, SLUG));
    // A staff publication rewrites a policy's actions (decision 014): the importer's text
    // survives in both columns of a row that is no longer remembered as a Legistar history.
    await database.db.insert(s.policyActions).values({
      policyId: ordinance!.id,
      date: '2019-03-01',
      descriptionEs: 'Published by the clerk',
      descriptionEn: 'Published by the clerk',
      position: 9,
    });
    // Before 0009: the importer copied English into the Spanish columns, and no states existed.
    await database.db.execute(sql`update policy_actions set description_es = description_en
      where description_es_state = 'missing'`);
    await database.db.execute(sql`update vote_events set motion_es = motion_en
      where motion_es_state = 'missing'`);
    await database.db.execute(sql`alter table policy_actions
      drop column description_es_state, drop column description_en_state`);
    await database.db.execute(sql`alter table vote_events
      drop column motion_es_state, drop column motion_en_state`);
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations
      where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);

    await migrateDatabase(database);

    const actions = await database.db
      .select({
        policy: s.policies.slug,
        es: s.policyActions.descriptionEs,
        en: s.policyActions.descriptionEn,
        esState: s.policyActions.descriptionEsState,
        enState: s.policyActions.descriptionEnState,
      })
      .from(s.policyActions)
      .innerJoin(s.policies, eq(s.policies.id, s.policyActions.policyId));
    const ordinanceActions = actions.filter((a) => a.policy === SLUG);
    expect(ordinanceActions).toHaveLength(3);
    for (const a of ordinanceActions)
      expect(a).toMatchObject({ es: '', esState: 'missing', enState: 'original' });
    // The mayor's signature Legistar added to the dataset's R-18-7, and nothing the dataset wrote.
    const r187 = actions.filter((a) => a.policy === 'abq-r-18-7');
    expect(r187.filter((a) => a.esState === 'missing').map((a) => a.en)).toEqual([
      'Signed by the Mayor',
    ]);
    const dataset = actions.filter((a) => a.esState !== 'missing');
    expect(dataset.length).toBeGreaterThan(10);
    for (const a of dataset) {
      expect(a).toMatchObject({ esState: 'original', enState: 'original' });
      expect(a.es).not.toBe(a.en);
    }

    const events = await database.db
      .select({
        hash: s.voteEvents.contentHash,
        es: s.voteEvents.motionEs,
        esState: s.voteEvents.motionEsState,
        enState: s.voteEvents.motionEnState,
      })
      .from(s.voteEvents);
    const imported = events.filter((e) => e.hash?.startsWith('legistar:'));
    expect(imported).toHaveLength(2);
    for (const e of imported) expect(e).toMatchObject({ es: null, esState: 'missing' });
    for (const e of events.filter((x) => !x.hash?.startsWith('legistar:')))
      expect(e).toMatchObject({ esState: 'original', enState: 'original' });

    // The importer writes what the migration left: the next run changes nothing (same ids).
    const again = await importFixture(database, '2000-01-01');
    for (const outcome of [again.created, again.updated])
      expect(
        Object.values(outcome).every((n) => n === 0),
        JSON.stringify(outcome),
      ).toBe(true);
    expect(again.unchanged).toMatchObject({ actions: 5, vote_events: 3 });
  });
});
