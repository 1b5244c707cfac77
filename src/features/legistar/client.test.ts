import { afterEach, describe, expect, it } from 'vitest';
import { InputRejected } from '../divisions/report.ts';
import { createLegistarClient, LegistarRequestError, modifiedSince } from './client.ts';
import {
  emptyLegistarData,
  startFakeLegistar,
  type FakeLegistar,
  type FakeLegistarOptions,
} from './fake-server.ts';
import { legistarMatter } from './schema.ts';
import { matter } from './test-fixtures.ts';

let server: FakeLegistar | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(matters: number, options: FakeLegistarOptions = {}) {
  const data = emptyLegistarData();
  for (let id = 1; id <= matters; id += 1)
    data.matters.push(
      matter(id, `R-${id}`, 'Resolution', 'Passed', {
        MatterLastModifiedUtc: `2020-01-${String(1 + (id % 28)).padStart(2, '0')}T12:00:00.5`,
      }),
    );
  server = await startFakeLegistar(data, options);
  return server;
}

const fast = { requestsPerSecond: 10_000, backoffMs: 5, timeoutMs: 2000 };

describe('Legistar client', () => {
  it('reads pages of 1000 until a short page, with the filter on every page', async () => {
    const api = await serve(2345);
    const client = createLegistarClient({ baseUrl: api.baseUrl, ...fast });
    const rows = await client.getAll('/matters', legistarMatter, { orderBy: 'MatterId' });
    expect(rows).toHaveLength(2345);
    expect(rows[2344]!.MatterId).toBe(2345);
    expect(rows[0]!.MatterLastModifiedUtc).toEqual(new Date('2020-01-02T12:00:00.500Z'));
    expect(api.requests).toEqual([
      '/matters?$orderby=MatterId&$top=1000&$skip=0',
      '/matters?$orderby=MatterId&$top=1000&$skip=1000',
      '/matters?$orderby=MatterId&$top=1000&$skip=2000',
    ]);

    api.requests.length = 0;
    const filter = modifiedSince('Matter', new Date('2020-01-27T00:00:00Z'));
    expect(filter).toBe("MatterLastModifiedUtc gt datetime'2020-01-27T00:00:00.000'");
    const recent = await client.getAll('/matters', legistarMatter, { filter });
    // Days 27 and 28 of the cycle (ids ≡ 26, 27 mod 28).
    expect(recent.every((m) => m.MatterLastModifiedUtc >= new Date('2020-01-27'))).toBe(true);
    const expected = Array.from({ length: 2345 }, (_, i) => (i + 1) % 28).filter((d) => d >= 26);
    expect(recent).toHaveLength(expected.length);
    expect(api.requests).toEqual([`/matters?$filter=${filter}&$top=1000&$skip=0`]);
  });

  it('retries a 503 and a timeout with exponential backoff, then succeeds', async () => {
    const api = await serve(3, {
      faults: [
        { path: '/matters', kind: 'status', status: 503, times: 2 },
        { path: '/bodies', kind: 'timeout' },
      ],
    });
    const retries: string[] = [];
    const client = createLegistarClient({
      baseUrl: api.baseUrl,
      ...fast,
      backoffMs: 40,
      timeoutMs: 300,
      onRetry: (message) => retries.push(message),
    });
    const started = performance.now();
    expect(await client.getAll('/matters', legistarMatter)).toHaveLength(3);
    // Waits 40 ms, then 80 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(retries).toEqual([
      expect.stringMatching(/\/matters\?\$top=1000&\$skip=0: answered 503; retrying in 40 ms$/),
      expect.stringMatching(/answered 503; retrying in 80 ms$/),
    ]);
    expect(await client.getRows('/bodies', legistarMatter.pick({}))).toEqual([]);
    expect(retries[2]).toMatch(/\/bodies: no answer within 300 ms; retrying in 40 ms$/);
    expect(api.requests.filter((r) => r.startsWith('/matters'))).toHaveLength(3);
  });

  it('gives up after the retries, naming the URL', async () => {
    const api = await serve(1, { faults: [{ path: '/matters', kind: 'status', times: 10 }] });
    const client = createLegistarClient({ baseUrl: api.baseUrl, ...fast, retries: 2 });
    await expect(client.getAll('/matters', legistarMatter)).rejects.toThrow(
      /\/matters\?\$top=1000&\$skip=0: answered 503, 3 attempt\(s\); giving up/,
    );
    expect(api.requests).toHaveLength(3);
  });

  it('keeps to the request rate and to the bound on requests in flight', async () => {
    const api = await serve(1, { latencyMs: 30 });
    const client = createLegistarClient({
      baseUrl: api.baseUrl,
      requestsPerSecond: 50,
      concurrency: 2,
    });
    const ids = Array.from({ length: 10 }, (_, i) => i + 1);
    let inFlight = 0;
    let most = 0;
    await client.forEach(ids, async (id) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await client.getRows(`/matters/${id}`, legistarMatter);
      inFlight -= 1;
    });
    expect(most).toBe(2);
    // 50 per second: 10 starts take at least 9 intervals of 20 ms (arrival jitter allowed).
    expect(api.requestTimes.at(-1)! - api.requestTimes[0]!).toBeGreaterThanOrEqual(9 * 20 - 10);
  });

  it('names the URL on a 4xx, a non-JSON body and an unexpected shape', async () => {
    const api = await serve(2, {
      faults: [
        { path: '/matters', kind: 'non-json' },
        { path: '/events', kind: 'bad-shape' },
      ],
    });
    const client = createLegistarClient({ baseUrl: api.baseUrl, ...fast });
    await expect(client.getRows('/matters', legistarMatter)).rejects.toThrow(
      /\/v1\/cabq\/matters: did not answer JSON \(text\/html\): <html><body>Service Unavailable/,
    );
    await expect(client.getRows('/events', legistarMatter)).rejects.toThrow(
      /\/v1\/cabq\/events: unexpected shape: expected a JSON array of rows, got object/,
    );
    const missing = client.getRows('/nothing', legistarMatter);
    await expect(missing).rejects.toBeInstanceOf(LegistarRequestError);
    await expect(missing).rejects.toThrow(/\/v1\/cabq\/nothing: answered 404/);
    expect(api.requests.filter((r) => r === '/nothing')).toHaveLength(1); // a 4xx is not retried
  });

  it('rejects rows that do not match the schema, naming row, id and field', async () => {
    const api = await serve(0);
    const data = emptyLegistarData();
    data.matters.push(
      matter(1, 'R-1', 'Resolution', 'Passed'),
      matter(2, 'R-2', 'Resolution', 'Passed', { MatterIntroDate: '05/02/2019' }),
    );
    await api.close();
    server = await startFakeLegistar(data);
    const client = createLegistarClient({ baseUrl: server.baseUrl, ...fast });
    const error = await client.getRows('/matters', legistarMatter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRejected);
    expect((error as Error).message).toMatch(
      /\/matters was rejected; nothing was written[\s\S]*row 1 \(MatterId 2\): MatterIntroDate: expected a date like 2018-02-05T00:00:00/,
    );
  });
});
