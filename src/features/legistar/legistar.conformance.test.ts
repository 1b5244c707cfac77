/**
 * Real Legistar responses from other cities (`../shared/fixtures/legistar/`: Chicago matter
 * histories, Oakland event items), served by the fake API: the client and its schemas read them,
 * and the importer maps them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines } from '../../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { createLegistarClient } from './client.ts';
import { emptyLegistarData, startFakeLegistar } from './fake-server.ts';
import { importLegistar } from './import.ts';
import { classifyAction } from './mapping.ts';
import { legistarEventItem } from './schema.ts';
import { body, matter } from './test-fixtures.ts';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/legistar',
);
const haveFixtures = existsSync(fixtures);
if (!haveFixtures) {
  console.warn(`Legistar conformance skipped: shared fixtures not found at ${fixtures}`);
  it.skip(`Legistar conformance not checked: shared fixtures not found at ${fixtures}`, () => {});
}

const read = (name: string) =>
  JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as Record<string, unknown>[];

describe.skipIf(!haveFixtures)('Real Legistar event items (Oakland)', () => {
  it('parses every item and classifies the actions taken on matters', async () => {
    const items = read('oakland-event-items.json');
    const data = emptyLegistarData();
    const eventId = items[0]!.EventItemEventId as number;
    data.eventItems.set(eventId, items);
    const api = await startFakeLegistar(data, { client: 'oakland' });
    try {
      const client = createLegistarClient({ baseUrl: api.baseUrl, requestsPerSecond: 1000 });
      const rows = await client.getAll(`/events/${eventId}/eventitems`, legistarEventItem);
      expect(rows).toHaveLength(items.length);
      expect(rows.filter((r) => r.EventItemRollCallFlag === 1).length).toBeGreaterThan(0);
      const actions = rows
        .filter((r) => r.EventItemMatterId && r.EventItemActionName)
        .map((r) => classifyAction(r.EventItemActionName, r.EventItemPassedFlag));
      expect(actions).toContain('committee-passage'); // "Approved the Recommendation of Staff, and Forward"
      expect(actions).toContain('passage'); // "Approved"
      expect(actions).toContain('other'); // "Continued"
    } finally {
      await api.close();
    }
  });
});

describe.skipIf(!haveFixtures).each(engines())(
  'Real Legistar matter histories (Chicago) on %s',
  (engine) => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase(engine, 'seeded');
    }, 60_000);
    afterAll(() => database?.close());

    it('imports a matter with its real history as actions, with the bodies it names', async () => {
      const histories = read('chicago-matter-histories.json');
      const data = emptyLegistarData();
      const bodies = new Map(
        histories.map((h) => [
          h.MatterHistoryActionBodyId as number,
          h.MatterHistoryActionBodyName as string,
        ]),
      );
      for (const [id, name] of bodies)
        data.bodies.push(
          body(id, name, name === 'City Council' ? 'Primary Legislative Body' : 'Committee'),
        );
      data.matters.push(matter(17000, 'O2013-1234', 'Ordinance', 'Passed', { MatterBodyId: 138 }));
      data.histories.set(17000, histories);
      const api = await startFakeLegistar(data, { client: 'chicago' });
      try {
        const report = await importLegistar(database, {
          baseUrl: api.baseUrl,
          jurisdiction: 'albuquerque',
          requestsPerSecond: 1000,
        });
        expect(report.created).toMatchObject({ policies: 1, actions: histories.length });
        expect(report.skipped).toEqual([]);
        const [link] = await database.db
          .select({ policyId: s.externalIds.entityId })
          .from(s.externalIds)
          .where(eq(s.externalIds.scheme, 'legistar:chicago:matter'));
        const actions = await database.db
          .select({
            date: s.policyActions.date,
            classification: s.policyActions.classification,
            body: s.bodies.nameEn,
          })
          .from(s.policyActions)
          .leftJoin(s.bodies, eq(s.bodies.id, s.policyActions.bodyId))
          .where(eq(s.policyActions.policyId, link!.policyId))
          .orderBy(s.policyActions.position);
        expect(actions).toEqual([
          {
            date: '2013-03-13',
            classification: ['referral-committee'],
            body: 'Albuquerque City Council',
          },
          {
            date: '2013-04-30',
            classification: ['committee-passage'],
            body: 'Committee on Zoning, Landmarks and Building Standards',
          },
          { date: '2013-05-08', classification: ['passage'], body: 'Albuquerque City Council' },
        ]);
      } finally {
        await api.close();
      }
    });
  },
);
