/**
 * No client input yields a 5xx: generated requests for every GET route of the OpenAPI document,
 * with parameters drawn from their schemas and from hostile strings.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createTestApp, createTestDatabase } from '../../../test/harness.ts';

type Param = { name: string; in: 'query' | 'path'; schema?: { enum?: string[]; type?: string } };
type Doc = { paths: Record<string, Record<string, { parameters?: Param[] }>> };

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%E0%A4%A',
    '%00',
    '\u0000',
    "' or 1=1 --",
    '$$',
    '\\',
    '{}',
    '[]',
    'null',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.constantFrom(
    'ocd-division/country:us/state:nm',
    'bernco-ar-2017-22',
    'es',
    'en',
    'in_force,pending',
    'o20',
    'o9999999',
  ),
  fc.integer().map(String),
  fc.string({ minLength: 500, maxLength: 3000 }),
);

describe('hostile input to the API', () => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  let routes: { path: string; params: Param[] }[];

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'seeded');
    app = createTestApp(database).app;
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Doc;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      ops.get ? [{ path, params: ops.get.parameters ?? [] }] : [],
    );
  });
  afterAll(() => database.close());

  it('never answers 5xx, whatever the parameters', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const request = fc.record({
      route: fc.nat(),
      values: fc.array(hostile, { minLength: 12, maxLength: 12 }),
      present: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      raw: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ route: index, values, present, raw }) => {
        const route = routes[index % routes.length]!;
        let path = route.path;
        const query: string[] = [];
        route.params.forEach((p, i) => {
          const value = values[i % values.length]!;
          const encoded = raw
            ? value.replace(/[#?/&\s]/g, encodeURIComponent)
            : encodeURIComponent(value);
          if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value) || 'x');
          else if (present[i]) query.push(`${p.name}=${encoded}`);
        });
        const url = `/api/v1${path}${query.length ? `?${query.join('&')}` : ''}`;
        const res = await app.request(url);
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`${res.status} for ${url}`);
        if (res.status >= 400)
          expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
