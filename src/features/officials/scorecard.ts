/**
 * An official's scorecard: of the votes they cast (yes or no) on policies that protect or harm
 * immigrant residents, how many were with them, in a chosen period of years. Abstentions,
 * absences and mixed policies are left out, as `readVote` leaves them without a reading.
 */
import type { TrackedVote } from './official-queries.ts';
import { readVote } from './reading.ts';

/** Whole years, both ends included; null is open. */
export interface Period {
  from: number | null;
  to: number | null;
}

export interface Scorecard {
  with: number;
  cast: number;
  /** The first and last year of the votes counted (null when none was cast). */
  firstYear: number | null;
  lastYear: number | null;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const yearOf = (date: string) => Number(date.slice(0, 4));

export function inPeriod(date: string, period: Period): boolean {
  const year = yearOf(date);
  return (period.from === null || year >= period.from) && (period.to === null || year <= period.to);
}

export function scorecard(
  votes: Pick<TrackedVote, 'stance' | 'option' | 'date'>[],
  period: Period,
): Scorecard {
  let withCount = 0;
  let cast = 0;
  let firstYear: number | null = null;
  let lastYear: number | null = null;
  for (const v of votes) {
    const reading = readVote(v.stance, v.option);
    if (!reading || !inPeriod(v.date, period)) continue;
    cast++;
    if (reading === 'with') withCount++;
    const year = yearOf(v.date);
    firstYear = firstYear === null ? year : Math.min(firstYear, year);
    lastYear = lastYear === null ? year : Math.max(lastYear, year);
  }
  return { with: withCount, cast, firstYear, lastYear };
}

export type PeriodError = 'from' | 'to' | 'order';

export interface PeriodChoice {
  /** The period used: a field that does not read as a year is left open. */
  period: Period;
  /** What the person typed, to show back in the form. */
  form: { from: string; to: string };
  errors: PeriodError[];
}

/** Reads `?from=YYYY&to=YYYY`; empty fields are open ends, anything else is a friendly error. */
export function choosePeriod(query: Record<string, string | undefined>): PeriodChoice {
  const form = {
    from: (query.from ?? '').trim().slice(0, 8),
    to: (query.to ?? '').trim().slice(0, 8),
  };
  const errors: PeriodError[] = [];
  const read = (value: string, field: 'from' | 'to'): number | null => {
    if (!value) return null;
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (year >= MIN_YEAR && year <= MAX_YEAR) return year;
    errors.push(field);
    return null;
  };
  let from = read(form.from, 'from');
  let to = read(form.to, 'to');
  if (from !== null && to !== null && from > to) {
    errors.push('order');
    from = to = null;
  }
  return { period: { from, to }, form, errors };
}
