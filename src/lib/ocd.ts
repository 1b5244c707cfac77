/** Open Civic Data division ids, as the OCD grammar defines them. */
export const OCD_DIVISION_PATTERN = /^ocd-division\/country:[a-z]{2}(\/[^\W\d]+:[\w.~-]+)*$/;

export function isOcdDivisionId(value: string): boolean {
  return OCD_DIVISION_PATTERN.test(value);
}
