/** `igualdad export <popolo|csv|officials-csv|votes-csv|json> [--out FILE]`. */
import { writeFileSync } from 'node:fs';
import { loadConfigWithOverrides } from '../config.ts';
import { CSV_TABLES, type CsvTableName } from '../features/exports/csv-tables.ts';
import { buildPopoloExport } from '../features/exports/popolo.ts';
import { exportDataset } from '../features/dataset/export.ts';
import { openMigratedDatabase } from '../server.ts';

/** The CSV formats and the table each writes (`csv` alone is the policies, as it always was). */
const CSV_FORMATS: Record<string, CsvTableName> = {
  csv: 'policies',
  'officials-csv': 'officials',
  'votes-csv': 'votes',
};

export async function exportCommand(
  format: 'popolo' | 'csv' | 'officials-csv' | 'votes-csv' | 'json',
  options: { out?: string; lang?: string },
) {
  const lang = options.lang === 'en' ? 'en' : 'es';
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  let output: string;
  try {
    const table = CSV_FORMATS[format];
    if (table) output = await CSV_TABLES[table].build(database.db, { lang });
    else if (format === 'popolo')
      output = `${JSON.stringify(await buildPopoloExport(database.db, { baseUrl: config.baseUrl }), null, 2)}\n`;
    else output = `${JSON.stringify(await exportDataset(database.db), null, 2)}\n`;
  } finally {
    await database.close();
  }
  if (options.out) {
    writeFileSync(options.out, output);
    process.stderr.write(`Wrote ${options.out}.\n`);
  } else process.stdout.write(output);
}
