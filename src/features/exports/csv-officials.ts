/**
 * Officials as a spreadsheet: one row per term (a person in a body, and a seat when known), past
 * terms included, with the seat's OCD division and the official's public office contacts. The
 * same CSV safety as the policies file (csv.ts): formula cells neutralized, BOM, CRLF.
 */
import { sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import type { ContactDetail } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import { LIST, tableToCsv, type CsvColumn } from './csv.ts';

interface TermRow {
  personSlug: string;
  name: string;
  email: string | null;
  contactDetails: ContactDetail[];
  body: { slug: string; nameEs: string; nameEn: string };
  seat: string | null;
  divisionOcdId: string | null;
  role: string | null;
  party: string | null;
  startDate: string | null;
  endDate: string | null;
  verification: string;
}

const contacts = (r: TermRow, type: string) =>
  r.contactDetails
    .filter((c) => c.type === type)
    .map((c) => (c.label ? `${c.value} (${c.label})` : c.value));

const columns = (lang: Locale): CsvColumn<TermRow>[] => [
  ['person_slug', (r) => r.personSlug],
  ['name', (r) => r.name],
  ['body_slug', (r) => r.body.slug],
  ['body', (r) => pickName(lang, r.body)],
  ['seat', (r) => r.seat],
  ['division_ocd_id', (r) => r.divisionOcdId],
  ['role', (r) => r.role],
  ['party', (r) => r.party],
  ['start_date', (r) => r.startDate],
  ['end_date', (r) => r.endDate],
  // The office email first, then any other the offices list, each once.
  ['email', (r) => [...new Set([r.email ?? [], contacts(r, 'email')].flat())].join(LIST)],
  ['phone', (r) => contacts(r, 'voice').join(LIST)],
  ['verification', (r) => r.verification],
];

/** One row per term, by official (sort name) and then by start date, in one query. */
export async function buildOfficialsCsv(db: Tx, options: { lang?: Locale } = {}): Promise<string> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.slug, p.name, p.email, p.contact_details, b.slug as body_slug, b.name_es,
          b.name_en, s.label, s.division_ocd_id, m.role, m.party, m.start_date, m.end_date,
          m.verification
        from memberships m
        join people p on p.id = m.person_id
        join bodies b on b.id = m.body_id
        left join posts s on s.id = m.post_id
        order by coalesce(p.sort_name, p.name), p.slug, m.start_date nulls first, b.slug, m.id`,
  );
  const terms = rows.map((r): TermRow => ({
    personSlug: r.slug as string,
    name: r.name as string,
    email: (r.email as string | null) ?? null,
    contactDetails: parseJson<ContactDetail[]>(r.contact_details) ?? [],
    body: {
      slug: r.body_slug as string,
      nameEs: r.name_es as string,
      nameEn: r.name_en as string,
    },
    seat: (r.label as string | null) ?? null,
    divisionOcdId: (r.division_ocd_id as string | null) ?? null,
    role: (r.role as string | null) ?? null,
    party: (r.party as string | null) ?? null,
    startDate: (r.start_date as string | null) ?? null,
    endDate: (r.end_date as string | null) ?? null,
    verification: r.verification as string,
  }));
  return tableToCsv(columns(options.lang ?? 'es'), terms);
}

const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
