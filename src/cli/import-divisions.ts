/** `igualdad import ocd-divisions FILE` and `igualdad import boundaries FILE`. */
import { readFileSync } from 'node:fs';
import { loadConfigWithOverrides } from '../config.ts';
import { applyBoundaries, parseBoundaries } from '../features/divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../features/divisions/list-import.ts';
import { openMigratedDatabase } from '../server.ts';
import { printReport } from './report.ts';

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function withDatabase<T>(
  work: (db: Awaited<ReturnType<typeof openMigratedDatabase>>['db']) => Promise<T>,
) {
  const database = await openMigratedDatabase(loadConfigWithOverrides({}));
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export async function importDivisionListCommand(file: string, options: { json?: boolean }) {
  // Parse and check the whole file before touching the database.
  const rows = parseDivisionList(file, readInput(file));
  const report = await withDatabase((db) => applyDivisionList(db, rows));
  printReport(`Imported ${file}.`, report, options.json);
}

export async function importBoundariesCommand(
  file: string,
  options: { json?: boolean; divisionPrefix?: string; property?: string },
) {
  const features = parseBoundaries(file, readInput(file), options);
  const report = await withDatabase((db) => applyBoundaries(db, file, features));
  printReport(`Imported ${file}.`, report, options.json);
}
