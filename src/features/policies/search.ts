/**
 * Policy search and filtering, one SQL dialect for PGlite and PostgreSQL: full-text search with
 * the Spanish and English configurations (accents folded by unaccent), identifiers matched
 * exactly after normalization or by trigram similarity, and typo correction from a lexicon.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { exclusiveUpperBound } from '../../lib/partial-date.ts';
import { normalizeIdentifier } from '../../lib/slug.ts';
import { fieldVector, listingDate } from '../../db/schema.ts';

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

export interface SearchPage {
  ids: string[];
  total: number;
  didYouMean?: string;
}

/** Identifier similarity needed for a fuzzy match ("ar 2017 22" vs "ar-2017-22"). */
const IDENTIFIER_SIMILARITY = 0.5;
/** Word similarity needed for a typo correction ("detainr" -> "detainer"). */
const WORD_SIMILARITY = 0.4;

export async function searchPolicies(
  db: Tx,
  filters: PolicyFilters,
  page: { limit: number; offset: number },
): Promise<SearchPage> {
  const q = filters.q?.trim();
  const first = await runSearch(db, { ...filters, q: q || undefined }, page);
  if (first.total > 0 || !q) return first;
  const corrected = await correctSpelling(db, q);
  if (!corrected || corrected === q.toLowerCase()) return first;
  const second = await runSearch(db, { ...filters, q: corrected }, page);
  return second.total > 0 ? { ...second, didYouMean: corrected } : first;
}

/**
 * Filters with their lookups done: the policies whose identifiers match `q` and the
 * jurisdictions below the chosen one, found first by small indexed queries and passed to the
 * main query as arrays (which the planner can turn into index scans and estimate exactly).
 */
interface ResolvedFilters extends PolicyFilters {
  identifierMatches?: { exact: string[]; near: string[] };
  jurisdictionIds?: string[];
}

async function resolveFilters(db: Tx, filters: PolicyFilters): Promise<ResolvedFilters> {
  const [identifierMatches, jurisdictionIds] = await Promise.all([
    filters.q ? matchIdentifiers(db, filters.q) : undefined,
    filters.jurisdiction ? jurisdictionAndDescendants(db, filters.jurisdiction) : undefined,
  ]);
  return { ...filters, identifierMatches, jurisdictionIds };
}

/**
 * Policies whose identifier is the query ("AR 2017 22" = "ar-2017-22"), or starts with it when
 * it has a digit ("ar 2017" finds "ar-2017-22"); failing both, identifiers similar to it.
 */
async function matchIdentifiers(db: Tx, q: string): Promise<{ exact: string[]; near: string[] }> {
  const norm = normalizeIdentifier(q);
  if (!norm) return { exact: [], near: [] };
  const partial = /\d/.test(q) && norm.length >= 3;
  let rows = await queryRows<{ policy_id: string; exact: boolean }>(
    db,
    partial
      ? sql`select policy_id, normalized = ${norm} as exact from policy_identifiers
            where normalized like ${likePrefix(norm)}`
      : sql`select policy_id, true as exact from policy_identifiers where normalized = ${norm}`,
  );
  if (!rows.length && partial) {
    rows = await queryRows(
      db,
      sql`select policy_id, false as exact from policy_identifiers
          where normalized % ${norm} and similarity(normalized, ${norm}) >= ${IDENTIFIER_SIMILARITY}`,
    );
  }
  const exact = new Set(rows.filter((r) => r.exact).map((r) => r.policy_id));
  const near = new Set(rows.map((r) => r.policy_id).filter((id) => !exact.has(id)));
  return { exact: [...exact], near: [...near] };
}

const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function jurisdictionAndDescendants(db: Tx, ocdId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive d(id) as (
          select id from jurisdictions where ocd_id = ${ocdId}
          union select j.id from jurisdictions j join d on j.parent_id = d.id
        ) select id from d`,
  );
  return rows.map((r) => r.id);
}

/**
 * One page of matches and their number. Results are ordered by where the words were found, then
 * newest first: an identifier equal to the query, a similar identifier, the title, the summary,
 * the full text. The groups are sets of ids read from indexes once per search and probed for
 * each match, so a search costs about a microsecond per matching policy and never reads a text
 * or a search vector (a relevance score such as ts_rank would, for every match; see decision 003).
 */
async function runSearch(
  db: Tx,
  filters: PolicyFilters,
  page: { limit: number; offset: number },
): Promise<SearchPage> {
  return withIndexedSearch(db, filters.q, async (tx) => {
    const resolved = await resolveFilters(tx, filters);
    const condition = conditionsSql(resolved);
    const group = resolved.q
      ? sql`${matchGroup(resolved.q, resolved.identifierMatches!)}, `
      : sql``;
    const rows = await queryRows<{ id: string; total: string | number }>(
      tx,
      sql`select p.id, (select count(*) from policies p where ${condition}) as total
          from policies p where ${condition}
          order by ${group}${LISTING_ORDER}
          limit ${page.limit} offset ${page.offset}`,
    );
    const total = rows.length
      ? Number(rows[0]!.total)
      : page.offset > 0
        ? await countWhere(tx, condition)
        : 0;
    return { ids: rows.map((r) => r.id), total };
  });
}

/** The listing order: newest first (adoption, else introduction date), then by slug. */
const LISTING_ORDER = sql`${listingDate(sql.raw('p.adopted_on'), sql.raw('p.introduced_on'))} desc nulls last, p.slug`;

async function countWhere(db: Tx, condition: SQL): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from policies p where ${condition}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Runs a text search in a transaction where the planner may only use bitmap index scans.
 * Otherwise a common word (in 97% of policies) makes a sequential scan, or a walk along the
 * listing order, look cheap, and both test every row's search vector, which must be read and
 * decompressed: ten times slower. Filter-only listings run as they are.
 */
async function withIndexedSearch<T>(
  db: Tx,
  q: string | undefined,
  run: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!q) return run(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    return run(tx);
  });
}

function tsqueries(q: string) {
  return {
    es: sql`websearch_to_tsquery('igualdad_es', ${q})`,
    en: sql`websearch_to_tsquery('igualdad_en', ${q})`,
  };
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Where a match was found: 0 an identifier equal to the query, 1 a similar identifier, 2 the
 * title, 3 the summary, 4 only the full text. Inside a CASE, each `in (select …)` is a hashed
 * set built once from the title and summary expression indexes.
 */
function matchGroup(q: string, identifiers: { exact: string[]; near: string[] }): SQL {
  const t = tsqueries(q);
  const inFields = (es: string, en: string) =>
    sql`p.id in (select id from policies where ${fieldVector('es', sql.raw(es))} @@ ${t.es}
                 or ${fieldVector('en', sql.raw(en))} @@ ${t.en})`;
  return sql`case
    when p.id = any(${uuidArray(identifiers.exact)}) then 0
    when p.id = any(${uuidArray(identifiers.near)}) then 1
    when ${inFields('title_es', 'title_en')} then 2
    when ${inFields('summary_es', 'summary_en')} then 3
    else 4 end`;
}

/** The SQL condition (over `policies p`) for resolved filters; shared by search and facets. */
function conditionsSql(filters: ResolvedFilters): SQL {
  const match = filters.q ? textMatch(filters.q, filters.identifierMatches!) : undefined;
  return sql.join([...filterConditions(filters), ...(match ? [match] : [])], sql` and `);
}

/** Matches `q`: one OR of three index conditions, which the planner combines as a bitmap OR. */
function textMatch(q: string, ids: { exact: string[]; near: string[] }): SQL {
  const t = tsqueries(q);
  return sql`(p.search_es @@ ${t.es} or p.search_en @@ ${t.en}
    or p.id = any(${uuidArray([...ids.exact, ...ids.near])}))`;
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
  if (filters.jurisdictionIds)
    where.push(sql`p.jurisdiction_id = any(${uuidArray(filters.jurisdictionIds)})`);
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
 * Replaces each word that is not in the corpus by its closest corpus word (pg_trgm), or returns
 * undefined when no word could be corrected.
 */
export async function correctSpelling(db: Tx, q: string): Promise<string | undefined> {
  const words = q
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^a-z0-9ñ]+/)
    .filter(Boolean);
  if (!words.length || words.length > 8) return undefined;
  let changed = false;
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 3 || /\d/.test(word)) {
      out.push(word);
      continue;
    }
    const [best] = await queryRows<{ word: string; exact: boolean }>(
      db,
      sql`select word, word = ${word} as exact from search_lexicon
          where word = ${word} or (word % ${word} and similarity(word, ${word}) >= ${WORD_SIMILARITY})
          order by word = ${word} desc, similarity(word, ${word}) desc, documents desc limit 1`,
    );
    if (best && !best.exact) changed = true;
    out.push(best?.word ?? word);
  }
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
