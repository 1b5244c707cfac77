/**
 * The summaries of a page of search results, built by the search statement itself (one round
 * trip for the ids, the total and the rows; decision 003, addendum of 2026-11-26), with the
 * columns a list shows, decoded as Drizzle would return those columns.
 */
import { Column, getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import { bodies, jurisdictions, policies, policyIdentifiers, topics } from '../../db/schema.ts';
import type { BodyRow, JurisdictionRow, PolicyRow, TopicRow } from './queries.ts';

/**
 * What a list reads of each row (the API's list presenter and the search page), by the schema's
 * names. The database builds this JSON and the server parses it for every page of results: on
 * the benchmark corpus, 50 kB for 20 policies against 80 kB for whole rows (foreign keys, content
 * hashes, verification notes and creation times are not read).
 */
export const LISTED = {
  policy: [
    'id',
    'slug',
    'classification',
    'status',
    'stance',
    'titleEs',
    'titleEn',
    'titleEsState',
    'titleEnState',
    'titleVerification',
    'summaryEs',
    'summaryEn',
    'summaryEsState',
    'summaryEnState',
    'introducedOn',
    'introducedVerification',
    'adoptedOn',
    'adoptedVerification',
    'signedOn',
    'signedVerification',
    'effectiveOn',
    'effectiveVerification',
    'verification',
    'updatedAt',
  ],
  jurisdiction: ['ocdId', 'slug', 'nameEs', 'nameEn', 'kind'],
  body: ['slug', 'nameEs', 'nameEn', 'classification'],
  identifier: ['scheme', 'value', 'primary', 'verification'],
  topic: ['slug', 'nameEs', 'nameEn'],
} as const satisfies {
  policy: readonly (keyof PolicyRow)[];
  jurisdiction: readonly (keyof JurisdictionRow)[];
  body: readonly (keyof BodyRow)[];
  identifier: readonly (keyof typeof policyIdentifiers.$inferSelect)[];
  topic: readonly (keyof TopicRow)[];
};

/** A policy as a list shows it: the listed columns of it and of its references. */
export interface ListedPolicy {
  policy: Pick<PolicyRow, (typeof LISTED.policy)[number]>;
  jurisdiction: Pick<JurisdictionRow, (typeof LISTED.jurisdiction)[number]>;
  body: Pick<BodyRow, (typeof LISTED.body)[number]> | null;
  identifiers: Pick<typeof policyIdentifiers.$inferSelect, (typeof LISTED.identifier)[number]>[];
  topics: Pick<TopicRow, (typeof LISTED.topic)[number]>[];
}

/**
 * One listed policy (the row `alias` of `policies`) with its jurisdiction, body, identifiers and
 * topics, as one JSON value keyed by column names. Identifiers are in their position order and
 * topics in the topics' order, as `loadPolicySummaries` reads them.
 */
export function summaryJson(alias: string): SQL {
  let found = summaryJsonByAlias.get(alias);
  if (!found) summaryJsonByAlias.set(alias, (found = buildSummaryJson(alias)));
  return found;
}

/** Built once per alias: the text is the same for every search. */
const summaryJsonByAlias = new Map<string, SQL>();

function buildSummaryJson(alias: string): SQL {
  const of = (table: Table, keys: readonly string[], tableAlias: string) =>
    columnsJson(
      tableAlias,
      keys.map((key) => getTableColumns(table)[key]!.name),
    );
  return sql.raw(`json_build_object(
    'policy', ${of(policies, LISTED.policy, alias)},
    'jurisdiction', (select ${of(jurisdictions, LISTED.jurisdiction, 'j')} from jurisdictions j
      where j.id = ${alias}.jurisdiction_id),
    'body', (select ${of(bodies, LISTED.body, 'b')} from bodies b where b.id = ${alias}.body_id),
    'identifiers', coalesce((select json_agg(${of(policyIdentifiers, LISTED.identifier, 'i')}
      order by i.position) from policy_identifiers i where i.policy_id = ${alias}.id), '[]'::json),
    'topics', coalesce((select json_agg(${of(topics, LISTED.topic, 't')} order by t.position, t.slug)
      from policy_topics pt join topics t on t.id = pt.topic_id where pt.policy_id = ${alias}.id),
      '[]'::json))`);
}

/**
 * json_build_object('name', alias."name", …): about twice as fast as to_json() of a sub-select's
 * row. The function takes at most 100 arguments; wider rows are merged from chunks.
 */
function columnsJson(alias: string, names: string[]): string {
  const chunks: string[] = [];
  for (let i = 0; i < names.length; i += 50) {
    const pairs = names.slice(i, i + 50).map((name) => `'${name}', ${alias}."${name}"`);
    chunks.push(pairs.join(', '));
  }
  return chunks.length === 1
    ? `json_build_object(${chunks[0]})`
    : `(${chunks.map((c) => `jsonb_build_object(${c})`).join(' || ')})::json`;
}

type JsonRow = Record<string, unknown>;

/** What `summaryJson` gives, after the driver has parsed (or not) the JSON. */
export interface RawSummary {
  policy: JsonRow;
  jurisdiction: JsonRow;
  body: JsonRow | null;
  identifiers: JsonRow[];
  topics: JsonRow[];
}

/** Parses a JSON value the driver may have left as text (drivers differ). */
export const parsedJson = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

export function decodeSummary(raw: RawSummary): ListedPolicy {
  return {
    policy: fromColumnNames(policies, raw.policy),
    jurisdiction: fromColumnNames(jurisdictions, raw.jurisdiction),
    body: raw.body && fromColumnNames(bodies, raw.body),
    identifiers: raw.identifiers.map((i) => fromColumnNames(policyIdentifiers, i)),
    topics: raw.topics.map((t) => fromColumnNames(topics, t)),
  };
}

/**
 * A JSON row keyed by column names back to what Drizzle returns for the same columns: keyed by
 * the schema's names, each value through its column's own driver mapper (timestamps become
 * Dates). Columns absent from the JSON (those a list does not show) are left out.
 */
function fromColumnNames<T extends Table>(table: T, json: JsonRow): T['$inferSelect'] {
  const out: JsonRow = {};
  for (const [key, name, map] of decodersOf(table)) {
    if (!(name in json)) continue;
    const value = json[name];
    out[key] = value === null || value === undefined || !map ? (value ?? null) : map(value);
  }
  return out as T['$inferSelect'];
}

/** A column's schema name, JSON name, and driver mapper (none when it returns its value). */
type Decoder = readonly [key: string, name: string, map: ((value: unknown) => unknown) | undefined];
const decoders = new Map<Table, Decoder[]>();

/** The table's decoders, worked out once: most columns (text, enums, uuids) need no mapping. */
function decodersOf(table: Table): Decoder[] {
  let found = decoders.get(table);
  if (!found) {
    const identity = Column.prototype.mapFromDriverValue;
    found = Object.entries(getTableColumns(table)).map(([key, column]) => {
      const mapped = column.dataType !== 'json' && column.mapFromDriverValue !== identity;
      return [key, column.name, mapped ? (v: unknown) => column.mapFromDriverValue(v) : undefined];
    });
    decoders.set(table, found);
  }
  return found;
}
