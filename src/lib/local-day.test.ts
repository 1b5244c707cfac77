import { describe, expect, it } from 'vitest';
import { today } from './local-day.ts';

describe('the local day', () => {
  it('is the date in Albuquerque, not in UTC', () => {
    // 04:30 UTC on New Year's Day is still New Year's Eve in Albuquerque (UTC-7).
    expect(today('America/Denver', new Date('2026-01-01T04:30:00Z'))).toBe('2025-12-31');
    expect(today('America/Denver', new Date('2026-01-01T07:30:00Z'))).toBe('2026-01-01');
    // Daylight saving time: UTC-6 in July.
    expect(today('America/Denver', new Date('2026-07-04T05:59:00Z'))).toBe('2026-07-03');
    expect(today('America/Denver', new Date('2026-07-04T06:00:00Z'))).toBe('2026-07-04');
  });
});
