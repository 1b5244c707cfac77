/**
 * The policy library as a spreadsheet: one row per policy, both languages side by side.
 *
 * - Every cell goes through `escapeCsvCell` (spreadsheet formula injection, below).
 * - csv-stringify does the RFC 4180 quoting (quotes, commas, line breaks inside cells) with CRLF
 *   record endings.
 * - The file opens with a UTF-8 byte order mark: without it Excel reads a CSV in the system's
 *   legacy code page and shows "Ã±" for "ñ"; with it, Spanish accents open correctly.
 * - `lang` picks the language of the jurisdiction, body and topic names; titles and summaries
 *   always come in both languages (their own columns).
 */
import { stringify } from 'csv-stringify/sync';
import { asc, isNotNull } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { policies, sources } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import { loadPolicySummaries, type PolicyWithRefs } from '../policies/queries.ts';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"), plus the
 * full-width forms of = + - @ that Apple Numbers normalizes to them. A title such as
 * `=HYPERLINK("http://evil","Click")` would otherwise run when a coalition member opens the file.
 */
const FORMULA_START = new Set([
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
]);

/** Neutralizes a cell that a spreadsheet would run as a formula, by prefixing a single quote. */
export function escapeCsvCell(value: string): string {
  return FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
}

/** Escapes every cell and writes RFC 4180 CSV with a UTF-8 BOM and CRLF line endings. */
export function formatCsv(rows: string[][]): string {
  return stringify(
    rows.map((row) => row.map(escapeCsvCell)),
    // quote_record_delimiter must be explicit: once record_delimiter is set, csv-stringify stops
    // quoting cells with a bare \n or \r by default, which would split a row in a spreadsheet.
    { bom: true, record_delimiter: 'windows', quote_record_delimiter: true },
  );
}

/** A column of a table export: its header and how to read its cell from a row (null: empty). */
export type CsvColumn<T> = [header: string, cell: (row: T) => string | null];

/** A header row, then one row per item, through `formatCsv`. */
export function tableToCsv<T>(columns: CsvColumn<T>[], items: T[]): string {
  return formatCsv([
    columns.map(([header]) => header),
    ...items.map((item) => columns.map(([, cell]) => cell(item) ?? '')),
  ]);
}

type Row = PolicyWithRefs & { sourceUrls: string[] };
/** Joins several values in one cell. */
export const LIST = ' | ';

const columns = (lang: Locale): CsvColumn<Row>[] => [
  ['slug', (r) => r.policy.slug],
  ['primary_identifier', (r) => r.identifiers.find((i) => i.primary)?.value ?? null],
  ['identifiers', (r) => r.identifiers.map((i) => i.value).join(LIST)],
  ['title_es', (r) => r.policy.titleEs],
  ['title_en', (r) => r.policy.titleEn],
  ['summary_es', (r) => r.policy.summaryEs],
  ['summary_en', (r) => r.policy.summaryEn],
  ['classification', (r) => r.policy.classification],
  ['status', (r) => r.policy.status],
  ['stance', (r) => r.policy.stance],
  ['jurisdiction_ocd_id', (r) => r.jurisdiction.ocdId],
  ['jurisdiction', (r) => pickName(lang, r.jurisdiction)],
  ['body', (r) => (r.body ? pickName(lang, r.body) : null)],
  ['topics', (r) => r.topics.map((t) => pickName(lang, t)).join(LIST)],
  ['introduced', (r) => r.policy.introducedOn],
  ['adopted', (r) => r.policy.adoptedOn],
  ['signed', (r) => r.policy.signedOn],
  ['effective', (r) => r.policy.effectiveOn],
  ['verification', (r) => r.policy.verification],
  ['title_verification', (r) => r.policy.titleVerification],
  // Like the API, a verification state only means something when there is a date to verify.
  ['adopted_verification', (r) => (r.policy.adoptedOn ? r.policy.adoptedVerification : null)],
  ['source_urls', (r) => r.sourceUrls.join(LIST)],
];

/** One row per policy, ordered by slug, in a fixed number of queries. */
export async function buildPoliciesCsv(db: Tx, options: { lang?: Locale } = {}): Promise<string> {
  const cols = columns(options.lang ?? 'es');
  const [ids, urlRows] = await Promise.all([
    db.select({ id: policies.id }).from(policies).orderBy(asc(policies.slug)),
    db
      .select({ policyId: sources.policyId, url: sources.url })
      .from(sources)
      .where(isNotNull(sources.url))
      .orderBy(asc(sources.position)),
  ]);
  const summaries = await loadPolicySummaries(
    db,
    ids.map((r) => r.id),
  );
  const rows = summaries.map((s) => ({
    ...s,
    sourceUrls: urlRows.flatMap((u) => (u.policyId === s.policy.id && u.url ? [u.url] : [])),
  }));
  return tableToCsv(cols, rows);
}
