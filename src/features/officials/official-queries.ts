/**
 * What the officials pages read: everyone seated today, one official with every term, their
 * recorded votes on tracked policies (those with a stance: decision 016) and their sponsorships.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { PolicyStance, voteOptions } from '../../db/enums.ts';
import type { ContactDetail, Link } from '../../db/schema.ts';
import { motionColumns, motionOf, type Motion } from './motion.ts';

export type VoteOption = (typeof voteOptions)[number];

export interface Term {
  personSlug: string;
  personName: string;
  bodySlug: string;
  bodyNameEs: string;
  bodyNameEn: string;
  postLabel: string | null;
  role: string | null;
  party: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface OfficialProfile {
  slug: string;
  name: string;
  email: string | null;
  contactDetails: ContactDetail[];
  links: Link[];
  sources: Link[];
  terms: Term[];
}

export interface TrackedVote extends Motion {
  personSlug: string;
  /** The roll call, so two officials' votes in the same one can be set side by side. */
  eventId: string;
  policySlug: string;
  titleEs: string | null;
  titleEn: string | null;
  stance: PolicyStance;
  date: string;
  option: VoteOption;
  result: 'pass' | 'fail';
}

export interface Sponsorship {
  policySlug: string;
  titleEs: string | null;
  titleEn: string | null;
  stance: PolicyStance;
  primary: boolean;
}

// Partial dates cover their whole period, as in currentSeatHolders.
const inForceOn = (day: string) =>
  sql`(m.start_date is null or m.start_date <= left(${day}, length(m.start_date)))
      and (m.end_date is null or m.end_date >= left(${day}, length(m.end_date)))`;

const termColumns = sql`p.slug as person_slug, p.name as person_name, b.slug as body_slug,
  b.name_es, b.name_en, s.label as post_label, m.role, m.party, m.start_date, m.end_date`;

const toTerm = (r: Record<string, unknown>): Term => ({
  personSlug: r.person_slug as string,
  personName: r.person_name as string,
  bodySlug: r.body_slug as string,
  bodyNameEs: r.name_es as string,
  bodyNameEn: r.name_en as string,
  postLabel: (r.post_label as string | null) ?? null,
  role: (r.role as string | null) ?? null,
  party: (r.party as string | null) ?? null,
  startDate: (r.start_date as string | null) ?? null,
  endDate: (r.end_date as string | null) ?? null,
});

/** Every term in force on `day` (in one body when its slug is given), by body, seat, then name. */
export async function listCurrentTerms(db: Tx, day: string, bodySlug?: string): Promise<Term[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${termColumns}
        from memberships m
        join people p on p.id = m.person_id
        join bodies b on b.id = m.body_id
        left join posts s on s.id = m.post_id
        where ${inForceOn(day)} ${bodySlug === undefined ? sql`` : sql`and b.slug = ${bodySlug}`}
        order by b.slug, s.label nulls last, coalesce(p.sort_name, p.name), p.slug`,
  );
  return rows.map(toTerm);
}

/** One official with every term, newest first; null when the slug is unknown. */
export async function loadOfficial(db: Tx, slug: string): Promise<OfficialProfile | null> {
  const [person] = await queryRows<Record<string, unknown>>(
    db,
    sql`select slug, name, email, contact_details, links, sources from people where slug = ${slug}`,
  );
  if (!person) return null;
  const terms = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${termColumns}
        from memberships m
        join people p on p.id = m.person_id
        join bodies b on b.id = m.body_id
        left join posts s on s.id = m.post_id
        where p.slug = ${slug}
        order by m.start_date desc nulls last, b.slug`,
  );
  return {
    slug: person.slug as string,
    name: person.name as string,
    email: (person.email as string | null) ?? null,
    contactDetails: parseJson<ContactDetail[]>(person.contact_details),
    links: parseJson<Link[]>(person.links),
    sources: parseJson<Link[]>(person.sources),
    terms: terms.map(toTerm),
  };
}

/** The recorded votes of these officials on policies, newest first. */
export async function listTrackedVotes(db: Tx, personSlugs: string[]): Promise<TrackedVote[]> {
  if (!personSlugs.length) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.slug as person_slug, e.id as event_id, pol.slug as policy_slug, pol.title_es, pol.title_en,
          pol.stance, e.date, v.option, ${motionColumns}, e.result
        from votes v
        join people p on p.id = v.person_id
        join vote_events e on e.id = v.vote_event_id
        join policies pol on pol.id = e.policy_id and pol.stance is not null
        where p.slug in (${sql.join(
          personSlugs.map((s) => sql`${s}`),
          sql`, `,
        )})
        order by e.date desc, pol.slug`,
  );
  return rows.map((r) => ({
    personSlug: r.person_slug as string,
    eventId: r.event_id as string,
    policySlug: r.policy_slug as string,
    titleEs: (r.title_es as string | null) ?? null,
    titleEn: (r.title_en as string | null) ?? null,
    stance: r.stance as PolicyStance,
    date: r.date as string,
    option: r.option as VoteOption,
    ...motionOf(r),
    result: r.result as 'pass' | 'fail',
  }));
}

/** The policies an official sponsored, primary sponsorships first. */
export async function listSponsorships(db: Tx, personSlug: string): Promise<Sponsorship[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select pol.slug, pol.title_es, pol.title_en, pol.stance, sp."primary"
        from sponsorships sp
        join people p on p.id = sp.person_id
        join policies pol on pol.id = sp.policy_id and pol.stance is not null
        where p.slug = ${personSlug}
        order by sp."primary" desc, pol.slug`,
  );
  return rows.map((r) => ({
    policySlug: r.slug as string,
    titleEs: (r.title_es as string | null) ?? null,
    titleEn: (r.title_en as string | null) ?? null,
    stance: r.stance as PolicyStance,
    primary: Boolean(r.primary),
  }));
}

/** Whether a term is in force on `day` (partial dates cover their whole period). */
export function termInForce(term: Pick<Term, 'startDate' | 'endDate'>, day: string): boolean {
  const { startDate: start, endDate: end } = term;
  return (
    (!start || start <= day.slice(0, start.length)) && (!end || end >= day.slice(0, end.length))
  );
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Everyone on record who has held a seat, by name, for the comparison's pickers. */
export async function listOfficialNames(db: Tx): Promise<{ slug: string; name: string }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.slug, p.name from people p
        where exists (select 1 from memberships m where m.person_id = p.id)
        order by coalesce(p.sort_name, p.name), p.slug`,
  );
  return rows.map((r) => ({ slug: r.slug as string, name: r.name as string }));
}
