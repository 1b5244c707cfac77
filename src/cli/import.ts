/** `igualdad import policies FILE`. */
import { loadConfigWithOverrides } from '../config.ts';
import { applyDataset } from '../features/dataset/apply.ts';
import { readDatasetFile } from '../features/dataset/load.ts';
import { openMigratedDatabase } from '../server.ts';
import { printReport } from './report.ts';

export async function importCommand(file: string, options: { json?: boolean }) {
  // Parse and validate the file before touching the database.
  const loaded = readDatasetFile(file);
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  try {
    const report = await applyDataset(database.db, [loaded]);
    printReport(`Imported ${file}.`, report!, options.json);
  } finally {
    await database.close();
  }
}
