/**
 * Policy search and filtering, one SQL dialect for PGlite and PostgreSQL: full-text search with
 * the Spanish and English configurations (accents folded by unaccent), identifiers matched
 * exactly after normalization or by trigram similarity, and typo correction from a lexicon.
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from '../../db/client.ts';
import { exclusiveUpperBound } from '../../lib/partial-date.ts';
import { normalizeIdentifier } from '../../lib/slug.ts';
import { fieldVector, listingDate } from '../../db/schema.ts';
import {
  decodeSummary,
  parsedJson,
  summaryJson,
  type ListedPolicy,
  type RawSummary,
} from './search-page.ts';

export interface PolicyFilters {
  q?: string | undefined;
  jurisdiction?: string | undefined;
  classification?: string[] | undefined;
  topic?: string[] | undefined;
  status?: string[] | undefined;
  stance?: string[] | undefined;
  adoptedFrom?: string | undefined;
  adoptedTo?: string | undefined;
}

/** A page of results with the summaries the list shows, read by the search statement itself. */
export interface SearchSummaryPage {
  rows: ListedPolicy[];
  total: number;
  didYouMean?: string;
}

/** Identifier similarity needed for a fuzzy match ("ar 2017 22" vs "ar-2017-22"). */
const IDENTIFIER_SIMILARITY = 0.5;
/** Word similarity needed for a typo correction ("detainr" -> "detainer"). */
const WORD_SIMILARITY = 0.4;

type Page = { limit: number; offset: number };

/**
 * One page of matching policies with the summaries the list shows, their number, and the
 * correction used if any, read in one statement.
 */
export async function searchPolicySummaries(db: Tx, filters: PolicyFilters, page: Page) {
  const { page: raw, total, didYouMean } = await search(db, filters, page);
  return {
    rows: (raw as RawSummary[]).map(decodeSummary),
    total,
    didYouMean,
  } satisfies SearchSummaryPage;
}

/**
 * One search: one statement, and when it finds nothing for `q` but a word of `q` is not in the
 * corpus, a second one with the corrected words (reported as `didYouMean`).
 */
async function search(
  db: Tx,
  filters: PolicyFilters,
  page: Page,
): Promise<{ page: unknown[]; total: number; didYouMean?: string }> {
  const q = filters.q?.trim() || undefined;
  const first = await runStatement(db, { ...filters, q }, page, true);
  const corrected = first.corrected;
  if (first.total > 0 || !q || !corrected || corrected === q.toLowerCase()) return first;
  const second = await runStatement(db, { ...filters, q: corrected }, page, false);
  return second.total > 0 ? { ...second, didYouMean: corrected } : first;
}

/**
 * The statement: the lookups (identifiers matching `q`, the chosen jurisdiction and those below
 * it), the number of matches, one page of them in order (their summaries as JSON), and, when
 * nothing matched, the closest corpus word of each word of `q`. Results are ordered by where
 * the words were found, then newest first: an identifier equal to the query, a similar
 * identifier, the title, the summary, the full text. The page is first looked for among the
 * identifier and title matches only (`head`), then among those and the summary matches
 * (`head2`): when they fill it, which is the case on the first pages of any common word, the
 * other matches are never ordered. Otherwise every match is ordered, the title and summary
 * groups as sets of ids read once from indexes and probed for each match (about a microsecond
 * per match; no text or search vector is read; see decision 003).
 */
async function runStatement(
  db: Tx,
  filters: PolicyFilters,
  page: Page,
  correct: boolean,
): Promise<{ page: unknown[]; total: number; corrected?: string }> {
  const resolved = inlineLookups(filters);
  const condition = conditionsSql(resolved);
  const order = sql`g, d desc nulls last, slug`;
  const date = listingDate(sql.raw('p.adopted_on'), sql.raw('p.introduced_on'));
  let pageSql: SQL;
  if (resolved.q) {
    const ids = resolved.identifiers!;
    const t = tsqueries(resolved.q);
    const full = page.offset + page.limit;
    const filters = sql.join(filterConditions(resolved), sql` and `);
    const title = inFields(t, 'title_es', 'title_en');
    const group = (rest: SQL) =>
      sql`case when p.id = any(${ids.exact}) then 0 when p.id = any(${ids.any}) then 1 ${rest} end`;
    const count = (cte: string) => sql`(select count(*) from ${sql.raw(cte)})`;
    // A title or summary match is a match unless the query excludes a word (`-word`, a `!` in
    // the tsquery): a field's words are in the policy's search vector at the same positions
    // (title) or all shifted by the same amount (summary).
    const negated = sql`(strpos(${t.es}::text, '!') > 0 or strpos(${t.en}::text, '!') > 0)`;
    pageSql = sql`head as materialized (
        select p.id, ${group(sql`else 2`)} as g, ${date} as d, p.slug from policies p
        where not ${negated} and ${filters} and (p.id = any(${ids.any}) or ${title})
        order by ${order} limit ${full}
      ), head2 as materialized (
        select p.id, ${group(sql`when ${matchSet(filters, title)} then 2 else 3`)} as g,
          ${date} as d, p.slug from policies p
        where ${count('head')} < ${full} and not ${negated} and ${filters}
          and (p.id = any(${ids.any}) or ${title} or ${inFields(t, 'summary_es', 'summary_en')})
        order by ${order} limit ${full}
      ), page as (
        (select id, g, d, slug from head where ${count('head')} = ${full}
          order by ${order} offset ${page.offset})
        union all
        (select id, g, d, slug from head2 where ${count('head2')} = ${full}
          order by ${order} offset ${page.offset})
        union all
        (select p.id, ${matchGroup(t, ids, filters)} as g, ${date} as d, p.slug from policies p
          where ${count('head')} < ${full} and ${count('head2')} < ${full} and ${condition}
          order by ${order} limit ${page.limit} offset ${page.offset})
      )`;
  } else {
    pageSql = sql`page as (
        select p.id, 0 as g, ${date} as d, p.slug from policies p where ${condition}
        order by ${order} limit ${page.limit} offset ${page.offset}
      )`;
  }
  const pageOrder = sql`page.g, page.d desc nulls last, page.slug`;
  const items = sql`(select coalesce(json_agg(${summaryJson('p')} order by ${pageOrder}), '[]'::json)
    from page join policies p on p.id = page.id)`;
  const words = correct && resolved.q ? spellingWords(resolved.q) : undefined;
  const corrections = words
    ? sql`case when (select n from counted) = 0 then ${closestWords(words)} end`
    : sql`null::json`;
  const [row] = await statementRows<{
    total: string | number;
    page: unknown;
    corrections: unknown;
  }>(
    db,
    sql`with ${resolved.lookups ? sql`${resolved.lookups}, ` : sql``}
        counted as (select count(*) as n from policies p where ${condition}),
        ${pageSql}
      select (select n from counted) as total, ${items} as page, ${corrections} as corrections`,
  );
  const total = Number(row!.total);
  return {
    page: parsedJson(row!.page as unknown[] | string),
    total,
    corrected:
      words && total === 0
        ? correctedQuery(words, parsedJson(row!.corrections as Closest[] | string))
        : undefined,
  };
}

const dialect = new PgDialect();
/** Statement texts given a name so far, by text; a few dozen shapes in practice. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 200;

/**
 * Runs a search statement. On PostgreSQL it is a named prepared statement, parsed and planned
 * once per connection and statement shape (which filters are set, how many values each has)
 * instead of on every search: planning it took about as long as running it for a rare word.
 * The plan does not depend on the words searched (see `tsqueries`). PGlite runs it unnamed.
 */
async function statementRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof Object) || !('totalCount' in client)) return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    // Named by its text, so that any two copies of this module agree on a connection.
    name = `policy_search_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const pool = client as unknown as {
    query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
  };
  return (await pool.query({ name, text, values: params })).rows;
}

/**
 * Filters with their lookups written as array-valued SQL: the policies whose identifiers match
 * `q` and the jurisdictions below the chosen one. Facets find them first with small queries and
 * pass them as constant arrays; the search statement computes them in CTEs of its own.
 */
interface ResolvedFilters extends PolicyFilters {
  identifiers?: { exact: SQL; any: SQL };
  jurisdictionIds?: SQL;
  /** CTEs (without `with`) that the arrays read. */
  lookups?: SQL;
}

async function resolveFilters(db: Tx, filters: PolicyFilters): Promise<ResolvedFilters> {
  const [identifiers, jurisdictionIds] = await Promise.all([
    filters.q ? matchIdentifiers(db, filters.q) : undefined,
    filters.jurisdiction ? jurisdictionAndDescendants(db, filters.jurisdiction) : undefined,
  ]);
  return {
    ...filters,
    identifiers: identifiers && {
      exact: uuidArray(identifiers.exact),
      any: uuidArray([...identifiers.exact, ...identifiers.near]),
    },
    jurisdictionIds: jurisdictionIds && uuidArray(jurisdictionIds),
  };
}

/** The same lookups as CTEs of the statement that uses them. */
function inlineLookups(filters: PolicyFilters): ResolvedFilters {
  const ctes: SQL[] = [];
  let identifiers: ResolvedFilters['identifiers'];
  let jurisdictionIds: SQL | undefined;
  if (filters.q) {
    const found = identifierQuery(filters.q);
    if (found) {
      ctes.push(sql`identifier_match as materialized (${found})`);
      identifiers = {
        exact: sql`(select coalesce(array_agg(policy_id), '{}') from identifier_match where exact)::uuid[]`,
        any: sql`(select coalesce(array_agg(policy_id), '{}') from identifier_match)::uuid[]`,
      };
    } else identifiers = { exact: uuidArray([]), any: uuidArray([]) };
  }
  if (filters.jurisdiction) {
    ctes.push(sql`jurisdiction_tree as materialized (${descendantsQuery(filters.jurisdiction)})`);
    jurisdictionIds = sql`(select coalesce(array_agg(id), '{}') from jurisdiction_tree)::uuid[]`;
  }
  return {
    ...filters,
    identifiers,
    jurisdictionIds,
    lookups: ctes.length ? sql.join(ctes, sql`, `) : undefined,
  };
}

/**
 * Policies whose identifier is the query ("AR 2017 22" = "ar-2017-22"), or starts with it when
 * it has a digit ("ar 2017" finds "ar-2017-22"); failing both, identifiers similar to it. Rows
 * of (policy_id, exact); undefined when the query has nothing an identifier could match.
 */
function identifierQuery(q: string): SQL | undefined {
  const norm = normalizeIdentifier(q);
  if (!norm) return undefined;
  const partial = /\d/.test(q) && norm.length >= 3;
  if (!partial)
    return sql`select policy_id, true as exact from policy_identifiers where normalized = ${norm}`;
  return sql`with prefixed as materialized (
      select policy_id, normalized = ${norm} as exact from policy_identifiers
      where normalized like ${likePrefix(norm)}
    )
    select policy_id, exact from prefixed
    union all
    select policy_id, false from policy_identifiers
    where not exists (select from prefixed)
      and normalized % ${norm} and similarity(normalized, ${norm}) >= ${IDENTIFIER_SIMILARITY}`;
}

async function matchIdentifiers(db: Tx, q: string): Promise<{ exact: string[]; near: string[] }> {
  const query = identifierQuery(q);
  if (!query) return { exact: [], near: [] };
  const rows = await queryRows<{ policy_id: string; exact: boolean }>(db, query);
  const exact = new Set(rows.filter((r) => r.exact).map((r) => r.policy_id));
  const near = new Set(rows.map((r) => r.policy_id).filter((id) => !exact.has(id)));
  return { exact: [...exact], near: [...near] };
}

const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const descendantsQuery = (ocdId: string) =>
  sql`with recursive d(id) as (
        select id from jurisdictions where ocd_id = ${ocdId}
        union select j.id from jurisdictions j join d on j.parent_id = d.id
      ) select id from d`;

async function jurisdictionAndDescendants(db: Tx, ocdId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, descendantsQuery(ocdId));
  return rows.map((r) => r.id);
}

/**
 * Runs a text search in a transaction where the planner may only use bitmap index scans.
 * Otherwise a common word (in 97% of policies) makes a sequential scan, or a walk along the
 * listing order, look cheap, and both test each row's search vector, which must be read and
 * decompressed: ten times slower. Filter-only listings run as they are.
 */
async function withIndexedSearch<T>(
  db: Tx,
  q: string | undefined,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!q) return run(db);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    );
    return run(tx);
  });
}

type TsQueries = { es: SQL; en: SQL };

/**
 * The query in both configurations, each as a sub-select: the planner then plans without
 * knowing which words are searched, and with its default estimate (a few matches) it reads
 * every text condition through its GIN index. Knowing that a common word is in 97% of policies,
 * it would read the whole table instead, testing each row's search vector, which must be
 * fetched and decompressed: ten times slower. The sub-selects run once per statement.
 */
function tsqueries(q: string): TsQueries {
  return {
    es: sql`(select websearch_to_tsquery('igualdad_es', ${q}))`,
    en: sql`(select websearch_to_tsquery('igualdad_en', ${q}))`,
  };
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Whether the policy's field in either language matches (through the fields' GIN indexes). */
const inFields = (t: TsQueries, es: string, en: string) =>
  sql`(${fieldVector('es', sql.raw(`p.${es}`))} @@ ${t.es} or ${fieldVector('en', sql.raw(`p.${en}`))} @@ ${t.en})`;

/**
 * The ids of the policies that pass `filters` and match `fields`, as a condition on `p.id`: a
 * hashed set built once, from the fields' GIN indexes and the filters' own.
 */
const matchSet = (filters: SQL, fields: SQL) =>
  sql`p.id in (select p.id from policies p where ${filters} and ${fields})`;

/**
 * Where a match was found: 0 an identifier equal to the query, 1 a similar identifier, 2 the
 * title, 3 the summary, 4 only the full text. The title and summary groups are sets of ids
 * (`matchSet`), probed for each match.
 */
function matchGroup(t: TsQueries, identifiers: { exact: SQL; any: SQL }, filters: SQL): SQL {
  return sql`case
    when p.id = any(${identifiers.exact}) then 0
    when p.id = any(${identifiers.any}) then 1
    when ${matchSet(filters, inFields(t, 'title_es', 'title_en'))} then 2
    when ${matchSet(filters, inFields(t, 'summary_es', 'summary_en'))} then 3
    else 4 end`;
}

/** The SQL condition (over `policies p`) for resolved filters; shared by search and facets. */
function conditionsSql(filters: ResolvedFilters): SQL {
  const match = filters.q ? textMatch(filters.q, filters.identifiers!) : undefined;
  return sql.join([...filterConditions(filters), ...(match ? [match] : [])], sql` and `);
}

/** Matches `q`: one OR of three index conditions, which the planner combines as a bitmap OR. */
function textMatch(q: string, ids: { any: SQL }): SQL {
  const t = tsqueries(q);
  return sql`(p.search_es @@ ${t.es} or p.search_en @@ ${t.en} or p.id = any(${ids.any}))`;
}

/** Every filter but the text, cheapest first (the planner keeps the order of equal costs). */
function filterConditions(filters: ResolvedFilters): SQL[] {
  // Only tracked policies (a stance set by staff) are in the library: decision 016.
  const where: SQL[] = [sql`p.stance is not null`];
  if (filters.status?.length) where.push(sql`p.status::text in ${list(filters.status)}`);
  if (filters.stance?.length) where.push(sql`p.stance::text in ${list(filters.stance)}`);
  if (filters.classification?.length)
    where.push(sql`p.classification::text in ${list(filters.classification)}`);
  if (filters.adoptedFrom) where.push(sql`p.adopted_on >= ${filters.adoptedFrom}`);
  if (filters.adoptedTo) where.push(sql`p.adopted_on < ${exclusiveUpperBound(filters.adoptedTo)}`);
  if (filters.jurisdictionIds) where.push(sql`p.jurisdiction_id = any(${filters.jurisdictionIds})`);
  if (filters.topic?.length) {
    where.push(
      sql`exists (select 1 from policy_topics pt join topics t on t.id = pt.topic_id where pt.policy_id = p.id and t.slug in ${list(filters.topic)})`,
    );
  }
  return where;
}

function list(values: string[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/**
 * The words of `q` that typo correction looks at (lower case, accents removed), or undefined
 * when there are none or too many.
 */
function spellingWords(q: string): string[] | undefined {
  const words = q
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^a-z0-9ñ]+/)
    .filter(Boolean);
  return words.length && words.length <= 8 ? words : undefined;
}

/** For each word, the closest corpus word and whether it is the word itself; null for none. */
type Closest = { word: string; exact: boolean } | null;

/**
 * The closest corpus word (pg_trgm) of each of `words`, as a JSON array in their order. Words
 * shorter than three letters or with a digit are not looked up. Each word is a constant of its
 * own subquery, so the planner sees it and uses the trigram index.
 */
function closestWords(words: string[]): SQL {
  const lookups = words.map((word) =>
    word.length < 3 || /\d/.test(word)
      ? sql`null::json`
      : sql`(select json_build_object('word', word, 'exact', word = ${word}) from search_lexicon
          where word = ${word} or (word % ${word} and similarity(word, ${word}) >= ${WORD_SIMILARITY})
          order by word = ${word} desc, similarity(word, ${word}) desc, documents desc limit 1)`,
  );
  return sql`json_build_array(${sql.join(lookups, sql`, `)})`;
}

/** `words` with each one that is not in the corpus replaced; undefined when none was. */
function correctedQuery(words: string[], closest: Closest[]): string | undefined {
  let changed = false;
  const out = words.map((word, i) => {
    const best = closest[i];
    if (best && !best.exact) changed = true;
    return best?.word ?? word;
  });
  return changed ? out.join(' ') : undefined;
}

/**
 * Rebuilds the typo-correction lexicon from every policy text. Run after imports (in the same
 * transaction), so all app servers see it at once.
 */
export async function rebuildSearchLexicon(db: Tx): Promise<void> {
  await db.execute(sql`delete from search_lexicon`);
  await db.execute(sql`insert into search_lexicon (word, documents)
    select word, ndoc from ts_stat($$
      select to_tsvector('igualdad_simple',
        coalesce(title_es, '') || ' ' || coalesce(summary_es, '') || ' ' || coalesce(body_es, '') || ' ' ||
        coalesce(title_en, '') || ' ' || coalesce(summary_en, '') || ' ' || coalesce(body_en, ''))
      from policies where stance is not null $$)
    where length(word) between 3 and 40 and word !~ '[0-9]'`);
}

/**
 * After a bulk import: merges the text indexes' pending entries (a GIN index first appends new
 * rows to an unsorted list that every search then reads in full) and collects the planner's
 * statistics. PGlite has no autovacuum to do either, and PostgreSQL's would come too late for
 * the first searches.
 */
export async function refreshSearchStatistics(db: Tx): Promise<void> {
  await db.execute(sql`select gin_clean_pending_list(c.oid)
    from pg_class c join pg_index i on i.indexrelid = c.oid join pg_am am on am.oid = c.relam
    where am.amname = 'gin' and i.indrelid in ('policies'::regclass, 'policy_identifiers'::regclass)`);
  await db.execute(sql`analyze policies, policy_identifiers, policy_topics, search_lexicon`);
}

/** Facets whose value counts the policy list shows. */
export type FacetName = 'jurisdiction' | 'classification' | 'topic' | 'status' | 'stance' | 'year';

/** For each facet, value -> number of policies matching every other active filter. */
export type FacetCounts = Record<FacetName, Map<string, number>>;

/**
 * Counts each facet value given the other active filters (a facet's own selection is left out,
 * so choosing one value still shows how many the others would give). Jurisdictions count their
 * descendants' policies too, as the jurisdiction filter does; years are adoption years.
 */
export async function countPolicyFacets(db: Tx, filters: PolicyFilters): Promise<FacetCounts> {
  const q = filters.q?.trim() || undefined;
  return withIndexedSearch(db, q, async (tx) => {
    const resolved = await resolveFilters(tx, { ...filters, q });
    const without = (omit: Partial<Record<keyof ResolvedFilters, undefined>>): SQL =>
      conditionsSql({ ...resolved, ...omit });
    const grouped = async (select: SQL, from: SQL, condition: SQL) => {
      const rows = await queryRows<{ value: string | null; n: string | number }>(
        tx,
        sql`select ${select} as value, count(distinct p.id) as n from ${from} where ${condition} group by 1`,
      );
      return new Map(rows.filter((r) => r.value !== null).map((r) => [r.value!, Number(r.n)]));
    };
    const policiesOnly = sql`policies p`;
    // One after another: they share a transaction, where queries run one at a time anyway.
    const jurisdiction = await grouped(
      sql`j.ocd_id`,
      sql`policies p join (
        with recursive up(id, ancestor) as (
          select id, id from jurisdictions
          union all select up.id, j.parent_id from up join jurisdictions j on j.id = up.ancestor
          where j.parent_id is not null
        ) select id, ancestor from up) a on a.id = p.jurisdiction_id
        join jurisdictions j on j.id = a.ancestor`,
      without({ jurisdictionIds: undefined }),
    );
    const classification = await grouped(
      sql`p.classification::text`,
      policiesOnly,
      without({ classification: undefined }),
    );
    const topic = await grouped(
      sql`t.slug`,
      sql`policies p join policy_topics pt2 on pt2.policy_id = p.id join topics t on t.id = pt2.topic_id`,
      without({ topic: undefined }),
    );
    const status = await grouped(sql`p.status::text`, policiesOnly, without({ status: undefined }));
    const stance = await grouped(sql`p.stance::text`, policiesOnly, without({ stance: undefined }));
    const year = await grouped(
      sql`substr(p.adopted_on, 1, 4)`,
      policiesOnly,
      without({ adoptedFrom: undefined, adoptedTo: undefined }),
    );
    return { jurisdiction, classification, topic, status, stance, year };
  });
}

/** Private-use characters that ts_headline puts around matches; never shown as such. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

/**
 * A short excerpt of each policy's summary and full text in the page language (the other
 * language when missing), with the words matching `q` between HIGHLIGHT_START and HIGHLIGHT_END.
 * The text is plain (Markdown marks removed, sentinels stripped from the source), for the view
 * to escape and turn the sentinels into <mark>. Policies where nothing is highlighted are left out.
 */
export async function highlightPolicies(
  db: Tx,
  ids: string[],
  q: string,
  locale: 'es' | 'en',
): Promise<Map<string, string>> {
  if (!ids.length || !q.trim()) return new Map();
  const config = locale === 'es' ? sql.raw(`'igualdad_es'`) : sql.raw(`'igualdad_en'`);
  const [summary, body] =
    locale === 'es'
      ? [sql`coalesce(nullif(p.summary_es, ''), p.summary_en)`, sql`coalesce(p.body_es, p.body_en)`]
      : [
          sql`coalesce(nullif(p.summary_en, ''), p.summary_es)`,
          sql`coalesce(p.body_en, p.body_es)`,
        ];
  const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=40, MinWords=15, MaxFragments=1, FragmentDelimiter=" … "`;
  const rows = await queryRows<{ id: string; headline: string }>(
    db,
    sql`select p.id, ts_headline(${config}::regconfig,
          regexp_replace(${summary} || E'\\n\\n' || coalesce(${body}, ''), ${'[\uE000\uE001*_#>`]+'}, '', 'g'),
          websearch_to_tsquery(${config}::regconfig, ${q}), ${options}) as headline
        from policies p where p.id in ${list(ids)}`,
  );
  return new Map(
    rows.filter((r) => r.headline.includes(HIGHLIGHT_START)).map((r) => [r.id, r.headline]),
  );
}
