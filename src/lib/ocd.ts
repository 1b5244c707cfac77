/**
 * Open Civic Data division ids, as the OCD grammar defines them:
 * `^ocd-division/country:[a-z]{2}(/[^\W\d]+:[\w.~-]+)*$` in the Python of the OCD repository,
 * where `\w` takes any Unicode letter or digit (real ids include `county:doña_ana` and
 * `place:española`). JavaScript's `\w` is ASCII only, so the classes are spelled out.
 */
const TYPE = String.raw`[\p{L}\p{M}_]+`;
const VALUE = String.raw`[\p{L}\p{M}\p{N}_.~-]+`;

export const OCD_DIVISION_PATTERN = new RegExp(
  String.raw`^ocd-division/country:[a-z]{2}(/${TYPE}:${VALUE})*$`,
  'u',
);

/** A division id followed by one more division type, such as `.../place:albuquerque/council_district`. */
export const OCD_DIVISION_PREFIX_PATTERN = new RegExp(
  String.raw`^ocd-division/country:[a-z]{2}(/${TYPE}:${VALUE})*/${TYPE}$`,
  'u',
);

/** A division id segment value: the characters the grammar allows after `type:`. */
export const OCD_VALUE_PATTERN = new RegExp(`^${VALUE}$`, 'u');

export function isOcdDivisionId(value: string): boolean {
  return OCD_DIVISION_PATTERN.test(value);
}
