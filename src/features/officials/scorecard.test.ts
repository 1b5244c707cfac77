import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyStances, voteOptions } from '../../db/enums.ts';
import { choosePeriod, scorecard } from './scorecard.ts';

const vote = fc.record({
  stance: fc.constantFrom(...policyStances),
  option: fc.constantFrom(...voteOptions),
  date: fc
    .tuple(fc.integer({ min: 1990, max: 2030 }), fc.constantFrom('', '-06', '-06-15'))
    .map(([y, rest]) => `${y}${rest}`),
});
const year = fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: null });

describe('scorecard', () => {
  it('counts with against cast: yes on protects and no on harms are with, the opposite against', () => {
    const score = scorecard(
      [
        { stance: 'protects', option: 'yes', date: '2015-01-01' },
        { stance: 'protects', option: 'no', date: '2016' },
        { stance: 'harms', option: 'no', date: '2017-03' },
        { stance: 'harms', option: 'yes', date: '2018-01-01' },
        { stance: 'mixed', option: 'yes', date: '2018-01-01' },
        { stance: 'protects', option: 'abstain', date: '2019-01-01' },
      ],
      { from: null, to: null },
    );
    expect(score).toEqual({ with: 2, cast: 4, firstYear: 2015, lastYear: 2018 });
  });

  it('counts only yes or no on protecting or harming policies inside the period', () => {
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 30 }), year, year, (votes, from, to) => {
        const score = scorecard(votes, { from, to });
        const inside = votes.filter((v) => {
          const y = Number(v.date.slice(0, 4));
          return (from === null || y >= from) && (to === null || y <= to);
        });
        const counted = inside.filter(
          (v) => v.stance !== 'mixed' && (v.option === 'yes' || v.option === 'no'),
        );
        expect(score.cast).toBe(counted.length);
        expect(score.with).toBe(
          counted.filter((v) => (v.option === 'yes') === (v.stance === 'protects')).length,
        );
        expect(score.with).toBeLessThanOrEqual(score.cast);
        expect(score.firstYear === null).toBe(score.cast === 0);
      }),
    );
  });
});

describe('choosePeriod', () => {
  it.each([
    [{}, { from: null, to: null }, []],
    [{ from: '2015', to: '2025' }, { from: 2015, to: 2025 }, []],
    [{ from: ' 2015 ', to: '' }, { from: 2015, to: null }, []],
    [{ from: '15' }, { from: null, to: null }, ['from']],
    [{ to: '3000' }, { from: null, to: null }, ['to']],
    [{ from: '2020', to: '2010' }, { from: null, to: null }, ['order']],
    [{ from: '２０１５' }, { from: null, to: null }, ['from']],
  ] as const)('%o -> %o %o', (query, period, errors) => {
    const choice = choosePeriod(query);
    expect(choice.period).toEqual(period);
    expect(choice.errors).toEqual(errors);
  });

  it('never throws and keeps what was typed short', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (from, to) => {
        const choice = choosePeriod({ from, to });
        expect(choice.form.from.length).toBeLessThanOrEqual(8);
        for (const y of [choice.period.from, choice.period.to])
          if (y !== null) expect(y).toBeGreaterThanOrEqual(1900);
      }),
    );
  });
});
