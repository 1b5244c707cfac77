import { describe, expect, it } from 'vitest';
import { isOcdDivisionId, OCD_DIVISION_PREFIX_PATTERN } from './ocd.ts';

describe('OCD division ids', () => {
  it.each([
    'ocd-division/country:us',
    'ocd-division/country:us/state:nm/county:bernalillo/council_district:2',
    // Real ids from the OCD lists: Unicode letters, "~" and "-" in values.
    'ocd-division/country:us/state:nm/county:doña_ana',
    'ocd-division/country:us/state:nm/place:española',
    'ocd-division/country:us/state:nm/county:doña_ana/school_district:alma_d~arte_charter',
    'ocd-division/country:us/state:nm/sldl:10',
  ])('accepts %s', (id) => expect(isOcdDivisionId(id)).toBe(true));

  it.each([
    'ocd-division/country:usa',
    'ocd-division/country:US',
    'ocd-division/country:us/',
    'ocd-division/country:us/state',
    'ocd-division/country:us/2state:nm',
    'ocd-division/country:us/state:n m',
    'ocd-division/country:us/state:nm/county:bernalillo/',
    'ocd-jurisdiction/country:us/state:nm/government',
  ])('refuses %s', (id) => expect(isOcdDivisionId(id)).toBe(false));

  it('knows a prefix that ends in a division type', () => {
    expect(OCD_DIVISION_PREFIX_PATTERN.test('ocd-division/country:us/state:nm/sldl')).toBe(true);
    expect(OCD_DIVISION_PREFIX_PATTERN.test('ocd-division/country:us/state:nm/sldl:1')).toBe(false);
  });
});
