/**
 * Wires the long-lived parts once; everything else receives them explicitly (no DI container).
 */
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './lib/logger.ts';
import { createPageCache } from './web/page-cache.ts';

export function createServices(deps: { config: Config; database: Database; logger: Logger }) {
  const base = { ...deps, db: deps.database.db };
  // One page cache per app: the site's middleware fills it, the HTTP server answers its hits.
  return { ...base, pageCache: createPageCache(base) };
}

export type Services = ReturnType<typeof createServices>;
