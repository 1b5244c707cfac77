import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { build, jurisdictionInput, policyInput, STATE } from '../../../test/factories.ts';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import { applyDataset } from './apply.ts';
import { exportDataset } from './export.ts';
import { DatasetError, parseDatasetText } from './load.ts';

const TABLES = [
  s.jurisdictions,
  s.bodies,
  s.topics,
  s.policies,
  s.policyIdentifiers,
  s.policyActions,
  s.faqEntries,
  s.voteEvents,
  s.votes,
];

describe.each(engines())('dataset import on %s', (engine) => {
  let database: Database;
  const rowCounts = async () =>
    Promise.all(
      TABLES.map(async (t) => Number((await database.db.select({ n: count() }).from(t))[0]!.n)),
    );
  const rejection = async (name: string, content: string) => {
    const before = await rowCounts();
    let error: unknown;
    try {
      await applyDataset(database.db, [parseDatasetText(name, content)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect(await rowCounts()).toEqual(before);
    return (error as DatasetError).problems;
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
  });
  afterAll(() => database.close());

  it('creates, then leaves unchanged, then updates by slug', async () => {
    const policy = policyInput({ slug: 'idempotent-policy' });
    const first = await build(database.db, { policies: [policy] });
    expect(first?.created).toMatchObject({ jurisdictions: 1, policies: 1 });
    const again = await build(database.db, { policies: [policy] });
    expect(again?.created.policies).toBe(0);
    expect(again?.unchanged).toMatchObject({ jurisdictions: 1, policies: 1 });
    const changed = await build(database.db, {
      policies: [
        { ...policy, title: { es: 'Título nuevo', en: 'New title', verification: 'verified' } },
      ],
    });
    expect(changed?.updated.policies).toBe(1);
    const [row] = await database.db
      .select()
      .from(s.policies)
      .where(eq(s.policies.slug, 'idempotent-policy'));
    expect(row).toMatchObject({ titleEs: 'Título nuevo', version: 2 });
    const ids = await database.db
      .select()
      .from(s.policyIdentifiers)
      .where(eq(s.policyIdentifiers.policyId, row!.id));
    expect(ids).toHaveLength(1);
  });

  it('rejects a file that cannot be parsed', async () => {
    const problems = await rejection('broken.yaml', 'policies: [ {slug: x');
    expect(problems[0]).toMatchObject({ file: 'broken.yaml', record: '(file)' });
    expect(problems[0]!.reason).toMatch(/cannot be parsed/);
  });

  it('rejects duplicate keys in YAML', async () => {
    const problems = await rejection('dup.yaml', 'policies: []\npolicies: []\n');
    expect(problems[0]!.reason).toMatch(/cannot be parsed/);
  });

  it('reports file, record, field and reason for every bad field, and writes nothing', async () => {
    const good = policyInput({ slug: 'good-one' });
    const bad = policyInput({
      slug: 'bad-one',
      status: 'maybe',
      dates: { adopted: { date: '2019-02-30' } },
      ssn: '123',
    });
    const content = stringify({
      jurisdictions: [
        { ocd_id: STATE, slug: 'test-state', name: { es: 'E', en: 'S' }, kind: 'state' },
      ],
      policies: [good, bad],
    });
    const problems = await rejection('policies.yaml', content);
    const fields = problems.map((p) => `${p.record}|${p.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'policies[1] (bad-one)|status',
        'policies[1] (bad-one)|dates.adopted.date',
        'policies[1] (bad-one)|',
      ]),
    );
    expect(problems.every((p) => p.file === 'policies.yaml' && p.reason.length > 0)).toBe(true);
  });

  it('rejects references to unknown records and self-relations', async () => {
    const content = JSON.stringify({
      policies: [
        policyInput({
          slug: 'dangling',
          jurisdiction: 'ocd-division/country:us/state:qq',
          body: 'no-such-body',
          topics: ['no-such-topic'],
          relations: [
            { kind: 'amends', policy: 'no-such-policy' },
            { kind: 'related', policy: 'dangling' },
          ],
        }),
      ],
    });
    const problems = await rejection('refs.json', content);
    expect(problems.map((p) => p.field).sort()).toEqual(
      ['body', 'jurisdiction', 'relations.0.policy', 'relations.1.policy', 'topics.0'].sort(),
    );
  });

  it('imports roll calls by name, idempotently, and rejects bad ones writing nothing', async () => {
    await build(database.db, { policies: [policyInput({ slug: 'roll-call' })] });
    const event = {
      policy: 'roll-call',
      date: '2021-05-04',
      motion: { es: 'Aprobar', en: 'Pass' },
      result: 'pass',
      counts: { yes: 2, no: 1 },
      votes: { yes: ['Ana', 'Beto'], no: ['Carla'] },
      verification: 'verified',
    };
    const file = (events: unknown[]) =>
      parseDatasetText('votes.json', JSON.stringify({ vote_events: events }));
    expect((await applyDataset(database.db, [file([event])]))!.created.vote_events).toBe(1);
    expect((await applyDataset(database.db, [file([event])]))!.unchanged.vote_events).toBe(1);
    const changed = { ...event, votes: { yes: ['Ana', 'Beto'], no: ['Carla Díaz'] } };
    expect((await applyDataset(database.db, [file([changed])]))!.updated.vote_events).toBe(1);
    const names = await database.db
      .select({ name: s.votes.voterName, option: s.votes.option })
      .from(s.votes)
      .orderBy(s.votes.voterName);
    expect(names).toEqual([
      { name: 'Ana', option: 'yes' },
      { name: 'Beto', option: 'yes' },
      { name: 'Carla Díaz', option: 'no' },
    ]);

    const unknown = await rejection(
      'v.json',
      JSON.stringify({ vote_events: [{ ...event, policy: 'nope', body: 'nobody' }] }),
    );
    expect(unknown.map((p) => p.field).sort()).toEqual(['body', 'policy']);
    const tooMany = await rejection(
      'v.json',
      JSON.stringify({ vote_events: [{ ...event, votes: { yes: ['A', 'B', 'C'] } }] }),
    );
    expect(tooMany[0]!.reason).toMatch(/more voters/);
    const twice = await rejection(
      'v.json',
      JSON.stringify({ vote_events: [{ ...event, votes: { yes: ['Ana'], no: ['Ana'] } }] }),
    );
    expect(twice[0]!.reason).toMatch(/twice/);
  });

  it('rejects duplicate slugs and identifiers that fold to the same value', async () => {
    const p = policyInput({
      slug: 'twice',
      identifiers: [
        { scheme: 'bill_number', value: 'AR 2017-22' },
        { scheme: 'alias', value: 'ar-2017-22' },
      ],
    });
    const problems = await rejection(
      'dups.json',
      JSON.stringify({ policies: [p, { ...p, identifiers: [] }] }),
    );
    expect(problems.map((x) => x.reason).join('\n')).toMatch(
      /declared more than once[\s\S]*repeats another identifier|repeats another identifier[\s\S]*declared more than once/,
    );
  });

  it('rejects a parent cycle and rolls back everything before it', async () => {
    const a = jurisdictionInput({
      slug: 'cycle-a',
      ocd_id: `${STATE}/place:cycle_a`,
      parent: `${STATE}/place:cycle_b`,
    });
    const b = jurisdictionInput({
      slug: 'cycle-b',
      ocd_id: `${STATE}/place:cycle_b`,
      parent: `${STATE}/place:cycle_a`,
    });
    const content = JSON.stringify({
      jurisdictions: [a, b],
      policies: [policyInput({ slug: 'before-cycle' })],
    });
    const problems = await rejection('cycle.json', content);
    expect(problems[0]!.reason).toMatch(/cycle/);
  });

  it('treats links to topics, policies and relations as sets: its export imports back unchanged', async () => {
    const unsorted = ['zz-set-topic', 'aa-set-topic'];
    const linked = { policies: ['set-b', 'set-a'], topics: unsorted };
    const own = await createTestDatabase(engine, 'empty');
    try {
      await build(own.db, {
        topics: unsorted.map((slug) => ({ slug, name: { es: slug, en: slug } })),
        policies: [
          policyInput({
            slug: 'set-a',
            topics: unsorted,
            relations: [
              { kind: 'related', policy: 'set-c' },
              { kind: 'related', policy: 'set-b' },
            ],
          }),
          policyInput({ slug: 'set-b', topics: [] }),
          policyInput({ slug: 'set-c', topics: [] }),
        ],
        faq: [
          {
            slug: 'set-q',
            question: { es: '¿Y?', en: 'And?' },
            answer: { es: 'Sí.', en: 'Yes.' },
            ...linked,
          },
        ],
        talking_points: [
          { slug: 'set-tp', audience: 'media', text: { es: 'Punto.', en: 'Point.' }, ...linked },
        ],
      });
      const exported = await exportDataset(own.db);
      expect(exported.talking_points.find((t) => t.slug === 'set-tp')?.policies).toEqual([
        'set-a',
        'set-b',
      ]);
      const report = (await applyDataset(own.db, [
        parseDatasetText('export.json', JSON.stringify(exported)),
      ]))!;
      expect(
        Object.values(report.updated).every((n) => n === 0),
        JSON.stringify(report.updated),
      ).toBe(true);
      expect(report.unchanged).toMatchObject({
        policies: exported.policies.length,
        faq: exported.faq.length,
        talking_points: exported.talking_points.length,
      });
    } finally {
      await own.close();
    }
  });

  it("imports the default dataset's own export back without changing anything", async () => {
    const seeded = await createTestDatabase(engine, 'seeded');
    try {
      const exported = await exportDataset(seeded.db);
      const report = (await applyDataset(seeded.db, [
        parseDatasetText('export.json', JSON.stringify(exported)),
      ]))!;
      expect(report.updated).toEqual(
        Object.fromEntries(Object.keys(report.updated).map((entity) => [entity, 0])),
      );
      expect(report.unchanged.policies).toBe(exported.policies.length);
    } finally {
      await seeded.close();
    }
  });

  it('round-trips: an export imports back unchanged', async () => {
    await build(database.db, {
      topics: [{ slug: 'schools', name: { es: 'Escuelas', en: 'Schools' } }],
      policies: [
        policyInput({
          slug: 'round-trip',
          topics: ['schools'],
          provisions: [{ category: 'schools', es: 'Texto', en: 'Text', verification: 'verified' }],
          actions: [
            {
              date: '2020',
              classification: ['passage'],
              description: { es: 'Aprobada', en: 'Passed' },
              votes: { yes: 5, no: 0 },
            },
          ],
          sources: [{ citation: 'A newspaper, 2020' }],
        }),
      ],
      faq: [
        {
          slug: 'q1',
          question: { es: '¿Qué?', en: 'What?' },
          answer: { es: 'Esto.', en: 'This.' },
          policies: ['round-trip'],
        },
      ],
      vote_events: [
        {
          policy: 'round-trip',
          date: '2020',
          motion: { es: 'Aprobar', en: 'Pass' },
          result: 'pass',
          counts: { yes: 5, no: 0 },
          votes: { yes: ['Zoe', 'Ana'] },
        },
      ],
    });
    const exported = await exportDataset(database.db);
    expect(exported.vote_events.map((v) => v.policy)).toContain('round-trip');
    // Back into the database it came from (this file's earlier records included): nothing changes.
    const back = await applyDataset(database.db, [
      parseDatasetText('export.json', JSON.stringify(exported)),
    ]);
    expect(back?.updated).toEqual(
      Object.fromEntries(Object.keys(back!.updated).map((entity) => [entity, 0])),
    );
    const other = await createTestDatabase(engine, 'empty');
    try {
      await applyDataset(other.db, [parseDatasetText('export.json', JSON.stringify(exported))]);
      expect(await exportDataset(other.db)).toEqual(exported);
    } finally {
      await other.close();
    }
  });
});
