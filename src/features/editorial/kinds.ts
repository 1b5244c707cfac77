/**
 * The kinds of editable content and their documents: one record in the dataset file shape
 * (decision 014), its schema, its public table, and the published record read back in that shape.
 * Nothing here writes, so the dataset import can use it too.
 */
import type { ZodType } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { CONTENT_KINDS } from '../../db/schema.ts';
import { exportRecord, type DatasetSection } from '../dataset/export.ts';
import {
  bodyRecord,
  faqRecord,
  jurisdictionRecord,
  policyRecord,
  talkingPointRecord,
  topicRecord,
  type BodyRecord,
  type FaqRecord,
  type JurisdictionRecord,
  type PolicyRecord,
  type TalkingPointRecord,
  type TopicRecord,
} from '../dataset/schema.ts';

export type ContentKind = (typeof CONTENT_KINDS)[number];

interface DocumentMap {
  policy: PolicyRecord;
  jurisdiction: JurisdictionRecord;
  body: BodyRecord;
  topic: TopicRecord;
  faq: FaqRecord;
  talking_point: TalkingPointRecord;
}
export type DocumentOf<K extends ContentKind> = DocumentMap[K];
export type AnyDocument = DocumentMap[ContentKind];

/** The dataset record schemas: the same validation as an import file. */
export const documentSchemas: { [K in ContentKind]: ZodType<DocumentMap[K]> } = {
  policy: policyRecord as ZodType<PolicyRecord>,
  jurisdiction: jurisdictionRecord as ZodType<JurisdictionRecord>,
  body: bodyRecord as ZodType<BodyRecord>,
  topic: topicRecord as ZodType<TopicRecord>,
  faq: faqRecord as ZodType<FaqRecord>,
  talking_point: talkingPointRecord as ZodType<TalkingPointRecord>,
};

export const SECTIONS: Record<ContentKind, DatasetSection> = {
  policy: 'policies',
  jurisdiction: 'jurisdictions',
  body: 'bodies',
  topic: 'topics',
  faq: 'faq',
  talking_point: 'talking_points',
};

/** The public table of each kind, for the queries that only need its slug and id. */
export const PUBLIC_TABLES: Record<ContentKind, string> = {
  policy: 'policies',
  jurisdiction: 'jurisdictions',
  body: 'bodies',
  topic: 'topics',
  faq: 'faq_entries',
  talking_point: 'talking_points',
};

export function isContentKind(value: string): value is ContentKind {
  return Object.hasOwn(SECTIONS, value);
}

/** The words a list shows for a document: its title, name, question or text. */
export function titleOf(kind: ContentKind, document: AnyDocument): { es: string; en: string } {
  const d = document as Partial<Record<'title' | 'name' | 'question' | 'text', unknown>>;
  const source = (
    kind === 'policy' ? d.title : kind === 'faq' ? d.question : (d.name ?? d.text)
  ) as { es?: string; en?: string } | undefined;
  return { es: source?.es ?? '', en: source?.en ?? '' };
}

/** The published record, read back from the public tables in the document shape. */
export async function readPublished<K extends ContentKind>(
  tx: Tx,
  kind: K,
  slug: string,
): Promise<DocumentOf<K> | undefined> {
  const record = await exportRecord(tx, SECTIONS[kind], slug);
  if (record === undefined) return undefined;
  if (kind === 'policy' && (record as { stance?: unknown }).stance == null) {
    // An imported matter nobody has assessed yet (decision 016): its document is read without a
    // stance (and perhaps a summary), the form asks for them, and saving requires them.
    return unassessedPolicy.parse({ ...record, stance: undefined }) as DocumentOf<K>;
  }
  return documentSchemas[kind].parse(record);
}

/**
 * An imported matter as it arrives: no stance, and often no summary (Legistar gives a title
 * only). Its form asks for both; saving it requires both.
 */
const unassessedPolicy = policyRecord.extend({
  stance: policyRecord.shape.stance.optional(),
  // The full text's shape: a bilingual text that may be empty.
  summary: policyRecord.shape.full_text.unwrap().unwrap(),
});
