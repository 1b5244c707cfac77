/**
 * Roll calls from dataset files (the `vote_events` section): one vote event per record, its
 * individual votes by the names the source gives. A record is found again by its policy, body,
 * date and motion (kept in `external_ids` under `dataset:vote_event`), so a second import of the
 * same file changes nothing and a changed record is replaced with its votes.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import * as e from '../../db/enums.ts';
import * as s from '../../db/schema.ts';
import { contentHash } from './content-hash.ts';
import { voteEventKey } from './references.ts';
import type { VoteEventRecord } from './schema.ts';

export const DATASET_VOTE_SCHEME = 'dataset:vote_event';
type Outcome = 'created' | 'updated' | 'unchanged';

const OPTIONS = ['yes', 'no', 'abstain', 'absent', 'excused', 'not_voting'] as const;

/** The same roll call hashes the same however a file spells it (omitted counts, name order). */
function canonical(v: VoteEventRecord) {
  return {
    ...v,
    body: v.body ?? null,
    counts: Object.fromEntries(OPTIONS.map((o) => [o, v.counts[o] ?? null])),
    votes: Object.fromEntries(OPTIONS.map((o) => [o, [...v.votes[o]].sort()])),
  };
}

export async function upsertVoteEvent(
  tx: Tx,
  v: VoteEventRecord,
  refs: { policyIds: Map<string, string>; bodyIds: Map<string, string> },
): Promise<Outcome> {
  const key = voteEventKey(v);
  const hash = contentHash(canonical(v));
  const [known] = await tx
    .select({ id: s.voteEvents.id, hash: s.voteEvents.contentHash })
    .from(s.externalIds)
    .innerJoin(s.voteEvents, eq(s.voteEvents.id, s.externalIds.entityId))
    .where(and(eq(s.externalIds.scheme, DATASET_VOTE_SCHEME), eq(s.externalIds.value, key)));
  if (known?.hash === hash) return 'unchanged';
  const values = {
    policyId: refs.policyIds.get(v.policy)!,
    bodyId: v.body ? refs.bodyIds.get(v.body)! : null,
    date: v.date,
    // Dataset roll calls are written in both languages (the file requires both).
    motionEs: v.motion.es,
    motionEn: v.motion.en,
    motionEsState: 'original' as const,
    motionEnState: 'original' as const,
    result: v.result,
    counts: e.voteOptions.flatMap((option) => {
      const value = v.counts[option as keyof typeof v.counts];
      return value === null || value === undefined ? [] : [{ option, value }];
    }),
    verification: v.verification,
    contentHash: hash,
  };
  let id = known?.id;
  if (id) {
    await tx
      .update(s.voteEvents)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(s.voteEvents.id, id));
    await tx.delete(s.votes).where(eq(s.votes.voteEventId, id));
  } else {
    // An id left from a vote event deleted since is forgotten first.
    await tx
      .delete(s.externalIds)
      .where(and(eq(s.externalIds.scheme, DATASET_VOTE_SCHEME), eq(s.externalIds.value, key)));
    [{ id }] = (await tx
      .insert(s.voteEvents)
      .values(values)
      .returning({ id: s.voteEvents.id })) as [{ id: string }];
    await tx
      .insert(s.externalIds)
      .values({ scheme: DATASET_VOTE_SCHEME, value: key, entity: 'vote_events', entityId: id });
  }
  const votes = Object.entries(v.votes).flatMap(([option, names]) =>
    names.map((voterName) => ({
      voteEventId: id!,
      voterName,
      option: option as (typeof e.voteOptions)[number],
      verification: v.verification,
    })),
  );
  if (votes.length) await tx.insert(s.votes).values(votes);
  return known ? 'updated' : 'created';
}

/** The roll calls that came from dataset files, in the file shape (for `igualdad export json`). */
export async function exportVoteEvents(db: Tx): Promise<VoteEventRecord[]> {
  const events = await db
    .select({
      id: s.voteEvents.id,
      policy: s.policies.slug,
      body: s.bodies.slug,
      date: s.voteEvents.date,
      motionEs: s.voteEvents.motionEs,
      motionEn: s.voteEvents.motionEn,
      result: s.voteEvents.result,
      counts: s.voteEvents.counts,
      verification: s.voteEvents.verification,
    })
    .from(s.externalIds)
    .innerJoin(s.voteEvents, eq(s.voteEvents.id, s.externalIds.entityId))
    .innerJoin(s.policies, eq(s.policies.id, s.voteEvents.policyId))
    .leftJoin(s.bodies, eq(s.bodies.id, s.voteEvents.bodyId))
    .where(eq(s.externalIds.scheme, DATASET_VOTE_SCHEME))
    .orderBy(s.policies.slug, s.voteEvents.date, s.voteEvents.motionEn);
  const votes = await db
    .select({ eventId: s.votes.voteEventId, name: s.votes.voterName, option: s.votes.option })
    .from(s.votes)
    .innerJoin(s.externalIds, eq(s.externalIds.entityId, s.votes.voteEventId))
    .where(eq(s.externalIds.scheme, DATASET_VOTE_SCHEME))
    .orderBy(s.votes.voterName);
  return events.map((v) => {
    const named = (option: string) =>
      votes.filter((x) => x.eventId === v.id && x.option === option).map((x) => x.name);
    const count = (option: string) => v.counts.find((c) => c.option === option)?.value ?? null;
    return {
      policy: v.policy,
      body: v.body,
      date: v.date,
      motion: { es: v.motionEs ?? '', en: v.motionEn ?? '' },
      result: v.result,
      counts: {
        yes: count('yes'),
        no: count('no'),
        abstain: count('abstain'),
        absent: count('absent'),
        excused: count('excused'),
        not_voting: count('not_voting'),
      },
      votes: {
        yes: named('yes'),
        no: named('no'),
        abstain: named('abstain'),
        absent: named('absent'),
        excused: named('excused'),
        not_voting: named('not_voting'),
      },
      verification: v.verification,
    };
  });
}
