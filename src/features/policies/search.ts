/**
 * Policy search and filtering, one SQL dialect for PGlite and PostgreSQL: full-text search with
 * the Spanish and English configurations (accents folded by unaccent), identifiers matched
 * exactly after normalization or by trigram similarity, and typo correction from a lexicon.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { exclusiveUpperBound } from '../../lib/partial-date.ts';
import { normalizeIdentifier } from '../../lib/slug.ts';

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

async function runSearch(
  db: Tx,
  filters: PolicyFilters,
  page: { limit: number; offset: number },
): Promise<SearchPage> {
  const where = policyConditions(filters);
  const score = filters.q ? queryScore(filters.q) : undefined;
  const condition = where.length ? sql.join(where, sql` and `) : sql`true`;
  const rows = await queryRows<{ id: string; total: string | number }>(
    db,
    sql`select p.id, count(*) over () as total
        from policies p
        where ${condition}
        order by ${score ? sql`${score} desc, ` : sql``}coalesce(p.adopted_on, p.introduced_on) desc nulls last, p.slug
        limit ${page.limit} offset ${page.offset}`,
  );
  let total = rows.length ? Number(rows[0]!.total) : 0;
  if (!rows.length && page.offset > 0) {
    const [count] = await queryRows<{ n: string | number }>(
      db,
      sql`select count(*) as n from policies p where ${condition}`,
    );
    total = Number(count?.n ?? 0);
  }
  return { ids: rows.map((r) => r.id), total };
}

/** How a query string matches a policy: full text in both languages, or an identifier. */
function identifierMatch(q: string): { norm: string; match: SQL } {
  const norm = normalizeIdentifier(q);
  const fuzzy = /\d/.test(q) && norm.length >= 3;
  const match = fuzzy
    ? sql`(i.normalized = ${norm} or i.normalized like ${norm + '%'} or (i.normalized % ${norm} and similarity(i.normalized, ${norm}) >= ${IDENTIFIER_SIMILARITY}))`
    : sql`i.normalized = ${norm}`;
  return { norm, match };
}

function queryScore(q: string): SQL {
  const { norm, match } = identifierMatch(q);
  const identifierScore = sql`(select max(case when i.normalized = ${norm} then 10 else 5 * similarity(i.normalized, ${norm}) end) from policy_identifiers i where i.policy_id = p.id and ${match})`;
  return sql`(coalesce(${identifierScore}, 0) + ts_rank_cd(p.search_es, websearch_to_tsquery('igualdad_es', ${q})) + ts_rank_cd(p.search_en, websearch_to_tsquery('igualdad_en', ${q})))`;
}

/** The SQL conditions (over `policies p`) for a set of filters; shared by search and facets. */
function policyConditions(filters: PolicyFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.q) {
    const q = filters.q;
    const { match } = identifierMatch(q);
    // A union of three index lookups: an OR across the two vectors and the identifiers would
    // make the planner scan and decompress every policy's vectors (see BENCHMARKS.md).
    where.push(
      sql`p.id in (
        select id from policies where search_es @@ websearch_to_tsquery('igualdad_es', ${q})
        union select id from policies where search_en @@ websearch_to_tsquery('igualdad_en', ${q})
        union select i.policy_id from policy_identifiers i where ${match})`,
    );
  }
  if (filters.jurisdiction) {
    where.push(sql`p.jurisdiction_id in (
      with recursive d(id) as (
        select id from jurisdictions where ocd_id = ${filters.jurisdiction}
        union select j.id from jurisdictions j join d on j.parent_id = d.id
      ) select id from d)`);
  }
  if (filters.classification?.length)
    where.push(sql`p.classification::text in ${list(filters.classification)}`);
  if (filters.status?.length) where.push(sql`p.status::text in ${list(filters.status)}`);
  if (filters.stance?.length) where.push(sql`p.stance::text in ${list(filters.stance)}`);
  if (filters.topic?.length) {
    where.push(
      sql`exists (select 1 from policy_topics pt join topics t on t.id = pt.topic_id where pt.policy_id = p.id and t.slug in ${list(filters.topic)})`,
    );
  }
  if (filters.adoptedFrom) where.push(sql`p.adopted_on >= ${filters.adoptedFrom}`);
  if (filters.adoptedTo) where.push(sql`p.adopted_on < ${exclusiveUpperBound(filters.adoptedTo)}`);
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
      from policies $$)
    where length(word) between 3 and 40 and word !~ '[0-9]'`);
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
  const without = (omit: Partial<Record<keyof PolicyFilters, undefined>>): SQL => {
    const where = policyConditions({ ...filters, q, ...omit });
    return where.length ? sql.join(where, sql` and `) : sql`true`;
  };
  const grouped = async (select: SQL, from: SQL, condition: SQL) => {
    const rows = await queryRows<{ value: string | null; n: string | number }>(
      db,
      sql`select ${select} as value, count(distinct p.id) as n from ${from} where ${condition} group by 1`,
    );
    return new Map(rows.filter((r) => r.value !== null).map((r) => [r.value!, Number(r.n)]));
  };
  const policiesOnly = sql`policies p`;
  const [jurisdiction, classification, topic, status, stance, year] = await Promise.all([
    grouped(
      sql`j.ocd_id`,
      sql`policies p join (
        with recursive up(id, ancestor) as (
          select id, id from jurisdictions
          union all select up.id, j.parent_id from up join jurisdictions j on j.id = up.ancestor
          where j.parent_id is not null
        ) select id, ancestor from up) a on a.id = p.jurisdiction_id
        join jurisdictions j on j.id = a.ancestor`,
      without({ jurisdiction: undefined }),
    ),
    grouped(sql`p.classification::text`, policiesOnly, without({ classification: undefined })),
    grouped(
      sql`t.slug`,
      sql`policies p join policy_topics pt2 on pt2.policy_id = p.id join topics t on t.id = pt2.topic_id`,
      without({ topic: undefined }),
    ),
    grouped(sql`p.status::text`, policiesOnly, without({ status: undefined })),
    grouped(sql`p.stance::text`, policiesOnly, without({ stance: undefined })),
    grouped(
      sql`substr(p.adopted_on, 1, 4)`,
      policiesOnly,
      without({ adoptedFrom: undefined, adoptedTo: undefined }),
    ),
  ]);
  return { jurisdiction, classification, topic, status, stance, year };
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
