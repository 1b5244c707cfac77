/**
 * Roll calls as the public sees them: only those on a tracked policy (one staff gave a stance;
 * decision 016). A roll call with no policy is left out too: it has no stance to be read against
 * and nobody has assessed it, the same as an untracked matter (procedural motions, minutes).
 * The API, the CSV and the Popolo export all read through here, so the rule lives in one place.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { PolicyStance, VerificationState } from '../../db/enums.ts';
import type { Link } from '../../db/schema.ts';
import { exclusiveUpperBound } from '../../lib/partial-date.ts';
import type { VoteOption } from './official-queries.ts';
import { motionColumns, motionOf, type Motion } from './motion.ts';

export interface VoteEventFilters {
  body?: string | undefined;
  policy?: string | undefined;
  /** An official's slug: the roll calls in which their (matched) vote is recorded. */
  official?: string | undefined;
  /** With `official`, how that official voted; alone, roll calls where anyone voted so. */
  option?: VoteOption | undefined;
  /** Partial dates, both ends included. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface PublicVoteEvent extends Motion {
  id: string;
  date: string;
  identifier: string | null;
  result: 'pass' | 'fail';
  counts: { option: string; value: number }[];
  verification: VerificationState;
  sources: Link[];
  updatedAt: Date;
  body: { slug: string; nameEs: string; nameEn: string } | null;
  policy: { slug: string; titleEs: string | null; titleEn: string | null; stance: PolicyStance };
}

export interface PublicVote {
  voteEventId: string;
  voterName: string;
  /** The matched official's slug; null when the recorded name is not linked to a person. */
  personSlug: string | null;
  option: VoteOption;
  verification: VerificationState;
}

const TRACKED_EVENTS = sql`from vote_events e
  join policies pol on pol.id = e.policy_id and pol.stance is not null
  left join bodies b on b.id = e.body_id`;

// Newest first; the rest only makes the order total, so pages never shift between requests.
const NEWEST_FIRST = sql`order by e.date desc, b.slug nulls last, pol.slug, e.id`;

// How people voted, then the ones who did not (the order of the policy and body pages).
const VOTE_ORDER = sql`array_position(array['yes', 'no', 'abstain', 'absent', 'excused',
  'not_voting', 'paired', 'other'], v.option::text), v.voter_name`;

function conditions(f: VoteEventFilters): SQL {
  const where: SQL[] = [sql`true`];
  if (f.body !== undefined) where.push(sql`b.slug = ${f.body}`);
  if (f.policy !== undefined) where.push(sql`pol.slug = ${f.policy}`);
  if (f.from !== undefined) where.push(sql`e.date >= ${f.from}`);
  if (f.to !== undefined) where.push(sql`e.date < ${exclusiveUpperBound(f.to)}`);
  if (f.official !== undefined || f.option !== undefined) {
    where.push(sql`exists (select 1 from votes v left join people p on p.id = v.person_id
      where v.vote_event_id = e.id
        ${f.official === undefined ? sql`` : sql`and p.slug = ${f.official}`}
        ${f.option === undefined ? sql`` : sql`and v.option = ${f.option}`})`);
  }
  return sql.join(where, sql` and `);
}

const eventColumns = sql`e.id, e.date, e.identifier, ${motionColumns}, e.result, e.counts,
  e.verification, e.sources, e.updated_at, b.slug as body_slug, b.name_es as body_name_es,
  b.name_en as body_name_en, pol.slug as policy_slug, pol.title_es, pol.title_en, pol.stance`;

/** A page of public roll calls, newest first, and how many match in all. */
export async function listVoteEvents(
  db: Tx,
  filters: VoteEventFilters,
  page: { limit: number; offset: number },
): Promise<{ events: PublicVoteEvent[]; total: number }> {
  const where = conditions(filters);
  const [rows, [count]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select ${eventColumns} ${TRACKED_EVENTS} where ${where} ${NEWEST_FIRST}
          limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ total: number | string }>(
      db,
      sql`select count(*)::int as total ${TRACKED_EVENTS} where ${where}`,
    ),
  ]);
  return { events: rows.map(toEvent), total: Number(count?.total ?? 0) };
}

/** Every public roll call, newest first (exports). */
export async function listAllVoteEvents(db: Tx): Promise<PublicVoteEvent[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${eventColumns} ${TRACKED_EVENTS} ${NEWEST_FIRST}`,
  );
  return rows.map(toEvent);
}

/** One public roll call; null when it does not exist or its policy is not tracked. */
export async function loadVoteEvent(db: Tx, id: string): Promise<PublicVoteEvent | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${eventColumns} ${TRACKED_EVENTS} where e.id = ${id}`,
  );
  return row ? toEvent(row) : null;
}

/**
 * The votes of these roll calls, or of every public roll call when no ids are given, grouped
 * by roll call, each by option and then name.
 */
export async function listVotesByEvent(
  db: Tx,
  eventIds?: string[],
): Promise<Map<string, PublicVote[]>> {
  const byEvent = new Map<string, PublicVote[]>();
  if (eventIds?.length === 0) return byEvent;
  const scope =
    eventIds === undefined
      ? sql`exists (select 1 ${TRACKED_EVENTS} where e.id = v.vote_event_id)`
      : sql`v.vote_event_id in (${sql.join(
          eventIds.map((id) => sql`${id}`),
          sql`, `,
        )})`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select v.vote_event_id, v.voter_name, v.option, v.verification, p.slug as person_slug
        from votes v left join people p on p.id = v.person_id
        where ${scope}
        order by ${VOTE_ORDER}`,
  );
  for (const r of rows) {
    const vote: PublicVote = {
      voteEventId: r.vote_event_id as string,
      voterName: r.voter_name as string,
      personSlug: (r.person_slug as string | null) ?? null,
      option: r.option as VoteOption,
      verification: r.verification as VerificationState,
    };
    const list = byEvent.get(vote.voteEventId);
    if (list) list.push(vote);
    else byEvent.set(vote.voteEventId, [vote]);
  }
  return byEvent;
}

function toEvent(r: Record<string, unknown>): PublicVoteEvent {
  return {
    id: r.id as string,
    date: r.date as string,
    identifier: (r.identifier as string | null) ?? null,
    ...motionOf(r),
    result: r.result as 'pass' | 'fail',
    counts: parseJson<{ option: string; value: number }[]>(r.counts) ?? [],
    verification: r.verification as VerificationState,
    sources: parseJson<Link[]>(r.sources) ?? [],
    updatedAt: new Date(r.updated_at as string | Date),
    body: r.body_slug
      ? {
          slug: r.body_slug as string,
          nameEs: r.body_name_es as string,
          nameEn: r.body_name_en as string,
        }
      : null,
    policy: {
      slug: r.policy_slug as string,
      titleEs: (r.title_es as string | null) ?? null,
      titleEn: (r.title_en as string | null) ?? null,
      stance: r.stance as PolicyStance,
    },
  };
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
