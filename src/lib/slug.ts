/**
 * Slugs for URLs, and identifier normalization for search: both fold accents, case and
 * punctuation, so "AR 2017-22", "ar-2017-22" and "AR-2017-22" are the same identifier.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower case ASCII letters and digits joined by single hyphens; "" when nothing is left. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The comparable form of a policy identifier (bill number, enactment number, alias...). */
export function normalizeIdentifier(value: string): string {
  return slugify(value.replace(/§/g, ' '));
}

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}
