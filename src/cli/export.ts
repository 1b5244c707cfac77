/** `igualdad export <popolo|csv|json> [--out FILE]`. */
import { writeFileSync } from 'node:fs';
import { loadConfigWithOverrides } from '../config.ts';
import { buildPoliciesCsv } from '../features/exports/csv.ts';
import { buildPopoloExport } from '../features/exports/popolo.ts';
import { exportDataset } from '../features/dataset/export.ts';
import { openMigratedDatabase } from '../server.ts';

export async function exportCommand(
  format: 'popolo' | 'csv' | 'json',
  options: { out?: string; lang?: string },
) {
  const lang = options.lang === 'en' ? 'en' : 'es';
  const config = loadConfigWithOverrides({});
  const database = await openMigratedDatabase(config);
  let output: string;
  try {
    if (format === 'csv') output = await buildPoliciesCsv(database.db, { lang });
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
