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
  const where: SQL[] = [];
  let score: SQL | undefined;
  if (filters.q) {
    const q = filters.q;
    const norm = normalizeIdentifier(q);
    const fuzzy = /\d/.test(q) && norm.length >= 3;
    const identifierMatch = fuzzy
      ? sql`(i.normalized = ${norm} or i.normalized like ${norm + '%'} or (i.normalized % ${norm} and similarity(i.normalized, ${norm}) >= ${IDENTIFIER_SIMILARITY}))`
      : sql`i.normalized = ${norm}`;
    const identifierScore = sql`(select max(case when i.normalized = ${norm} then 10 else 5 * similarity(i.normalized, ${norm}) end) from policy_identifiers i where i.policy_id = p.id and ${identifierMatch})`;
    where.push(
      sql`(p.search_es @@ websearch_to_tsquery('igualdad_es', ${q}) or p.search_en @@ websearch_to_tsquery('igualdad_en', ${q}) or exists (select 1 from policy_identifiers i where i.policy_id = p.id and ${identifierMatch}))`,
    );
    score = sql`(coalesce(${identifierScore}, 0) + ts_rank_cd(p.search_es, websearch_to_tsquery('igualdad_es', ${q})) + ts_rank_cd(p.search_en, websearch_to_tsquery('igualdad_en', ${q})))`;
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
