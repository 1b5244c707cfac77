/**
 * Validates the Popolo export against the official Popolo JSON Schemas (draft-03) from the shared
 * fixtures, which live outside the repository and are never copied into it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from 'jsonschema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, policyInput, STATE } from '../../../test/factories.ts';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { buildBoard } from '../officials/body-test-kit.ts';
import { applyOpenStates, readOpenStatesDir } from '../officials/openstates-import.ts';
import { addUnpublishedRollCalls } from '../officials/vote-event-test-kit.ts';
import type { PopoloExport } from './popolo.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schemaDir = path.resolve(repoRoot, '../shared/fixtures/popolo/schemas');
const haveSchemas = existsSync(schemaDir);
if (!haveSchemas) {
  console.warn(`Popolo conformance tests skipped: shared fixtures not found at ${schemaDir}`);
}

const POPOLO = 'http://www.popoloproject.com/schemas/';

function loadValidator() {
  const validator = new Validator();
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Schema;
    validator.addSchema(schema, schema.id);
  }
  return validator;
}

if (!haveSchemas) {
  it.skip(`Popolo conformance not checked: shared fixtures not found at ${schemaDir}`, () => {});
}

describe.skipIf(!haveSchemas).each(engines())('Popolo conformance on %s', (engine) => {
  let database: Database;
  let popolo: PopoloExport;
  let validator: Validator;
  /** Errors of `instance` against the Popolo schema `name` (e.g. "area"), as readable lines. */
  const errorsOf = (instance: unknown, name: string) => {
    const schema = validator.schemas[`${POPOLO}${name}.json#`];
    if (!schema) throw new Error(`no Popolo schema ${name}`);
    return validator.validate(instance, schema).errors.map((e) => `${e.property} ${e.message}`);
  };

  beforeAll(async () => {
    validator = loadValidator();
    database = await createTestDatabase(engine, 'seeded');
    // Beyond the default dataset: a nested body, URL and citation sources, vote counts.
    await build(database.db, {
      bodies: [
        {
          slug: 'conformance-legislature',
          jurisdiction: STATE,
          classification: 'legislature',
          name: { es: 'Legislatura', en: 'Legislature' },
        },
        {
          slug: 'conformance-house',
          jurisdiction: STATE,
          classification: 'chamber',
          name: { es: 'Cámara', en: 'House' },
          parent: 'conformance-legislature',
        },
      ],
      policies: [
        policyInput({
          body: 'conformance-house',
          identifiers: [
            { scheme: 'bill_number', value: 'HB 1', primary: true },
            { scheme: 'alias', value: 'Ley Uno' },
          ],
          actions: [
            {
              date: '2021-03',
              body: 'conformance-house',
              classification: ['passage'],
              description: { es: 'Aprobada', en: 'Passed' },
              votes: { yes: 40, no: 30, absent: 0 },
            },
          ],
          sources: [
            { url: 'https://example.org/hb1', title: 'HB 1' },
            { citation: 'Diario, 2021' },
          ],
        }),
      ],
    });
    // An official with a seat and a term, the way `igualdad import openstates` brings them.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-popolo-'));
    writeFileSync(
      path.join(dir, 'senator.yml'),
      [
        'id: ocd-person/00000000-0000-4000-8000-0000000000aa',
        'name: Ana Prueba',
        'given_name: Ana',
        'family_name: Prueba',
        'email: ana@example.org',
        'party: [{name: Independent}]',
        'roles: [{type: upper, jurisdiction: ocd-jurisdiction/country:us/state:nm/government, district: "99", start_date: 2021-01-19}]',
        'offices: [{classification: capitol, voice: 505-000-0000}]',
        'links: [{url: "https://example.org/ana", note: homepage}]',
        'sources: [{url: "https://example.org/roster"}]',
      ].join('\n'),
    );
    await applyOpenStates(database.db, readOpenStatesDir(dir).people);
    // Roll calls with votes matched to officials, beside the default ones (names only), and two
    // that stay out of the export (an untracked matter, no policy).
    await buildBoard(database);
    await addUnpublishedRollCalls(database);
    const res = await getJson<PopoloExport>(
      createTestApp(database).app,
      '/api/v1/export/popolo.json',
    );
    popolo = res.body;
  });
  afterAll(() => database?.close());

  it('resolves every $ref among the shared schemas', () => {
    expect(validator.unresolvedRefs).toEqual([]);
  });

  it('rejects what the schemas forbid (the validator really checks)', () => {
    expect(errorsOf({ name: 5 }, 'area')).not.toEqual([]);
    expect(errorsOf({ identifiers: [{ scheme: 'x' }] }, 'organization')).not.toEqual([]);
    expect(errorsOf({ note: 'citation only' }, 'link')).not.toEqual([]);
  });

  it('exports areas that are valid Popolo areas', () => {
    expect(popolo.areas.length).toBeGreaterThan(0);
    for (const area of popolo.areas) expect(errorsOf(area, 'area'), area.id).toEqual([]);
  });

  it('exports organizations that are valid Popolo organizations', () => {
    expect(popolo.organizations.some((o) => o.parent_id)).toBe(true);
    for (const org of popolo.organizations)
      expect(errorsOf(org, 'organization'), org.id).toEqual([]);
  });

  it('uses valid Popolo links, identifiers and counts inside bills', () => {
    const bills = popolo.bills;
    expect(bills.some((b) => b.sources.length && b.other_identifiers.length)).toBe(true);
    expect(bills.some((b) => b.actions.some((a) => a.counts?.length))).toBe(true);
    for (const bill of bills) {
      for (const source of bill.sources) expect(errorsOf(source, 'link'), bill.id).toEqual([]);
      for (const id of bill.other_identifiers)
        expect(errorsOf(id, 'identifier'), bill.id).toEqual([]);
      for (const count of bill.actions.flatMap((a) => a.counts ?? []))
        expect(errorsOf(count, 'count'), bill.id).toEqual([]);
    }
  });

  it('exports officials, their seats and terms as valid Popolo persons, posts and memberships', () => {
    expect(popolo.persons.map((p) => p.name)).toContain('Ana Prueba');
    const ana = popolo.persons.find((p) => p.name === 'Ana Prueba')!;
    expect(ana.identifiers).toEqual([
      {
        scheme: 'openstates:person',
        identifier: 'ocd-person/00000000-0000-4000-8000-0000000000aa',
      },
    ]);
    expect(ana).not.toHaveProperty('gender');
    for (const person of popolo.persons) expect(errorsOf(person, 'person'), person.id).toEqual([]);
    expect(popolo.posts.some((p) => p.area_id === 'ocd-division/country:us/state:nm/sldu:99')).toBe(
      true,
    );
    for (const post of popolo.posts) expect(errorsOf(post, 'post'), post.id).toEqual([]);
    const term = popolo.memberships.find((m) => m.person_id === ana.id)!;
    expect(term).toMatchObject({
      organization_id: 'igualdad:body/nm-senate',
      start_date: '2021-01-19',
    });
    expect(popolo.posts.map((p) => p.id)).toContain(term.post_id);
    for (const m of popolo.memberships) expect(errorsOf(m, 'membership'), m.id).toEqual([]);
  });

  it('exports roll calls as valid Popolo vote events, with valid votes and counts', () => {
    const events = popolo.vote_events;
    expect(events.length).toBeGreaterThan(0);
    const allVotes = events.flatMap((v) => v.votes);
    expect(allVotes.some((v) => v.voter_id?.startsWith('igualdad:person/'))).toBe(true);
    expect(allVotes.some((v) => v.voter_id === null && v.voter?.name)).toBe(true);
    for (const event of events) {
      expect(errorsOf(event, 'vote_event'), event.id).toEqual([]);
      for (const vote of event.votes) expect(errorsOf(vote, 'vote'), event.id).toEqual([]);
      for (const count of event.counts) expect(errorsOf(count, 'count'), event.id).toEqual([]);
      for (const source of event.sources) expect(errorsOf(source, 'link'), event.id).toEqual([]);
    }
    // Why start_date is null and the date sits in extras: the schema wants a date-time, which a
    // recorded day (let alone a month or a year) is not.
    expect(errorsOf({ start_date: '2017-03-14' }, 'vote_event')).not.toEqual([]);
    expect(errorsOf({ start_date: '2017-03-14T18:00:00Z' }, 'vote_event')).toEqual([]);
  });
});
