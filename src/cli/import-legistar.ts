/** `igualdad import legistar --base-url URL --jurisdiction SLUG [--since DATE] [--body NAME]`. */
import { CommanderError } from 'commander';
import { loadConfigWithOverrides } from '../config.ts';
import { clientOf, importLegistar } from '../features/legistar/import.ts';
import { openMigratedDatabase } from '../server.ts';
import { printReport } from './report.ts';

export interface ImportLegistarFlags {
  baseUrl: string;
  jurisdiction: string;
  since?: string;
  body?: string;
  timeZone?: string;
  rate?: string;
  concurrency?: string;
  json?: boolean;
}

const usage = (message: string) =>
  new CommanderError(2, 'igualdad.invalidLegistar', `error: ${message}`);

function positive(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw usage(`${flag} must be a number above 0 and at most ${max}, got "${value}"`);
  return n;
}

/** Checks every flag before the database is opened or the API is called. */
function checkFlags(flags: ImportLegistarFlags) {
  try {
    clientOf(flags.baseUrl);
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (
    flags.since !== undefined &&
    !/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?Z?)?$/.test(flags.since)
  )
    throw usage(`--since ${flags.since}: expected a date such as 2024-01-31 (UTC)`);
  if (flags.since !== undefined && Number.isNaN(Date.parse(flags.since.slice(0, 10))))
    throw usage(`--since ${flags.since}: not a real date`);
  if (flags.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: flags.timeZone });
    } catch {
      throw usage(`--time-zone ${flags.timeZone}: not an IANA time zone such as America/Denver`);
    }
  }
  return {
    requestsPerSecond: positive('--rate', flags.rate, 1000),
    concurrency: positive('--concurrency', flags.concurrency, 32),
  };
}

export async function importLegistarCommand(flags: ImportLegistarFlags) {
  const limits = checkFlags(flags);
  const database = await openMigratedDatabase(loadConfigWithOverrides({}));
  try {
    const report = await importLegistar(database.db, {
      baseUrl: flags.baseUrl,
      jurisdiction: flags.jurisdiction,
      since: flags.since,
      body: flags.body,
      timeZone: flags.timeZone,
      ...limits,
      onProgress: (message) => process.stderr.write(`legistar: ${message}\n`),
    });
    printReport(`Imported ${flags.baseUrl} into ${flags.jurisdiction}.`, report, flags.json);
  } finally {
    await database.close();
  }
}
