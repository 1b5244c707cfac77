import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { InputRejected } from '../divisions/report.ts';
import { startFakeLegistar, type FakeLegistarData } from './fake-server.ts';
import { importLegistar } from './import.ts';
import { albuquerqueFixture, matter, ORDINANCE, R_18_7, vote, BENTON } from './test-fixtures.ts';

const FAST = { requestsPerSecond: 1000, concurrency: 4, backoffMs: 1, timeoutMs: 5000 };

async function run(
  database: Database,
  data: FakeLegistarData,
  options: { since?: string; body?: string } = {},
) {
  const server = await startFakeLegistar(data);
  try {
    const report = await importLegistar(database, {
      baseUrl: server.baseUrl,
      jurisdiction: 'albuquerque',
      ...FAST,
      ...options,
    });
    return { report, requests: server.requests };
  } finally {
    await server.close();
  }
}

async function policyOf(database: Database, matterId: number) {
  const [row] = await database.db
    .select({ policy: s.policies })
    .from(s.externalIds)
    .innerJoin(s.policies, eq(s.policies.id, s.externalIds.entityId))
    .where(
      and(
        eq(s.externalIds.scheme, 'legistar:cabq:matter'),
        eq(s.externalIds.value, String(matterId)),
      ),
    );
  return row?.policy;
}

async function counts(database: Database) {
  const tables = [
    s.policies,
    s.policyActions,
    s.people,
    s.voteEvents,
    s.votes,
    s.events,
    s.externalIds,
    s.bodies,
  ];
  return Promise.all(
    tables.map(
      async (t) => (await database.db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n,
    ),
  );
}

describe.each(engines())('Legistar import on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
  }, 60_000);
  afterAll(() => database?.close());

  it('rejects a batch with a malformed record or an unmapped vote value, writing nothing', async () => {
    const before = await counts(database);
    const malformed = albuquerqueFixture();
    malformed.matters.push(matter(6000, 'R-19-9', 'Resolution', 'Passed', { MatterId: 'abc' }));
    await expect(run(database, malformed)).rejects.toThrow(
      /\/matters\?.*rejected; nothing was written[\s\S]*MatterId/,
    );

    const unmapped = albuquerqueFixture();
    unmapped.votes.get(9004)![0] = vote(1, 9004, BENTON, 'Abstain (conflict of interest)');
    const error = await run(database, unmapped).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRejected);
    expect((error as Error).message).toMatch(
      /vote value "Abstain \(conflict of interest\)" has no OCD option/,
    );
    expect((error as Error).message).toMatch(/INSERT INTO vote_option_mappings .*'legistar:cabq'/);
    expect(await counts(database)).toEqual(before);
  });

  it('imports bodies, officials, terms, matters, actions, roll calls, sponsors and meetings', async () => {
    const { report } = await run(database, albuquerqueFixture());
    expect(report.created).toMatchObject({
      bodies: 1, // the committee; the council and the mayor are the library's own
      people: 4,
      posts: 4,
      memberships: 5,
      policies: 3, // R-18-7 is linked, the executive communication skipped
      vote_events: 2, // R-18-7's roll call is the default dataset's
      sponsorships: 3,
      events: 3,
    });
    expect(report.skipped).toContainEqual({
      record: 'matter 5003 (EC-19-5)',
      reason: 'matter type "Executive Communication" is not legislation the library holds',
    });

    const ordinance = (await policyOf(database, ORDINANCE))!;
    expect(ordinance).toMatchObject({
      slug: 'albuquerque-o-19-1',
      classification: 'ordinance',
      status: 'in_force',
      stance: null,
      titleEn: 'Ordinance O-19-1 of the City of Albuquerque',
      titleEnState: 'original',
      titleEs: '',
      titleEsState: 'missing',
      adoptedOn: '2019-02-04',
    });
    const identifiers = await database.db
      .select({ scheme: s.policyIdentifiers.scheme, value: s.policyIdentifiers.value })
      .from(s.policyIdentifiers)
      .where(eq(s.policyIdentifiers.policyId, ordinance.id));
    expect(identifiers).toEqual([
      { scheme: 'bill_number', value: 'O-19-1' },
      { scheme: 'enactment_number', value: 'O-2019-001' },
    ]);
    expect(await policyOf(database, 5004)).toMatchObject({
      classification: 'memorial',
      status: 'pending',
    });
    expect(await policyOf(database, 5005)).toMatchObject({
      classification: 'resolution',
      status: 'failed',
    });

    const actions = await database.db
      .select()
      .from(s.policyActions)
      .where(eq(s.policyActions.policyId, ordinance.id))
      .orderBy(s.policyActions.position);
    expect(actions.map((a) => [a.date, a.classification, a.descriptionEn])).toEqual([
      ['2019-01-07', ['introduction'], 'Introduced'],
      ['2019-02-04', ['passage'], 'Passed: Passed as amended'],
    ]);
    expect(actions[1]).toMatchObject({ votesYes: 2, votesNo: 1, votesAbsent: 1 });
    // Legistar writes English only: Spanish is empty and marked missing, as for titles.
    for (const a of actions)
      expect(a).toMatchObject({
        descriptionEs: '',
        descriptionEsState: 'missing',
        descriptionEnState: 'original',
      });

    // Officials: public office contacts only, seats in council districts.
    const [benton] = await database.db
      .select()
      .from(s.people)
      .where(eq(s.people.name, 'Isaac Benton'));
    expect(benton).toMatchObject({ email: 'benton@example.org', sortName: 'Benton, Isaac' });
    expect(JSON.stringify(benton)).not.toMatch(/Private Lane|505-000-0000|home@example/);
    const seats = await database.db
      .select({ label: s.posts.label, division: s.posts.divisionOcdId })
      .from(s.posts)
      .where(eq(s.posts.label, 'District 3'));
    expect(seats).toContainEqual({
      label: 'District 3',
      division: 'ocd-division/country:us/state:nm/place:albuquerque/council_district:3',
    });
  });

  it('maps each vote value to an OCD option and matches voters to officials', async () => {
    const [event] = await database.db
      .select()
      .from(s.voteEvents)
      .where(eq(s.voteEvents.identifier, '9004'));
    expect(event).toMatchObject({
      date: '2019-02-04',
      result: 'pass',
      motionEn: 'Passed as amended',
      motionEnState: 'original',
      motionEs: null,
      motionEsState: 'missing',
      counts: [
        { option: 'yes', value: 2 },
        { option: 'no', value: 1 },
        { option: 'excused', value: 1 },
      ],
    });
    const votes = await database.db
      .select({ name: s.votes.voterName, option: s.votes.option, person: s.people.name })
      .from(s.votes)
      .leftJoin(s.people, eq(s.people.id, s.votes.personId))
      .where(eq(s.votes.voteEventId, event!.id))
      .orderBy(s.votes.voterName);
    expect(votes).toEqual([
      { name: 'Isaac Benton', option: 'yes', person: 'Isaac Benton' },
      { name: 'Klarissa Peña', option: 'yes', person: 'Klarissa Peña' },
      { name: 'Pat Davis', option: 'excused', person: 'Pat Davis' },
      { name: 'Trudy Jones', option: 'no', person: 'Trudy Jones' },
    ]);
    const [failed] = await database.db
      .select()
      .from(s.voteEvents)
      .where(eq(s.voteEvents.identifier, '9006'));
    expect(failed!.result).toBe('fail');
  });

  it('links R-18-7 to the default dataset policy without touching what staff wrote', async () => {
    const [r187] = await database.db
      .select()
      .from(s.policies)
      .where(eq(s.policies.slug, 'abq-r-18-7'));
    expect(r187).toMatchObject({ stance: 'protects', status: 'in_force' });
    expect(r187!.titleEn).not.toMatch(/of the City of Albuquerque/);
    expect((await policyOf(database, R_18_7))!.id).toBe(r187!.id);
    expect(
      await database.db.select().from(s.policies).where(eq(s.policies.slug, 'albuquerque-r-18-7')),
    ).toEqual([]);

    // Staff's introduction and passage stay; Legistar adds only the mayor's signature.
    const actions = await database.db
      .select()
      .from(s.policyActions)
      .where(eq(s.policyActions.policyId, r187!.id));
    expect(actions.filter((a) => a.date === '2018-04-16')).toHaveLength(1);
    expect(actions.find((a) => a.date === '2018-04-25')).toMatchObject({
      classification: ['executive-signature'],
    });

    // One roll call on 2018-04-16: the dataset's, with its names as the facts file records them.
    const events = await database.db
      .select()
      .from(s.voteEvents)
      .where(eq(s.voteEvents.policyId, r187!.id));
    expect(events).toHaveLength(1);
    expect(events[0]!.verification).toBe('verified');
    const [link] = await database.db
      .select()
      .from(s.externalIds)
      .where(
        and(eq(s.externalIds.scheme, 'legistar:cabq:vote_event'), eq(s.externalIds.value, '9002')),
      );
    expect(link!.entityId).toBe(events[0]!.id);
  });

  it('turns meeting dates and times into instants in America/Denver across DST', async () => {
    const rows = await database.db
      .select({ startsAt: s.events.startsAt, status: s.events.status, timeZone: s.events.timeZone })
      .from(s.events)
      .orderBy(s.events.startsAt);
    const mine = rows.filter((r) => r.startsAt.getUTCFullYear() === 2019);
    expect(mine.map((r) => [r.startsAt.toISOString(), r.status])).toEqual([
      ['2019-03-05T00:00:00.000Z', 'confirmed'], // 5:00 PM MST (UTC-7)
      ['2019-03-18T23:00:00.000Z', 'confirmed'], // 5:00 PM MDT (UTC-6)
      ['2019-04-01T06:00:00.000Z', 'cancelled'], // no time: local midnight
    ]);
  });

  it('is idempotent, and incremental from the newest modification it stored', async () => {
    const again = await run(database, albuquerqueFixture(), { since: '2000-01-01' });
    for (const outcome of [again.report.created, again.report.updated])
      expect(
        Object.values(outcome).every((n) => n === 0),
        JSON.stringify(outcome),
      ).toBe(true);
    expect(again.report.unchanged).toMatchObject({
      policies: 4,
      actions: 5,
      vote_events: 3,
      events: 3,
    });

    const data = albuquerqueFixture();
    const changed = data.matters.find((m) => m.MatterId === 5004)!;
    changed.MatterLastModifiedUtc = '2019-05-01T10:00:00';
    changed.MatterStatusName = 'Adopted';
    changed.MatterPassedDate = '2019-04-29T00:00:00';
    const incremental = await run(database, data);
    expect(incremental.requests).toContainEqual(
      expect.stringMatching(
        /^\/matters\?\$filter=MatterLastModifiedUtc gt datetime'2019-04-25T18:45:46\.937'/,
      ),
    );
    expect(incremental.report.updated.policies).toBe(1);
    expect(incremental.report.unchanged.policies).toBe(0);
    expect(await policyOf(database, 5004)).toMatchObject({
      status: 'enacted_non_binding',
      adoptedOn: '2019-04-29',
    });
    // Only the changed matter's histories were read again.
    expect(incremental.requests.filter((r) => r.includes('/histories'))).toEqual([
      '/matters/5004/histories?$top=1000&$skip=0',
    ]);
  });

  it('never overwrites a matter once staff track it', async () => {
    const ordinance = (await policyOf(database, ORDINANCE))!;
    await database.db
      .update(s.policies)
      .set({
        stance: 'protects',
        titleEn: 'Wage protections for every worker',
        contentHash: 'staff',
      })
      .where(eq(s.policies.id, ordinance.id));
    const data = albuquerqueFixture();
    const m = data.matters.find((x) => x.MatterId === ORDINANCE)!;
    m.MatterTitle = 'A new title from the clerk';
    m.MatterStatusName = 'Vetoed';
    await run(database, data, { since: '2000-01-01' });
    expect(await policyOf(database, ORDINANCE)).toMatchObject({
      version: ordinance.version,
      stance: 'protects',
      titleEn: 'Wage protections for every worker',
      status: 'in_force',
    });
  });

  it("reads only one body's matters and meetings with --body", async () => {
    const data = albuquerqueFixture();
    const committee = data.matters.find((m) => m.MatterId === 5004)!;
    committee.MatterBodyName = 'Land Use, Planning and Zoning Committee';
    const { requests } = await run(database, data, { since: '2000-01-01', body: 'City Council' });
    expect(requests).toContainEqual(
      "/matters?$filter=MatterLastModifiedUtc gt datetime'2000-01-01T00:00:00.000' and MatterBodyName eq 'City Council'&$orderby=MatterId&$top=1000&$skip=0",
    );
    expect(requests).toContainEqual(
      expect.stringMatching(/^\/events\?\$filter=.* and EventBodyName eq 'City Council'/),
    );
    expect(requests).not.toContain('/matters/5004/histories?$top=1000&$skip=0');
    expect(requests).toContain('/matters/5002/histories?$top=1000&$skip=0');
  });

  it('follows a per-client vote value mapping', async () => {
    await database.db
      .insert(s.voteOptionMappings)
      .values({ source: 'legistar:cabq', value: 'excused', option: 'absent' });
    const data = albuquerqueFixture();
    for (const v of data.votes.get(9004)!) v.VoteLastModifiedUtc = '2019-06-01T00:00:00';
    const { report } = await run(database, data, { since: '2000-01-01' });
    expect(report.updated.vote_events).toBe(1);
    const [event] = await database.db
      .select()
      .from(s.voteEvents)
      .where(eq(s.voteEvents.identifier, '9004'));
    expect(event!.counts).toContainEqual({ option: 'absent', value: 1 });
    expect(
      await database.db.select().from(s.voteEvents).where(eq(s.voteEvents.identifier, '9004')),
    ).toHaveLength(1);
  });
  it('gives way when staff record the same action themselves', async () => {
    const [r187] = await database.db
      .select()
      .from(s.policies)
      .where(eq(s.policies.slug, 'abq-r-18-7'));
    const [mayor] = await database.db
      .select()
      .from(s.bodies)
      .where(eq(s.bodies.slug, 'albuquerque-mayor'));
    await database.db.insert(s.policyActions).values({
      policyId: r187!.id,
      date: '2018-04-25',
      bodyId: mayor!.id,
      classification: ['executive-signature'],
      descriptionEs: 'El alcalde firmó la resolución.',
      descriptionEn: 'The mayor signed the resolution.',
      position: 9,
    });
    const { report } = await run(database, albuquerqueFixture(), { since: '2000-01-01' });
    expect(report.skipped).toContainEqual({
      record: 'history 9010 of matter 5001',
      reason: 'the library already records an action of this date and body for this policy',
    });
    const signed = await database.db
      .select({ en: s.policyActions.descriptionEn })
      .from(s.policyActions)
      .where(and(eq(s.policyActions.policyId, r187!.id), eq(s.policyActions.date, '2018-04-25')));
    expect(signed).toEqual([{ en: 'The mayor signed the resolution.' }]);
  });
});
