import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateLegistarCorpus } from './fake-corpus.ts';
import { startFakeLegistar, type FakeLegistarData } from './fake-server.ts';
import {
  legistarBody,
  legistarEvent,
  legistarEventItem,
  legistarMatter,
  legistarMatterHistory,
  legistarOfficeRecord,
  legistarPerson,
  legistarSponsor,
  legistarVote,
} from './schema.ts';

type Row = Record<string, unknown>;
const all = (map: Map<number, Row[]>) => [...map.values()].flat();
const serialise = (data: FakeLegistarData) =>
  JSON.stringify(data, (_, value: unknown) =>
    value instanceof Map ? [...(value as Map<unknown, unknown>).entries()] : value,
  );

/** Three council years, so seats change hands inside the period. */
const corpus = generateLegistarCorpus({ matters: 2500, seed: 7 });
const histories = all(corpus.histories);
const votes = all(corpus.votes);

describe('generated Legistar corpus: shape', () => {
  it('is the same for the same seed and differs for another', () => {
    const small = (seed: number) => serialise(generateLegistarCorpus({ matters: 600, seed }));
    expect(small(7)).toBe(small(7));
    expect(small(8)).not.toBe(small(7));
  });

  it('has the sizes asked for: matters, 2–6 histories each, a roll call in about three', () => {
    expect(corpus.matters).toHaveLength(2500);
    expect(corpus.histories.size).toBe(2500);
    for (const rows of corpus.histories.values()) {
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.length).toBeLessThanOrEqual(6);
    }
    const rollCalls = histories.filter((h) => h.MatterHistoryRollCallFlag === 1);
    expect(rollCalls.length / histories.length).toBeGreaterThan(0.25);
    expect(rollCalls.length / histories.length).toBeLessThan(0.4);
    expect(votes).toHaveLength(rollCalls.length * 9);
    expect(new Set(corpus.matters.map((m) => m.MatterTypeName))).toEqual(
      new Set(['Resolution', 'Ordinance', 'Memorial', 'Executive Communication', 'Appointment']),
    );
    expect(new Set(votes.map((v) => v.VoteValueName))).toEqual(
      new Set(['Aye', 'Nay', 'Excused', 'Absent']),
    );
    const council = corpus.bodies.find((b) => b.BodyName === 'City Council');
    expect(council?.BodyTypeName).toBe('Primary Legislative Body');
    expect(corpus.bodies.filter((b) => b.BodyTypeName === 'Committee').length).toBeGreaterThan(1);
  });

  it('scales the period with the size, and a tiny corpus is still whole', () => {
    const small = generateLegistarCorpus({ matters: 3, seed: 1 });
    expect(small.matters).toHaveLength(3);
    expect(small.events.every((e) => String(e.EventDate).startsWith('2025-'))).toBe(true);
    expect(corpus.events.some((e) => String(e.EventDate).startsWith('2023-'))).toBe(true);
    expect(generateLegistarCorpus({ matters: 0 }).matters).toEqual([]);
  });

  it('gives every row its Id, Guid, LastModifiedUtc and RowVersion, ids unique per entity', () => {
    const entities: [string, Row[]][] = [
      ['Body', corpus.bodies],
      ['Person', corpus.persons],
      ['OfficeRecord', corpus.officeRecords],
      ['Matter', corpus.matters],
      ['MatterHistory', histories],
      ['MatterSponsor', all(corpus.sponsors)],
      ['Vote', votes],
      ['Event', corpus.events],
      ['EventItem', all(corpus.eventItems)],
    ];
    for (const [prefix, rows] of entities) {
      expect(rows.length, prefix).toBeGreaterThan(0);
      const bad = rows.filter(
        (row) =>
          !Number.isInteger(row[`${prefix}Id`]) ||
          !/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/.test(String(row[`${prefix}Guid`])) ||
          !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(
            String(row[`${prefix}LastModifiedUtc`]),
          ) ||
          !/^[A-Za-z0-9+/]{11}=$/.test(String(row[`${prefix}RowVersion`])),
      );
      expect(bad.slice(0, 3), prefix).toEqual([]);
      expect(new Set(rows.map((r) => r[`${prefix}Id`])).size, prefix).toBe(rows.length);
    }
    // Nothing is modified in the future, so an incremental sync after an import finds nothing.
    const latest = Math.max(
      ...corpus.matters.map((m) => Date.parse(`${String(m.MatterLastModifiedUtc)}Z`)),
    );
    expect(latest).toBeLessThan(Date.parse('2026-02-01T00:00:00Z'));
  });

  it('parses, row by row, with the importer’s own schemas', () => {
    const check = (schema: z.ZodType, rows: Row[]) =>
      expect(rows.map((row) => schema.safeParse(row).error).filter(Boolean)).toEqual([]);
    check(legistarBody, corpus.bodies);
    check(legistarPerson, corpus.persons);
    check(legistarOfficeRecord, corpus.officeRecords);
    check(legistarMatter, corpus.matters);
    check(legistarMatterHistory, histories);
    check(legistarSponsor, all(corpus.sponsors));
    check(legistarVote, votes);
    check(legistarEvent, corpus.events);
    check(legistarEventItem, all(corpus.eventItems));
  });
});

describe('generated Legistar corpus: references hold', () => {
  const personIds = new Set(corpus.persons.map((p) => p.PersonId));
  const bodyIds = new Set(corpus.bodies.map((b) => b.BodyId));
  const events = new Map(corpus.events.map((e) => [e.EventId as number, e]));

  it('has votes exactly for the roll-call histories, by councilors in office that day', () => {
    const rollCallIds = histories
      .filter((h) => h.MatterHistoryRollCallFlag === 1)
      .map((h) => h.MatterHistoryId);
    expect(new Set(corpus.votes.keys())).toEqual(new Set(rollCallIds));
    const councilTerms = corpus.officeRecords.filter(
      (r) => r.OfficeRecordBodyName === 'City Council' && r.OfficeRecordTitle === 'Councilor',
    );
    const problems: string[] = [];
    for (const history of histories) {
      const id = history.MatterHistoryId as number;
      const rows = corpus.votes.get(id);
      if (!rows) {
        if (history.MatterHistoryTally !== null) problems.push(`${id}: a tally without votes`);
        continue;
      }
      const day = history.MatterHistoryActionDate as string;
      if (new Set(rows.map((v) => v.VotePersonId)).size !== 9) problems.push(`${id}: not 9 voters`);
      for (const vote of rows) {
        const inOffice = councilTerms.some(
          (t) =>
            t.OfficeRecordPersonId === vote.VotePersonId &&
            (t.OfficeRecordStartDate as string) <= day &&
            day <= (t.OfficeRecordEndDate as string),
        );
        if (vote.VoteEventItemId !== id || !personIds.has(vote.VotePersonId) || !inOffice)
          problems.push(`${id}: vote ${String(vote.VoteId)} by ${String(vote.VotePersonName)}`);
      }
      const count = (value: string) => rows.filter((v) => v.VoteValueName === value).length;
      // A veto override needs two thirds (6 of 9); everything else a majority of the council (5).
      const needed = String(history.MatterHistoryActionName).startsWith('Veto') ? 6 : 5;
      if (history.MatterHistoryTally !== `${count('Aye')}:${count('Nay')}`)
        problems.push(`${id}: tally ${String(history.MatterHistoryTally)}`);
      if (history.MatterHistoryPassedFlag !== (count('Aye') >= needed ? 1 : 0))
        problems.push(`${id}: passed flag against ${count('Aye')} ayes`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('ties histories to their matter, bodies and meetings, where the same id is the event item', () => {
    const items = new Map(all(corpus.eventItems).map((i) => [i.EventItemId as number, i]));
    const problems: string[] = [];
    for (const matter of corpus.matters) {
      const rows = corpus.histories.get(matter.MatterId as number)!;
      const dates = rows.map((h) => h.MatterHistoryActionDate as string);
      if (dates[0] !== matter.MatterIntroDate || [...dates].sort().join() !== dates.join())
        problems.push(`${String(matter.MatterFile)}: dates ${dates.join(', ')}`);
      for (const history of rows) {
        const id = history.MatterHistoryId as number;
        if (!bodyIds.has(history.MatterHistoryActionBodyId)) problems.push(`${id}: body`);
        if (history.MatterHistoryEventId === null) continue;
        const event = events.get(history.MatterHistoryEventId as number);
        const item = items.get(id);
        const same =
          event !== undefined &&
          item !== undefined &&
          event.EventDate === history.MatterHistoryActionDate &&
          event.EventBodyId === history.MatterHistoryActionBodyId &&
          item.EventItemEventId === event.EventId &&
          item.EventItemMatterId === matter.MatterId &&
          item.EventItemTally === history.MatterHistoryTally &&
          item.EventItemRollCallFlag === (history.MatterHistoryRollCallFlag ?? 0);
        if (!same) problems.push(`${id}: not the event item of its meeting`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('names existing people and bodies in sponsors and office records', () => {
    for (const [matterId, rows] of corpus.sponsors) {
      for (const sponsor of rows) {
        expect(sponsor.MatterSponsorMatterId).toBe(matterId);
        expect(personIds.has(sponsor.MatterSponsorNameId)).toBe(true);
      }
    }
    for (const record of corpus.officeRecords) {
      expect(personIds.has(record.OfficeRecordPersonId)).toBe(true);
      expect(bodyIds.has(record.OfficeRecordBodyId)).toBe(true);
    }
    for (const [eventId, items] of corpus.eventItems) {
      expect(events.has(eventId)).toBe(true);
      for (const item of items) expect(item.EventItemEventId).toBe(eventId);
    }
  });

  it('is served by the fake API: pages of 1000 and an incremental filter', async () => {
    const server = await startFakeLegistar(corpus);
    try {
      const get = async (path: string) =>
        (await (await fetch(`${server.baseUrl}${path}`)).json()) as Row[];
      expect(await get('/matters?$top=1000&$skip=2000')).toHaveLength(500);
      const recent = await get(
        "/matters?$filter=MatterLastModifiedUtc gt datetime'2025-06-01T00:00:00'",
      );
      expect(recent.length).toBeGreaterThan(0);
      expect(recent.length).toBeLessThan(1000);
      const [rollCall] = corpus.votes.keys();
      expect(await get(`/eventitems/${rollCall}/votes`)).toHaveLength(9);
    } finally {
      await server.close();
    }
  });
});
