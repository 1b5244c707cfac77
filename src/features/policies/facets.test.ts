import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listQuery, parseListState } from './facets.ts';

const known = {
  jurisdictions: new Set(['ocd-division/country:us/state:nm']),
  topics: new Set(['detainers', 'schools']),
};

describe('policy list addresses', () => {
  it('never throws, whatever the query string, and quotes rejected values printably', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const { state, ignored } = parseListState(new URLSearchParams(raw), known);
        expect(state.page).toBeGreaterThanOrEqual(1);
        expect(state.q.length).toBeLessThanOrEqual(200);
        for (const i of ignored) expect(i.value).not.toMatch(/\p{Cc}/u);
      }),
    );
  });

  it('writes addresses that read back to the same state, with nothing ignored', () => {
    const arbitraryParams = fc.record({
      q: fc.string({ maxLength: 40 }),
      jurisdiction: fc.constantFrom('', 'ocd-division/country:us/state:nm'),
      status: fc.subarray(['in_force', 'pending', 'repealed']),
      stance: fc.subarray(['protects', 'harms']),
      classification: fc.subarray(['resolution', 'memorial']),
      topic: fc.subarray(['detainers', 'schools']),
      from: fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: undefined }),
      page: fc.integer({ min: 1, max: 30 }),
      limit: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arbitraryParams, (p) => {
        const params = new URLSearchParams();
        params.set('q', p.q);
        if (p.jurisdiction) params.set('jurisdiction', p.jurisdiction);
        for (const f of ['status', 'stance', 'classification', 'topic'] as const)
          for (const v of p[f]) params.append(f, v);
        if (p.from !== undefined) params.set('adopted_from', String(p.from));
        if (p.limit !== undefined) params.set('limit', String(p.limit));
        params.set('page', String(p.page));
        const first = parseListState(params, known);
        expect(first.ignored).toEqual([]);
        const again = parseListState(new URLSearchParams(listQuery(first.state)), known);
        expect(again.ignored).toEqual([]);
        expect(again.state).toEqual(first.state);
      }),
    );
  });

  it('swaps a reversed year range and accepts comma-separated lists like the API', () => {
    const { state, ignored } = parseListState(
      new URLSearchParams('adopted_from=2020&adopted_to=2010&status=in_force,pending'),
      known,
    );
    expect([state.from, state.to]).toEqual([2010, 2020]);
    expect(state.status).toEqual(['in_force', 'pending']);
    expect(ignored).toEqual([]);
  });
});
