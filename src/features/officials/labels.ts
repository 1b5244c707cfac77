/**
 * Party names and seat labels come from the sources in English ("Democratic", "governor",
 * "District 3"). Known values are translated from the catalog (`officials.party.*`,
 * `officials.post.*`); anything else is shown as recorded, marked as English on a Spanish page
 * so screen readers pronounce it right.
 */
import { catalogs } from '../../i18n/catalog.ts';
import type { PageContext } from '../../web/i18n.ts';

export interface Label {
  text: string;
  /** Set when the text is not in the page's language. */
  lang?: 'en';
}

type Speaker = Pick<PageContext, 'locale' | 't'>;

// Other spellings of the same value seen in Open States and Legistar.
const ALIASES: Record<string, string> = {
  democrat: 'democratic',
  dts: 'decline_to_state',
  non_partisan: 'nonpartisan',
  lieutenant_governor: 'lt_governor',
  chairman: 'chair',
  chairperson: 'chair',
  vice_chairman: 'vice_chair',
  vice_chairperson: 'vice_chair',
  state_auditor: 'auditor',
  state_treasurer: 'treasurer',
  at_large_seat: 'at_large',
};

/** "Decline to State" -> "decline_to_state"; "Lieutenant-Governor" -> "lt_governor". */
export function labelKey(value: string): string {
  const key = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return ALIASES[key] ?? key;
}

function recorded(ctx: Speaker, value: string): Label {
  // Digits and signs ("3", "B-2") read the same in both languages.
  return ctx.locale !== 'en' && /\p{L}/u.test(value)
    ? { text: value, lang: 'en' }
    : { text: value };
}

function fromCatalog(ctx: Speaker, prefix: string, value: string): Label | null {
  const key = `${prefix}.${labelKey(value)}`;
  return catalogs[ctx.locale][key] === undefined ? null : { text: ctx.t(key) };
}

/** A party's name in the reader's language when we know it, else as recorded. */
export function partyLabel(ctx: Speaker, party: string): Label {
  return fromCatalog(ctx, 'officials.party', party) ?? recorded(ctx, party);
}

/** A seat's label: an office ("governor"), "District N", or the value as recorded ("3"). */
export function seatLabel(ctx: Speaker, seat: string): Label {
  const district = /^(?:council\s+|commission\s+)?district\s+([\p{L}\d-]+)$/iu.exec(seat.trim());
  if (district) return { text: ctx.t('officials.post.district', { n: district[1]! }) };
  return fromCatalog(ctx, 'officials.post', seat) ?? recorded(ctx, seat);
}
