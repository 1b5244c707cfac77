import { describe, expect, it } from 'vitest';
import { localToInstant, parseClock } from './local-time.ts';
import { classifyAction, classifyMatter, parseTally, statusOf } from './mapping.ts';
import { bodyNameCandidates, districtOf } from './write-people.ts';
import { legistarOfficeRecord } from './schema.ts';
import { BENTON, COUNCIL, officeRecord } from './test-fixtures.ts';

describe('Legistar mappings', () => {
  it('classifies legislation and leaves other matter types out', () => {
    expect(classifyMatter('Ordinance')).toBe('ordinance');
    expect(classifyMatter('City Resolution')).toBe('resolution');
    expect(classifyMatter('memorial')).toBe('memorial');
    expect(classifyMatter('Appointment')).toBeUndefined();
    expect(classifyMatter(null)).toBeUndefined();
  });

  it('gives a status: pending unless passed, failed or vetoed', () => {
    expect(statusOf('Passed', 'ordinance', null)).toBe('in_force');
    expect(statusOf('Adopted', 'resolution', null)).toBe('in_force');
    expect(statusOf('Adopted', 'memorial', null)).toBe('enacted_non_binding');
    expect(statusOf('Vetoed', 'ordinance', null)).toBe('vetoed');
    expect(statusOf('Veto Overridden', 'ordinance', null)).toBe('in_force');
    expect(statusOf('Withdrawn', 'resolution', null)).toBe('failed');
    expect(statusOf('Failed', 'resolution', null)).toBe('failed');
    expect(statusOf('In Committee', 'ordinance', '2019-01-01')).toBe('pending');
    expect(statusOf(null, 'ordinance', '2019-01-01')).toBe('in_force');
    expect(statusOf(null, 'ordinance', null)).toBe('pending');
  });

  it('maps history actions to OCD classifications, a failed passage to a failure', () => {
    const cases: [string, number | null, string][] = [
      ['Introduced', null, 'introduction'],
      ['Referred', null, 'referral-committee'],
      ['Recommended to Pass', 1, 'committee-passage'],
      ['Recommended to Pass', 0, 'committee-failure'],
      ['Passed', 1, 'passage'],
      ['Passed', 0, 'failure'],
      ['Adopted as amended', 1, 'passage'],
      ['Amended', 1, 'amendment-passage'],
      ['Signed by the Mayor', null, 'executive-signature'],
      ['Assigned to committee', null, 'referral-committee'],
      ['Vetoed', null, 'executive-veto'],
      ['Veto Overridden', 1, 'veto-override-passage'],
      ['Withdrawn', null, 'withdrawal'],
      ['Received and Filed', null, 'filing'],
      ['Deferred', null, 'other'],
    ];
    for (const [name, flag, expected] of cases)
      expect([name, classifyAction(name, flag)]).toEqual([name, expected]);
  });

  it('reads tallies and clock times, and rejects what it cannot read', () => {
    expect(parseTally('6:3')).toEqual({ yes: 6, no: 3 });
    expect(parseTally(' 9 - 0 ')).toEqual({ yes: 9, no: 0 });
    expect(parseTally('unanimous')).toBeUndefined();
    expect(parseClock('6:00 PM')).toBe(18 * 60);
    expect(parseClock('12:30 pm')).toBe(12 * 60 + 30);
    expect(parseClock('12:00 AM')).toBe(0);
    expect(parseClock('9 a.m.')).toBe(9 * 60);
    expect(parseClock('18:15')).toBe(18 * 60 + 15);
    expect(parseClock('13:00 PM')).toBeUndefined();
    expect(parseClock('TBD')).toBeUndefined();
    expect(parseClock(null)).toBeUndefined();
  });

  it('turns local times into instants on both sides of DST changes', () => {
    const at = (date: string, time: string) =>
      localToInstant(date, parseClock(time)!, 'America/Denver').toISOString();
    expect(at('2019-03-09', '6:00 PM')).toBe('2019-03-10T01:00:00.000Z'); // MST
    expect(at('2019-03-10', '6:00 PM')).toBe('2019-03-11T00:00:00.000Z'); // MDT, same day
    expect(at('2019-03-10', '1:30 AM')).toBe('2019-03-10T08:30:00.000Z'); // before the jump
    expect(at('2019-03-10', '3:30 AM')).toBe('2019-03-10T09:30:00.000Z'); // after it
    expect(at('2019-11-03', '6:00 PM')).toBe('2019-11-04T01:00:00.000Z'); // back to MST
    expect(localToInstant('2019-07-01', 0, 'America/Denver').toISOString()).toBe(
      '2019-07-01T06:00:00.000Z',
    );
  });

  it('matches body names with or without the place, and reads districts', () => {
    expect(bodyNameCandidates('City Council', 'City of Albuquerque')).toEqual([
      'city council',
      'albuquerque city council',
      'city council of albuquerque',
    ]);
    expect(bodyNameCandidates('Mayor', 'City of Albuquerque')).toContain('mayor of albuquerque');
    const record = (extra: Record<string, unknown>) =>
      legistarOfficeRecord.parse(officeRecord(1, BENTON, COUNCIL, extra));
    expect(districtOf(record({ OfficeRecordExtraText: 'District 3' }))).toBe('3');
    expect(districtOf(record({ OfficeRecordTitle: 'Councilor, District No. 9' }))).toBe('9');
    expect(districtOf(record({}))).toBeUndefined();
  });
});
