/**
 * Boots one app server: configuration, database, migrations, first-run seed, HTTP.
 */
import { createServer as createHttpServer } from 'node:http';
import path from 'node:path';
import { getRequestListener, type ServerType } from '@hono/node-server';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { createFromTemplate } from './db/pglite-template.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createServices, type Services } from './services.ts';
import { answerPageHitsFirst } from './web/page-cache-hits.ts';

export function databaseOptions(config: Config) {
  return { databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') };
}

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase(databaseOptions(config));
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

export interface RunningServer {
  server: ServerType;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  if (!config.databaseUrl) createEmbeddedFromTemplate(config, logger);
  // The app's modules load while the database starts: the engine spends part of its start
  // waiting on files and WebAssembly compilation, time the module loading can use.
  const [database, { createApp }, { seedIfFirstRun }, { startScheduler }] = await Promise.all([
    openMigratedDatabase(config),
    import('./app.ts'),
    import('./features/dataset/seed.ts'),
    import('./features/editorial/scheduler.ts'),
  ]);
  const seeded = await seedIfFirstRun(database.db);
  if (seeded) logger.info({ created: seeded.created }, 'default dataset loaded');
  const services = createServices({ config, database, logger });
  const app = createApp(services);
  // Scheduled publishing (decision 014): every server runs the loop; skip locked shares the work.
  const scheduler = startScheduler(services);
  let server: ServerType;
  try {
    server = await listen(app.fetch, services, config.port, config.host);
  } catch (error) {
    await scheduler.stop();
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new Error(
        `cannot listen on ${config.host}:${config.port} (${code === 'EADDRINUSE' ? 'another program uses that port' : 'not allowed'}): set PORT (or --port) to a free port, or stop the other program`,
      );
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, database: database.kind }, 'listening');
  return {
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler.stop();
      await database.close();
    },
  };
}

/**
 * The HTTP server for an app: @hono/node-server, with page-cache hits answered before Hono
 * (web/page-cache-hits.ts). The page benchmark listens through this too.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  services: Services,
  port: number,
  hostname: string,
): Promise<ServerType> {
  const server = createHttpServer(
    answerPageHitsFirst(services, getRequestListener(fetch, { hostname })),
  );
  return new Promise<ServerType>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * A first start on an empty PGlite folder copies the template cluster that `npm run build` made
 * (migrated and seeded from the same files) instead of creating one with initdb, when the
 * template matches the current migrations, dataset, sources and PGlite. Decision record 011.
 */
function createEmbeddedFromTemplate(config: Config, logger: Logger) {
  const outcome = createFromTemplate(databaseOptions(config).pgliteDir);
  if (outcome === 'copied') logger.info('database created from the template cluster in dist/');
  else if (outcome !== 'not-empty')
    logger.info(
      { template: outcome },
      'no usable template cluster (npm run build makes one): creating the database with initdb',
    );
}
