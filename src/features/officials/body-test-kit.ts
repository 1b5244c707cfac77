/**
 * A small board of our own for the body, scorecard and comparison tests: two officials, three
 * policies (one protects, one harms, one mixed) and five roll calls with votes linked by person.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import {
  bodies,
  jurisdictions,
  memberships,
  people,
  policies,
  voteEvents,
  votes,
} from '../../db/schema.ts';

type Option = 'yes' | 'no' | 'abstain' | 'absent';

/**
 * A small board of our own: Rosa and Tomás vote on a protecting, a harming and a mixed policy.
 * Rosa: with (2015), with (2016), against (2018), mixed (2019, not counted), absent (2020).
 * Tomás: against, against, abstains, mixed, with.
 */
const ROLL_CALLS: {
  date: string;
  policy: 'protects' | 'harms' | 'mixed';
  rosa: Option;
  tomas: Option;
}[] = [
  { date: '2015-03-01', policy: 'protects', rosa: 'yes', tomas: 'no' },
  { date: '2016-05-01', policy: 'harms', rosa: 'no', tomas: 'yes' },
  { date: '2018-02-01', policy: 'harms', rosa: 'yes', tomas: 'abstain' },
  { date: '2019-01-01', policy: 'mixed', rosa: 'yes', tomas: 'yes' },
  { date: '2020-01-01', policy: 'protects', rosa: 'absent', tomas: 'yes' },
];

export async function buildBoard(database: Database) {
  const db = database.db;
  const [county] = await db
    .select()
    .from(jurisdictions)
    .where(eq(jurisdictions.slug, 'bernalillo-county'));
  const [board] = await db
    .insert(bodies)
    .values({
      slug: 'test-board',
      jurisdictionId: county!.id,
      classification: 'council',
      nameEs: 'Junta de Prueba',
      nameEn: 'Test Board',
    })
    .returning();
  const [rosa, tomas] = await db
    .insert(people)
    .values([
      { slug: 'rosa-ruiz', name: 'Rosa Ruiz' },
      { slug: 'tomas-torres', name: 'Tomás Torres' },
    ])
    .returning();
  await db.insert(memberships).values([
    { personId: rosa!.id, bodyId: board!.id, startDate: '2015-01-01' },
    { personId: tomas!.id, bodyId: board!.id, startDate: '2015-01-01', endDate: '2020-12-31' },
  ]);
  const policyIds: Record<string, string> = {};
  for (const stance of ['protects', 'harms', 'mixed'] as const) {
    const [p] = await db
      .insert(policies)
      .values({
        slug: `test-board-${stance}`,
        classification: 'resolution',
        stance,
        jurisdictionId: county!.id,
        bodyId: board!.id,
        titleEs: `Resolución de prueba (${stance})`,
        titleEn: `Test resolution (${stance})`,
        titleEsState: 'reviewed',
        titleEnState: 'reviewed',
      })
      .returning();
    policyIds[stance] = p!.id;
  }
  for (const r of ROLL_CALLS) {
    const [event] = await db
      .insert(voteEvents)
      .values({
        policyId: policyIds[r.policy]!,
        bodyId: board!.id,
        date: r.date,
        result: 'pass',
        motionEs: 'Aprobar',
        motionEn: 'Adopt',
        counts: [{ option: 'yes', value: 2 }],
        verification: 'verified',
      })
      .returning();
    await db.insert(votes).values([
      { voteEventId: event!.id, voterName: 'Ruiz', personId: rosa!.id, option: r.rosa },
      { voteEventId: event!.id, voterName: 'Torres', personId: tomas!.id, option: r.tomas },
      // A name the source gives that nobody is matched to stays text.
      { voteEventId: event!.id, voterName: 'Smith', option: 'yes' },
    ]);
  }
  await bumpDataVersion(db);
}
