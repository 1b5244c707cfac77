/** `igualdad serve`, `igualdad migrate`, `igualdad seed`. */
import { loadConfigWithOverrides } from '../config.ts';
import { createLogger } from '../lib/logger.ts';
import { openMigratedDatabase, startServer } from '../server.ts';
import { printReport } from './report.ts';

export async function serveCommand(options: { port?: string; host?: string }) {
  const config = loadConfigWithOverrides({ PORT: options.port, HOST: options.host });
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  process.stdout.write(
    `Igualdad is running at ${running.url} (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}). Press Ctrl+C to stop.\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

export async function migrateCommand() {
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  await database.close();
  process.stdout.write(`Migrations applied (${database.kind}).\n`);
}

export async function seedCommand(options: { json?: boolean }) {
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  try {
    const { seedDefaultDataset } = await import('../features/dataset/seed.ts');
    const report = await seedDefaultDataset(database.db);
    printReport('Default dataset loaded.', report, options.json);
  } finally {
    await database.close();
  }
}
