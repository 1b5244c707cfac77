/**
 * What a body's page reads: the body and its jurisdiction, and every roll call held in it with
 * each vote as recorded (the voter's name as the source gives it, and the official when matched).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { PolicyStance, VerificationState } from '../../db/enums.ts';
import type { VoteOption } from './official-queries.ts';
import { motionColumns, motionOf, type Motion } from './motion.ts';

export interface BodyProfile {
  slug: string;
  nameEs: string;
  nameEn: string;
  jurisdiction: { slug: string; nameEs: string; nameEn: string };
}

export interface RollCallVote {
  voterName: string;
  /** The matched official's slug and name, when the vote is linked to a person. */
  personSlug: string | null;
  option: VoteOption;
  verification: VerificationState;
}

export interface BodyRollCall extends Motion {
  id: string;
  date: string;
  result: 'pass' | 'fail';
  counts: { option: string; value: number }[];
  verification: VerificationState;
  policy: {
    slug: string;
    titleEs: string | null;
    titleEn: string | null;
    stance: PolicyStance;
  } | null;
  votes: RollCallVote[];
}

export async function loadBody(db: Tx, slug: string): Promise<BodyProfile | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select b.slug, b.name_es, b.name_en, j.slug as j_slug, j.name_es as j_name_es,
          j.name_en as j_name_en
        from bodies b join jurisdictions j on j.id = b.jurisdiction_id
        where b.slug = ${slug}`,
  );
  if (!row) return null;
  return {
    slug: row.slug as string,
    nameEs: row.name_es as string,
    nameEn: row.name_en as string,
    jurisdiction: {
      slug: row.j_slug as string,
      nameEs: row.j_name_es as string,
      nameEn: row.j_name_en as string,
    },
  };
}

// The order the policy pages use: how people voted, then the ones who did not.
const OPTION_ORDER = ['yes', 'no', 'abstain', 'absent', 'excused', 'not_voting', 'paired', 'other'];

/** Every roll call of a body on a tracked policy, newest first, with its votes by option and then name. */
export async function listBodyRollCalls(db: Tx, bodySlug: string): Promise<BodyRollCall[]> {
  const events = await queryRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.date, ${motionColumns}, e.result, e.counts, e.verification,
          pol.slug as policy_slug, pol.title_es, pol.title_en, pol.stance
        from vote_events e
        join bodies b on b.id = e.body_id
        -- Roll calls on tracked policies only: untracked imported matters stay out (decision 016).
        join policies pol on pol.id = e.policy_id and pol.stance is not null
        where b.slug = ${bodySlug}
        order by e.date desc, e.id`,
  );
  if (!events.length) return [];
  const votes = await queryRows<Record<string, unknown>>(
    db,
    sql`select v.vote_event_id, v.voter_name, v.option, v.verification, p.slug as person_slug
        from votes v left join people p on p.id = v.person_id
        where v.vote_event_id in (${sql.join(
          events.map((e) => sql`${e.id as string}`),
          sql`, `,
        )})
        order by v.voter_name`,
  );
  return events.map((e) => ({
    id: e.id as string,
    date: e.date as string,
    ...motionOf(e),
    result: e.result as 'pass' | 'fail',
    counts: parseJson<{ option: string; value: number }[]>(e.counts) ?? [],
    verification: e.verification as VerificationState,
    policy: e.policy_slug
      ? {
          slug: e.policy_slug as string,
          titleEs: (e.title_es as string | null) ?? null,
          titleEn: (e.title_en as string | null) ?? null,
          stance: e.stance as PolicyStance,
        }
      : null,
    votes: votes
      .filter((v) => v.vote_event_id === e.id)
      .map((v) => ({
        voterName: v.voter_name as string,
        personSlug: (v.person_slug as string | null) ?? null,
        option: v.option as VoteOption,
        verification: v.verification as VerificationState,
      }))
      .sort((a, b) => OPTION_ORDER.indexOf(a.option) - OPTION_ORDER.indexOf(b.option)),
  }));
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
