/** `igualdad import openstates DIR`. */
import { CommanderError } from 'commander';
import { loadConfigWithOverrides } from '../config.ts';
import { applyOpenStates, readOpenStatesDir } from '../features/officials/openstates-import.ts';
import { openMigratedDatabase } from '../server.ts';
import { printReport } from './report.ts';

function parseBodies(pairs: string[] = []): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const pair of pairs) {
    const match = /^([a-z_]+)=([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(pair);
    if (!match)
      throw new CommanderError(
        2,
        'igualdad.invalidBody',
        `error: --body ${pair}: expected TYPE=SLUG, such as upper=nm-senate`,
      );
    bodies[match[1]!] = match[2]!;
  }
  return bodies;
}

export async function importOpenStatesCommand(
  dir: string,
  options: { json?: boolean; body?: string[] },
) {
  const bodies = parseBodies(options.body);
  // Read and check every file before touching the database.
  const { people, skipped } = readOpenStatesDir(dir);
  const database = await openMigratedDatabase(loadConfigWithOverrides({}));
  try {
    const report = await applyOpenStates(database.db, people, { bodies, skipped });
    printReport(`Imported ${people.length} people from ${dir}.`, report, options.json);
  } finally {
    await database.close();
  }
}
