import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createTestApp, createTestDatabase, engines, getJson } from '../../../test/harness.ts';

describe.each(engines())('GET /healthz on %s', (engine) => {
  let database: Database;
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(async () => {
    database = await createTestDatabase(engine, 'empty');
    app = createTestApp(database).app;
  });
  afterAll(() => database.close());

  it('answers ok with the engine name', async () => {
    const res = await getJson(app, '/healthz');
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
