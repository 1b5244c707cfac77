import { describe, expect, it } from 'vitest';
import {
  createTestApp,
  createTestDatabase,
  useTestApp,
  engines,
  getJson,
} from '../../../test/harness.ts';

describe.each(engines())('GET /healthz on %s', (engine) => {
  const fixture = useTestApp(engine, 'empty');

  it('answers ok with the engine name', async () => {
    const res = await getJson(fixture.app, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: engine });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 when the database is unreachable', async () => {
    const other = await createTestDatabase(engine, 'empty');
    const { app: broken } = createTestApp(other);
    await other.close();
    const res = await getJson(broken, '/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: engine });
  });
});
