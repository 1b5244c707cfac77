import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exclusiveUpperBound, isPartialDate } from './partial-date.ts';
import { SLUG_PATTERN, normalizeIdentifier, slugify } from './slug.ts';

const RUNS = { numRuns: 10_000 };

describe('slugify', () => {
  it('always yields a valid slug or nothing, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const slug = slugify(s);
        expect(slug === '' || SLUG_PATTERN.test(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
      RUNS,
    );
  });

  it('folds Spanish accents and ñ', () => {
    expect(slugify('Política de Detención — Año 2017')).toBe('politica-de-detencion-ano-2017');
  });
});

describe('normalizeIdentifier', () => {
  it('treats "AR 2017-22", "ar-2017-22" and "AR-2017-22" as one identifier', () => {
    const forms = [
      'AR 2017-22',
      'ar-2017-22',
      'AR-2017-22',
      ' ar  2017 / 22 ',
      'A.R. 2017-22'.replace(/\./g, ''),
    ];
    expect(new Set(forms.map(normalizeIdentifier))).toEqual(new Set(['ar-2017-22']));
  });

  it('ignores case, separators and accents for any identifier', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9]{1,6}$/);
    const sep = fc.constantFrom(' ', '-', '_', '/', '.', ' - ', '  ', '§ ');
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 5 }),
        fc.array(sep, { minLength: 5, maxLength: 5 }),
        (parts, seps) => {
          const canonical = parts.join('-').toLowerCase();
          const written = parts
            .map((p, i) => (i % 2 ? p.toUpperCase() : p.toLowerCase()))
            .reduce((acc, p, i) => `${acc}${seps[i - 1]}${p}`);
          expect(normalizeIdentifier(written)).toBe(canonical);
        },
      ),
      RUNS,
    );
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalizeIdentifier(s);
        expect(normalizeIdentifier(n)).toBe(n);
      }),
      RUNS,
    );
  });
});

describe('partial dates', () => {
  it('accepts real dates at each precision and rejects impossible ones', () => {
    for (const ok of ['2005', '2019-02', '2019-02-14', '2020-02-29'])
      expect(isPartialDate(ok)).toBe(true);
    for (const bad of [
      '05',
      '2019-2',
      '2019-13',
      '2019-02-29',
      '2019-04-31',
      '2019-00',
      '2019-02-14T00:00',
      '',
    ]) {
      expect(isPartialDate(bad)).toBe(false);
    }
  });

  it('gives an upper bound above every date the value covers and below the next', () => {
    const date = fc.date({
      min: new Date('1900-01-01'),
      max: new Date('2200-12-31'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(date, fc.constantFrom(4, 7, 10), (d, precision) => {
        const full = d.toISOString().slice(0, 10);
        const value = full.slice(0, precision);
        const bound = exclusiveUpperBound(value);
        expect(isPartialDate(bound)).toBe(true);
        expect(full < bound && value < bound).toBe(true);
        expect(bound.startsWith(value)).toBe(false);
      }),
      RUNS,
    );
  });
});
