import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';

const PING_TIMEOUT_MS = 2000;

/** `GET /healthz`: 200 with the engine's name, or 503 when the database does not answer. */
export function healthRoutes({ database }: Services) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    c.header('cache-control', 'no-store');
    try {
      await withTimeout(database.ping(), PING_TIMEOUT_MS);
      return c.json({ status: 'ok', database: database.kind });
    } catch {
      return c.json({ status: 'unavailable', database: database.kind }, 503);
    }
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
