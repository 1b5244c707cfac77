/**
 * Roll calls to vote events and votes. A roll call is found by its history id; else, when the
 * library already holds a vote event for the same policy, body and date (the default dataset's
 * R-18-7 roll call), the roll call is linked to it and that event is left as staff recorded it.
 * Our own vote events are replaced whole (with their votes) when their content changes. The
 * motion is English, as Legistar gives it; Spanish is empty and marked `missing`.
 */
import { eq, inArray } from 'drizzle-orm';
import * as s from '../../db/schema.ts';
import { tally } from '../divisions/report.ts';
import { schemeOf, type WriteContext } from './context.ts';
import type { RollCall } from './write-matters.ts';
import { deleteChunks, insertChunks, isOurs, legistarHash, newId } from './store.ts';

export async function writeVoteEvents(ctx: WriteContext, rollCalls: RollCall[]) {
  const { tx, report } = ctx;
  if (!rollCalls.length) return;
  const scheme = schemeOf(ctx, 'vote_event');
  const known = new Map(
    (
      await tx
        .select({ value: s.externalIds.value, id: s.voteEvents.id, hash: s.voteEvents.contentHash })
        .from(s.externalIds)
        .innerJoin(s.voteEvents, eq(s.voteEvents.id, s.externalIds.entityId))
        .where(eq(s.externalIds.scheme, scheme))
    ).map((r) => [r.value, r]),
  );
  // Vote events someone else recorded on the policies these roll calls belong to.
  const policyIds = [...new Set(rollCalls.map((r) => r.policyId))];
  const others = new Map<string, string>();
  for (let i = 0; i < policyIds.length; i += 5000) {
    const rows = await tx
      .select({
        id: s.voteEvents.id,
        policyId: s.voteEvents.policyId,
        bodyId: s.voteEvents.bodyId,
        date: s.voteEvents.date,
        hash: s.voteEvents.contentHash,
      })
      .from(s.voteEvents)
      .where(inArray(s.voteEvents.policyId, policyIds.slice(i, i + 5000)));
    for (const r of rows)
      if (!isOurs(r.hash)) others.set(`${r.policyId}|${r.bodyId}|${r.date}`, r.id);
  }

  const stale: string[] = [];
  const events: (typeof s.voteEvents.$inferInsert)[] = [];
  const votes: (typeof s.votes.$inferInsert)[] = [];
  for (const call of rollCalls) {
    const value = String(call.historyId);
    const values = {
      policyId: call.policyId,
      bodyId: call.bodyId,
      identifier: value,
      date: call.date,
      motionEs: null,
      motionEsState: 'missing' as const,
      motionEn: call.motion,
      motionEnState: 'original' as const,
      result: call.summary.result,
      counts: call.summary.counts,
      sources: [{ url: `${ctx.baseUrl}/eventitems/${value}/votes`, note: 'Legistar' }],
    };
    const voteRows = call.summary.votes.map((v) => ({
      voterName: v.voterName,
      personId: (v.personId !== null && ctx.personIds.get(v.personId)) || null,
      option: v.option,
    }));
    const contentHash = legistarHash({ values: hashedValues(values, call.motion), voteRows });
    const current = known.get(value);
    const linked = others.get(`${call.policyId}|${call.bodyId}|${call.date}`);
    if (current && (!isOurs(current.hash) || current.hash === contentHash)) {
      tally(report, 'vote_events', 'unchanged');
      continue;
    }
    if (!current && linked) {
      // The library's own record of this roll call stays as it is; remember the link.
      tally(report, 'vote_events', 'unchanged');
      ctx.external.push({
        scheme,
        value,
        entity: 'vote_events',
        entityId: linked,
        sourceModifiedAt: call.modified,
      });
      continue;
    }
    if (current) stale.push(current.id);
    const id = newId();
    events.push({ id, ...values, contentHash });
    for (const v of voteRows) votes.push({ voteEventId: id, ...v });
    ctx.external.push({
      scheme,
      value,
      entity: 'vote_events',
      entityId: id,
      sourceModifiedAt: call.modified,
    });
    tally(report, 'vote_events', current ? 'updated' : 'created');
  }
  await deleteChunks(tx, s.voteEvents, stale);
  await insertChunks(tx, s.voteEvents, events);
  await insertChunks(tx, s.votes, votes);
}

/**
 * The fields a roll call's hash covers, in the shape they had before migration 0009 gave motions
 * translation states (the motion in both columns), so roll calls imported before it keep their
 * hash and their id: a new id would break links to them (API addresses, page anchors).
 */
function hashedValues(
  v: { policyId: string; bodyId: string | null; identifier: string; date: string } & Record<
    'result' | 'counts' | 'sources',
    unknown
  >,
  motion: string,
) {
  return {
    policyId: v.policyId,
    bodyId: v.bodyId,
    identifier: v.identifier,
    date: v.date,
    motionEs: motion,
    motionEn: motion,
    result: v.result,
    counts: v.counts,
    sources: v.sources,
  };
}
