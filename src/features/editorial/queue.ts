/**
 * The translator queue: items with texts that need an update, are missing or were
 * machine-translated. The database picks the candidates (the rule of `translationNeeds`, in SQL)
 * so only they are read whole; `translationNeeds` then lists each one's texts.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { readPublished, titleOf, type AnyDocument, type ContentKind } from './kinds.ts';
import { LISTED_PARTS, PUBLIC_ROWS, WORKING_DOCUMENT } from './listing.ts';
import { translationNeeds, type Language, type TranslationNeed } from './translation.ts';

export interface QueueEntry {
  kind: ContentKind;
  slug: string;
  title: { es: string; en: string };
  fields: TranslationNeed[];
}

/** A text's state in one language, as `translationNeeds` reads it. */
const stateIn = (language: Language) =>
  `coalesce(t->>'${language}_state', case when coalesce(t->>'${language}', '') <> ''
    then 'original' else 'missing' end)`;

/** The texts with states of the document `w.doc` of item `i` (as `translatableTexts`). */
const TEXTS = `case i.kind
  when 'policy' then jsonb_build_array(w.doc->'title', w.doc->'summary', w.doc->'full_text')
    || case when jsonb_typeof(w.doc->'provisions') = 'array' then w.doc->'provisions'
      else '[]'::jsonb end
  when 'faq' then jsonb_build_array(w.doc->'question', w.doc->'answer')
  when 'talking_point' then jsonb_build_array(w.doc->'text')
  else '[]'::jsonb end`;

const NEEDS_WORK = sql.raw(`exists (select 1 from jsonb_array_elements(${TEXTS}) x(t)
  where jsonb_typeof(t) = 'object' and (
    ${stateIn('es')} in ('needs_update', 'machine') or ${stateIn('en')} in ('needs_update', 'machine')
    or (${stateIn('es')} = 'missing' and coalesce(t->>'en', '') <> '')
    or (${stateIn('en')} = 'missing' and coalesce(t->>'es', '') <> '')))`);

interface TrackedRow {
  kind: ContentKind;
  slug: string;
  document: AnyDocument;
}

interface PublicRow {
  kind: ContentKind;
  slug: string;
  titleEs: string | null;
  titleEn: string | null;
}

/** Items with texts that need work, by kind and slug; with `locale`, only texts in it. */
export async function translationQueue(
  db: Db,
  { locale }: { locale?: Language | undefined } = {},
): Promise<QueueEntry[]> {
  // Deleted content is not translated (a restore brings it back to the queue).
  const tracked = await queryRows<TrackedRow>(
    db,
    sql`select i.kind, i.key as slug, ${LISTED_PARTS} as document
      from editorial_items i cross join ${WORKING_DOCUMENT}
      where i.deleted_at is null and ${NEEDS_WORK}`,
  );
  const untracked = await queryRows<PublicRow>(
    db,
    sql`select kind, slug, "titleEs", "titleEn" from (${sql.join(
      Object.values(PUBLIC_ROWS),
      sql` union all `,
    )}) p
      where needs and not exists (select 1 from editorial_items i
        where i.kind = p.kind and i.key = p.slug)`,
  );
  const candidates = tracked.map((r) => ({ ...r, title: titleOf(r.kind, r.document) }));
  for (const r of untracked) {
    const document = await readPublished(db, r.kind, r.slug);
    const title = { es: r.titleEs ?? '', en: r.titleEn ?? '' };
    if (document) candidates.push({ kind: r.kind, slug: r.slug, document, title });
  }
  const entries: QueueEntry[] = [];
  for (const { kind, slug, document, title } of candidates) {
    const fields = translationNeeds(kind, document).filter((f) => !locale || f.language === locale);
    if (fields.length) entries.push({ kind, slug, title, fields });
  }
  return entries.sort((a, b) => a.kind.localeCompare(b.kind) || a.slug.localeCompare(b.slug));
}
