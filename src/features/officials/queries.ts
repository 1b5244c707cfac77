/**
 * Officials holding the seats of a set of divisions today: the core of "who represents me".
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import type { ContactDetail, Link } from '../../db/schema.ts';

/** Today's date in the coalition's time zone (America/Denver). */
export { today } from '../../lib/local-day.ts';

export interface SeatHolder {
  personSlug: string;
  name: string;
  email: string | null;
  contactDetails: ContactDetail[];
  links: Link[];
  role: string | null;
  party: string | null;
  startDate: string | null;
  endDate: string | null;
  bodySlug: string;
  bodyNameEs: string;
  bodyNameEn: string;
  bodyClassification: string;
  postLabel: string;
  divisionOcdId: string;
}

/**
 * Terms in force on `day`. Partial dates cover their whole period: a term that ends "2026" is
 * still in force on 2026-11-25, one that starts "2027-01" is not yet.
 */
export async function currentSeatHolders(
  db: Tx,
  divisionIds: string[],
  day: string,
): Promise<SeatHolder[]> {
  if (!divisionIds.length) return [];
  return seatHolders(
    db,
    sql`s.division_ocd_id in (${sql.join(
      divisionIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
    day,
  );
}

/** Every seat with a division and its holders today (for the in-memory index). */
export function allCurrentSeatHolders(db: Tx, day: string): Promise<SeatHolder[]> {
  return seatHolders(db, sql`s.division_ocd_id is not null`, day);
}

async function seatHolders(db: Tx, where: SQL, day: string): Promise<SeatHolder[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.slug as person_slug, p.name, p.email, p.contact_details, p.links,
          m.role, m.party, m.start_date, m.end_date,
          b.slug as body_slug, b.name_es, b.name_en, b.classification,
          s.label as post_label, s.division_ocd_id
        from posts s
        join memberships m on m.post_id = s.id
        join people p on p.id = m.person_id
        join bodies b on b.id = s.body_id
        where ${where}
          and (m.start_date is null or m.start_date <= left(${day}, length(m.start_date)))
          and (m.end_date is null or m.end_date >= left(${day}, length(m.end_date)))
        order by array_length(string_to_array(s.division_ocd_id, '/'), 1), b.slug, s.label, p.name`,
  );
  return rows.map((r) => ({
    personSlug: r.person_slug as string,
    name: r.name as string,
    email: (r.email as string | null) ?? null,
    contactDetails: parseJson<ContactDetail[]>(r.contact_details),
    links: parseJson<Link[]>(r.links),
    role: (r.role as string | null) ?? null,
    party: (r.party as string | null) ?? null,
    startDate: (r.start_date as string | null) ?? null,
    endDate: (r.end_date as string | null) ?? null,
    bodySlug: r.body_slug as string,
    bodyNameEs: r.name_es as string,
    bodyNameEn: r.name_en as string,
    bodyClassification: r.classification as string,
    postLabel: r.post_label as string,
    divisionOcdId: r.division_ocd_id as string,
  }));
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
