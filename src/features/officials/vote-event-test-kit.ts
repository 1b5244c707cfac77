/**
 * Roll calls that must never reach a public output, for the API and export tests: one on an
 * imported matter nobody has tracked (stance null) and one tied to no policy at all. Both are
 * held in the body given, with a vote by a matched official and one by a recorded name.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { bodies, people, policies, voteEvents, votes } from '../../db/schema.ts';

export const UNTRACKED = {
  policySlug: 'test-untracked-contract',
  motion: 'Approve the parking contract (untracked)',
  policylessMotion: 'Approve the minutes (no policy)',
  voterName: 'Untracked Voter',
};

/** By default on buildBoard's test board, with Rosa as the matched voter. */
export async function addUnpublishedRollCalls(
  database: Database,
  options = { body: 'test-board', official: 'rosa-ruiz' },
) {
  const db = database.db;
  const [body] = await db.select().from(bodies).where(eq(bodies.slug, options.body));
  const [person] = await db.select().from(people).where(eq(people.slug, options.official));
  if (!body || !person)
    throw new Error('addUnpublishedRollCalls: build the body and official first');
  const [matter] = await db
    .insert(policies)
    .values({
      slug: UNTRACKED.policySlug,
      classification: 'resolution',
      stance: null,
      jurisdictionId: body.jurisdictionId,
      bodyId: body.id,
      titleEn: 'Parking contract',
      titleEnState: 'original',
      titleEsState: 'missing',
    })
    .returning();
  const events = await db
    .insert(voteEvents)
    .values(
      [
        { policyId: matter!.id, motionEn: UNTRACKED.motion },
        { policyId: null, motionEn: UNTRACKED.policylessMotion },
      ].map((e) => ({ ...e, bodyId: body.id, date: '2021-06-01', result: 'pass' as const })),
    )
    .returning();
  await db.insert(votes).values(
    events.flatMap((event) => [
      { voteEventId: event.id, voterName: 'Matched', personId: person.id, option: 'yes' as const },
      { voteEventId: event.id, voterName: UNTRACKED.voterName, option: 'no' as const },
    ]),
  );
  await bumpDataVersion(db);
  return events.map((e) => e.id);
}
