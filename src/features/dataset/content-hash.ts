/**
 * Content hashes of dataset records: a record whose hash is unchanged is left alone on import
 * (counted "unchanged", no new version). The hash is of what a record means, not of how its file
 * spells it, so importing an export of the same data changes nothing.
 */
import { createHash } from 'node:crypto';
import type { TranslationState } from '../../db/enums.ts';

export const contentHash = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('base64url');

/** Text is "original" unless the file says otherwise, and "missing" when empty. */
export const stateOf = (
  text: string | null | undefined,
  given: TranslationState | undefined,
): TranslationState => given ?? (text ? 'original' : 'missing');

/**
 * An action description's state. The editing form has no state fields for descriptions, so a
 * text typed where the stored record said `missing` (an imported English-only action) is a
 * person's translation: `reviewed`, as the editorial workflow marks translated texts.
 */
export const descriptionState = (
  text: string,
  given: TranslationState | undefined,
): TranslationState =>
  !text ? 'missing' : given === 'missing' ? 'reviewed' : (given ?? 'original');

// Links stored as sets (join tables, no order) and exported sorted.
const SET_KEYS = new Set(['topics', 'policies', 'relations']);

/**
 * The record as the database keeps it: keys in order, a null field the same as an absent one,
 * each text's translation state as it will be stored, and linked topics, policies and relations
 * as sorted sets. Lists with an order of their own (provisions, actions, identifiers) keep it.
 */
function canonical(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    if (!key || !SET_KEYS.has(key)) return items;
    const byText = new Map(items.map((item) => [JSON.stringify(item), item]));
    return [...byText.keys()].sort().map((text) => byText.get(text));
  }
  if (!value || typeof value !== 'object') return value;
  const record = { ...(value as Record<string, unknown>) };
  if ('es' in record || 'en' in record) {
    const state = key === 'description' ? descriptionState : stateOf;
    record.es_state = state(record.es as string, record.es_state as TranslationState);
    record.en_state = state(record.en as string, record.en_state as TranslationState);
  }
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(record).sort()) {
    const field = record[name];
    if (field !== null && field !== undefined) out[name] = canonical(field, name);
  }
  return out;
}
