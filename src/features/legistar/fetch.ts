/**
 * Reads one batch from a Legistar client: everything modified since the last sync (per entity),
 * and for each matter that is legislation its histories, sponsors and roll-call votes. Every row
 * is validated on arrival; any malformed one rejects the batch before the database is touched.
 */
import { classifyMatter } from './mapping.ts';
import { modifiedSince, type LegistarClient } from './client.ts';
import {
  legistarBody,
  legistarEvent,
  legistarMatter,
  legistarMatterHistory,
  legistarOfficeRecord,
  legistarPerson,
  legistarSponsor,
  legistarVote,
  type LegistarBody,
  type LegistarEvent,
  type LegistarMatter,
  type LegistarMatterHistory,
  type LegistarOfficeRecord,
  type LegistarPerson,
  type LegistarSponsor,
  type LegistarVote,
} from './schema.ts';

export interface LegistarBatch {
  bodies: LegistarBody[];
  persons: LegistarPerson[];
  officeRecords: LegistarOfficeRecord[];
  matters: LegistarMatter[];
  /** by MatterId, for matters that are legislation */
  histories: Map<number, LegistarMatterHistory[]>;
  /** by MatterId, for matters that are legislation */
  sponsors: Map<number, LegistarSponsor[]>;
  /** by MatterHistoryId, for roll-call histories */
  votes: Map<number, LegistarVote[]>;
  events: LegistarEvent[];
}

/** The newest LastModifiedUtc already imported, per entity; absent means "everything". */
export type SyncMarks = Partial<
  Record<'Body' | 'Person' | 'OfficeRecord' | 'Matter' | 'Event', Date>
>;

function filterOf(entity: keyof SyncMarks, marks: SyncMarks, extra?: string) {
  const since = marks[entity];
  const clauses = [since ? modifiedSince(entity, since) : undefined, extra].filter(Boolean);
  return clauses.length ? clauses.join(' and ') : undefined;
}

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

export async function fetchLegistarBatch(
  client: LegistarClient,
  options: { marks: SyncMarks; body?: string; onProgress?: (message: string) => void },
): Promise<LegistarBatch> {
  const { marks, onProgress } = options;
  const bodyFilter = (field: string) =>
    options.body ? `${field} eq ${quoted(options.body)}` : undefined;
  // Bodies are few and every other record points at them: always read them all.
  const [bodies, persons, officeRecords, matters, events] = await Promise.all([
    client.getAll('/bodies', legistarBody, { orderBy: 'BodyId' }),
    client.getAll('/persons', legistarPerson, {
      filter: filterOf('Person', marks),
      orderBy: 'PersonId',
    }),
    client.getAll('/officerecords', legistarOfficeRecord, {
      filter: filterOf('OfficeRecord', marks),
      orderBy: 'OfficeRecordId',
    }),
    client.getAll('/matters', legistarMatter, {
      filter: filterOf('Matter', marks, bodyFilter('MatterBodyName')),
      orderBy: 'MatterId',
    }),
    client.getAll('/events', legistarEvent, {
      filter: filterOf('Event', marks, bodyFilter('EventBodyName')),
      orderBy: 'EventId',
    }),
  ]);
  onProgress?.(
    `${bodies.length} bodies, ${persons.length} persons, ${officeRecords.length} office records, ${matters.length} matters, ${events.length} events`,
  );

  const histories = new Map<number, LegistarMatterHistory[]>();
  const sponsors = new Map<number, LegistarSponsor[]>();
  const legislation = matters.filter((m) => classifyMatter(m.MatterTypeName));
  const votes = new Map<number, LegistarVote[]>();
  let done = 0;
  let rollCalls = 0;
  // One matter at a time per worker, its votes right after its histories: no barrier between
  // the phases, so the requests in flight stay at the client's bound until the end.
  await client.forEach(legislation, async (matter) => {
    const id = matter.MatterId;
    const [matterHistories, matterSponsors] = await Promise.all([
      client.getAll(`/matters/${id}/histories`, legistarMatterHistory),
      client.getAll(`/matters/${id}/sponsors`, legistarSponsor),
    ]);
    histories.set(id, matterHistories);
    sponsors.set(id, matterSponsors);
    const calls = matterHistories.filter((h) => h.MatterHistoryRollCallFlag === 1);
    rollCalls += calls.length;
    await Promise.all(
      calls.map(async (h) =>
        votes.set(
          h.MatterHistoryId,
          await client.getAll(`/eventitems/${h.MatterHistoryId}/votes`, legistarVote),
        ),
      ),
    );
    done += 1;
    if (done % 1000 === 0)
      onProgress?.(`histories, sponsors and votes: ${done}/${legislation.length} matters`);
  });
  onProgress?.(`${rollCalls} roll calls read`);
  return { bodies, persons, officeRecords, matters, histories, sponsors, votes, events };
}
