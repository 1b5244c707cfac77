import { describe, expect, it } from 'vitest';
import { applyQuery } from './fake-server.ts';

const rows = [
  { Id: 1, Name: "O'Brien", Modified: '2019-04-25T18:45:46.937', Flag: null },
  { Id: 2, Name: 'Benton', Modified: '2019-04-25T18:45:47', Flag: 1 },
  { Id: 3, Name: 'Jones', Modified: '2020-01-01T00:00:00', Flag: 0 },
];
const query = (params: Record<string, string>) =>
  applyQuery(rows, new URLSearchParams(params)).map((r) => r.Id);

describe('The fake Legistar API: OData subset', () => {
  it('filters on datetimes as instants, text, numbers and null, joined by and', () => {
    expect(query({ $filter: "Modified gt datetime'2019-04-25T18:45:46.937'" })).toEqual([2, 3]);
    expect(query({ $filter: "Modified ge datetime'2019-04-25T18:45:46.937'" })).toEqual([1, 2, 3]);
    expect(query({ $filter: "Name eq 'O''Brien'" })).toEqual([1]);
    expect(query({ $filter: 'Flag eq null' })).toEqual([1]);
    expect(query({ $filter: 'Flag ne null and Id lt 3' })).toEqual([2]);
    expect(() => query({ $filter: "substringof('x', Name)" })).toThrow(/not valid/);
  });

  it('orders, skips and caps pages at 1000', () => {
    expect(query({ $orderby: 'Modified desc' })).toEqual([3, 2, 1]);
    expect(query({ $orderby: 'Flag, Id desc' })).toEqual([1, 3, 2]);
    expect(query({ $skip: '1', $top: '1' })).toEqual([2]);
    const many = Array.from({ length: 1500 }, (_, i) => ({ Id: i }));
    expect(applyQuery(many, new URLSearchParams({ $top: '5000' }))).toHaveLength(1000);
    expect(() => query({ $skip: '-1' })).toThrow(/non-negative/);
  });
});
