import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { InputRejected } from '../divisions/report.ts';
import { applyOpenStates, postDivision, readOpenStatesDir } from './openstates-import.ts';

const NM = 'ocd-jurisdiction/country:us/state:nm/government';

/** An invented senator, in the Open States file format. */
const SENATOR = `id: ocd-person/00000000-0000-4000-8000-000000000001
name: Ana Prueba
given_name: Ana
family_name: Prueba
gender: Female
birth_date: 1970-01-01
email: ana.prueba@example.org
party:
- name: Independent
roles:
- start_date: 2021-01-19
  type: upper
  jurisdiction: ${NM}
  district: '99'
offices:
- classification: capitol
  address: State Capitol, Santa Fe
  voice: 505-000-0000
links:
- url: https://example.org/ana
  note: homepage
sources:
- url: https://example.org/roster
`;

const folder = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-openstates-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
};

describe('Open States files: checking a folder', () => {
  it('reads people, skips committees and lists, and never keeps gender or birth date', () => {
    const dir = folder({
      'legislature/ana.yml': SENATOR,
      'committees/judiciary.yml':
        'id: ocd-organization/00000000-0000-4000-8000-00000000000a\nname: J\n',
      'municipalities.yml': '- name: Albuquerque\n  id: x\n',
      'notes.txt': 'ignored',
    });
    const { people, skipped } = readOpenStatesDir(dir);
    expect(people).toHaveLength(1);
    expect(people[0]!.person).not.toHaveProperty('gender');
    expect(people[0]!.person).not.toHaveProperty('birth_date');
    expect(skipped.map((x) => x.record).sort()).toEqual([
      path.join('committees', 'judiciary.yml'),
      'municipalities.yml',
    ]);
  });

  it('rejects the batch when one person file is malformed, naming file and field', () => {
    const dir = folder({
      'a.yml': SENATOR,
      'b.yml': SENATOR.replace('00000000-0000-4000-8000-000000000001', 'not-a-uuid'),
      'c.yml': SENATOR.replace('type: upper', 'type: upper\n  start_date: 2021-02-30'),
    });
    try {
      readOpenStatesDir(dir);
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(InputRejected);
      const text = (error as Error).message;
      expect(text).toMatch(/b\.yml: id: must be an Open States person id/);
      expect(text).toMatch(/nothing was written/);
    }
  });

  it('places district seats in OCD divisions', () => {
    expect(postDivision({ type: 'upper', jurisdiction: NM, district: '16' })).toBe(
      'ocd-division/country:us/state:nm/sldu:16',
    );
    expect(postDivision({ type: 'lower', jurisdiction: NM, district: '10' })).toBe(
      'ocd-division/country:us/state:nm/sldl:10',
    );
    expect(postDivision({ type: 'governor', jurisdiction: NM })).toBe(
      'ocd-division/country:us/state:nm',
    );
  });
});

describe.each(engines())('Open States import on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
  }, 60_000);
  afterAll(() => database?.close());

  it('creates the person, the seat and the term; a second run changes nothing; a change updates', async () => {
    const db = database.db;
    const dir = folder({ 'ana.yml': SENATOR });
    const first = await applyOpenStates(db, readOpenStatesDir(dir).people);
    expect(first.created).toEqual({ people: 1, posts: 1, memberships: 1 });
    const [ana] = await db.select().from(s.people).where(eq(s.people.slug, 'ana-prueba'));
    expect(ana).toMatchObject({
      name: 'Ana Prueba',
      email: 'ana.prueba@example.org',
      contactDetails: [
        { type: 'address', value: 'State Capitol, Santa Fe', label: 'capitol' },
        { type: 'voice', value: '505-000-0000', label: 'capitol' },
      ],
      verification: 'unverified',
    });
    const [term] = await db.select().from(s.memberships).where(eq(s.memberships.personId, ana!.id));
    const [seat] = await db.select().from(s.posts).where(eq(s.posts.id, term!.postId!));
    expect(seat).toMatchObject({
      label: '99',
      divisionOcdId: 'ocd-division/country:us/state:nm/sldu:99',
    });
    expect(term).toMatchObject({ party: 'Independent', startDate: '2021-01-19', endDate: null });

    const again = await applyOpenStates(db, readOpenStatesDir(dir).people);
    expect(again.unchanged).toEqual({ people: 1, posts: 1, memberships: 1 });
    expect(again.created).toEqual({ people: 0, posts: 0, memberships: 0 });

    writeFileSync(path.join(dir, 'ana.yml'), SENATOR.replace('505-000-0000', '505-111-1111'));
    const changed = await applyOpenStates(db, readOpenStatesDir(dir).people);
    expect(changed.updated.people).toBe(1);
    expect((await db.select().from(s.people).where(eq(s.people.slug, 'ana-prueba'))).length).toBe(
      1,
    );
  });

  it('skips a role whose body is not in the library, and follows --body', async () => {
    const mayor = SENATOR.replace('000000000001', '000000000002')
      .replace('Ana Prueba', 'Beto Prueba')
      .replace(
        /roles:\n[\s\S]*?offices:/,
        `roles:\n- type: mayor\n  jurisdiction: ocd-jurisdiction/country:us/state:nm/place:nowhere/government\noffices:`,
      );
    const dir = folder({ 'beto.yml': mayor });
    const report = await applyOpenStates(database.db, readOpenStatesDir(dir).people);
    expect(report.created.people).toBe(1);
    expect(report.skipped).toEqual([
      { record: 'beto.yml: mayor', reason: expect.stringMatching(/no body "nowhere-mayor"/) },
    ]);
    const mapped = await applyOpenStates(database.db, readOpenStatesDir(dir).people, {
      bodies: { mayor: 'albuquerque-mayor' },
    });
    expect(mapped.created.memberships).toBe(1);
  });
});

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/openstates',
);
const haveFixtures = existsSync(fixtures);
if (!haveFixtures) {
  console.warn(`Open States conformance skipped: shared fixtures not found at ${fixtures}`);
  it.skip(`Open States conformance not checked: shared fixtures not found at ${fixtures}`, () => {});
}

describe.skipIf(!haveFixtures).each(engines())('Real Open States files on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'seeded');
  }, 60_000);
  afterAll(() => database?.close());

  it('imports the New Mexico legislators and governor into the default bodies', async () => {
    // A copy, so the test reads exactly the shared files and nothing else beside them.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-os-real-'));
    cpSync(fixtures, dir, { recursive: true });
    const { people, skipped } = readOpenStatesDir(dir);
    expect(people.length).toBeGreaterThanOrEqual(6);
    const report = await applyOpenStates(database.db, people, { skipped });
    expect(report.created.people).toBe(people.length);
    expect(report.skipped.map((x) => x.reason)).toEqual(
      skipped.map(() => 'not a person file (only people are imported)'),
    );
    const posts = await database.db.select().from(s.posts);
    expect(posts.map((p) => p.divisionOcdId)).toContain('ocd-division/country:us/state:nm/sldu:16');
    expect(posts.map((p) => p.divisionOcdId)).toContain('ocd-division/country:us/state:nm');
    const again = await applyOpenStates(database.db, readOpenStatesDir(dir).people);
    expect(again.created).toEqual({ people: 0, posts: 0, memberships: 0 });
    expect(again.updated).toEqual({ people: 0, posts: 0, memberships: 0 });
  });
});
