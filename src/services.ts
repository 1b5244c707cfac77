/**
 * Wires the long-lived parts once; everything else receives them explicitly (no DI container).
 */
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Logger } from './lib/logger.ts';

export function createServices(deps: { config: Config; database: Database; logger: Logger }) {
  return { ...deps, db: deps.database.db };
}

export type Services = ReturnType<typeof createServices>;
