import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/csv-reader.ts';
import { escapeCsvCell, formatCsv } from './csv.ts';

const RUNS = { numRuns: 10_000 };

/** What a spreadsheet may run as a formula: OWASP's list plus the full-width = + - @. */
const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const startsDangerously = (s: string) => DANGEROUS.some((d) => s.startsWith(d));

/** Any text, weighted toward what breaks CSV: formula starts, quotes, commas, line breaks, accents, emoji. */
const tricky = fc.constantFrom(...DANGEROUS, '"', ',', '\n', '\r\n', "'", ' ', 'ñ', 'É', '😀', 'a');
const cell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: tricky }),
  fc.tuple(fc.constantFrom(...DANGEROUS), fc.string()).map(([d, rest]) => d + rest),
);
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
    minLength: 1,
    maxLength: 5,
  }),
);

describe('escapeCsvCell', () => {
  it('never leaves a cell that starts with a formula character', () => {
    fc.assert(
      fc.property(cell, (s) => {
        expect(startsDangerously(escapeCsvCell(s))).toBe(false);
      }),
      RUNS,
    );
  });

  it('leaves safe cells alone and prefixes dangerous ones with exactly one quote', () => {
    fc.assert(
      fc.property(cell, (s) => {
        expect(escapeCsvCell(s)).toBe(startsDangerously(s) ? `'${s}` : s);
      }),
      RUNS,
    );
  });
});

describe('formatCsv', () => {
  it('parses back to exactly the escaped cells, whatever they hold', () => {
    fc.assert(
      fc.property(table, (rows) => {
        expect(parseCsv(formatCsv(rows))).toEqual(rows.map((r) => r.map(escapeCsvCell)));
      }),
      RUNS,
    );
  });

  it('quotes a cell with a bare line feed (csv-stringify does not by default here)', () => {
    expect(formatCsv([['a\nb', 'c']])).toBe('\uFEFF"a\nb",c\r\n');
  });
});
