/**
 * The `igualdad` command line. Exit codes: 0 success, 1 failure, 2 usage error.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config.ts';
import { registerAccountCommands } from './account-commands.ts';
import { registerAuditCommands } from './audit-commands.ts';

// Each command's module (and the packages it needs) loads only when that command runs, so
// `--help` and `serve` do not pay for the exporters and importers. The command modules must not
// import this one: it is still evaluating (top-level await) while they load, so they would wait
// for each other forever.
const serverCommands = () => import('./server-commands.ts');

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('igualdad')
    .description(
      'Igualdad: a bilingual policy library for immigrant-rights coalitions.\n' +
        'Configuration comes from the environment (PORT, HOST, DATABASE_URL, IGUALDAD_DATA_DIR, ...): see README.md.',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('serve')
    .description(
      'Start the web server (migrates the database and loads the default dataset on first run).',
    )
    .addOption(
      new Option('--port <port>', 'port to listen on (overrides PORT)').argParser(parsePort),
    )
    .option('--host <host>', 'address to listen on (overrides HOST)')
    .action(async (options) => (await serverCommands()).serveCommand(options));

  program
    .command('migrate')
    .description('Apply pending database migrations.')
    .action(async () => (await serverCommands()).migrateCommand());

  program
    .command('seed')
    .description('Load the default dataset (idempotent: unchanged records are left alone).')
    .option('--json', 'print the report as JSON')
    .action(async (options) => (await serverCommands()).seedCommand(options));

  const imports = program.command('import').description('Import data into the library.');
  imports
    .command('policies')
    .description(
      'Import a YAML or JSON file in the default dataset shape. The whole file is validated first;\n' +
        'any problem rejects it and nothing is written. Records are matched by slug (idempotent).',
    )
    .argument('<file>', 'a .yaml, .yml or .json file')
    .option('--json', 'print the report as JSON')
    .action(async (file, options) => (await import('./import.ts')).importCommand(file, options));

  imports
    .command('ocd-divisions')
    .description(
      'Import an OCD division identifiers list (CSV with an "id" column, and "name", "sameAs",\n' +
        '"validFrom", "validThrough"; other columns are kept as codes). Rows are matched by id.',
    )
    .argument('<file>', 'a .csv file')
    .option('--json', 'print the report as JSON')
    .action(async (file, options) =>
      (await import('./import-divisions.ts')).importDivisionListCommand(file, options),
    );
  imports
    .command('boundaries')
    .description(
      'Import district boundaries (GeoJSON Polygon/MultiPolygon features in WGS84). Each feature\n' +
        'is matched to a division by its "ocdid" property, or by --property appended to\n' +
        '--division-prefix. Divisions must exist (import their OCD list first).',
    )
    .argument('<file>', 'a .geojson or .json file')
    .option(
      '--division-prefix <ocd-id>',
      'OCD id ending in a division type, e.g. ocd-division/country:us/state:nm/county:bernalillo/council_district',
    )
    .option('--property <name>', "the feature property holding the district's number or name")
    .option('--division <ocd-id>', 'the division of a file that holds a single shape')
    .option('--json', 'print the report as JSON')
    .action(async (file, options) =>
      (await import('./import-divisions.ts')).importBoundariesCommand(file, options),
    );

  imports
    .command('openstates')
    .description(
      'Import Open States person files (a folder of YAML, e.g. data/nm/ of openstates/people):\n' +
        'officials, their seats and terms. Every file is checked first; people are matched by\n' +
        'their Open States id. Roles go to the body --body names, else <place>-<body>\n' +
        '(upper -> nm-senate, lower -> nm-house, governor -> nm-governor, mayor -> albuquerque-mayor).',
    )
    .argument('<dir>', 'a folder of .yml files (searched recursively)')
    .option(
      '--body <type=slug>',
      'the body for a role type, e.g. --body upper=nm-senate (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--json', 'print the report as JSON')
    .action(async (dir, options) =>
      (await import('./import-officials.ts')).importOpenStatesCommand(dir, options),
    );
  imports
    .command('legistar')
    .description(
      'Import a Legistar Web API client (e.g. https://webapi.legistar.com/v1/cabq): bodies,\n' +
        'officials and terms, matters as untracked policies with their histories, roll calls and\n' +
        'sponsors, and meetings. Everything is fetched and checked first, then written in one\n' +
        'transaction. Incremental: without --since, each kind resumes after the newest change\n' +
        'already imported. A matter whose file number a library policy already has is linked to it.',
    )
    .requiredOption('--base-url <url>', 'the API base, ending in /v1/{client}')
    .requiredOption('--jurisdiction <slug>', "the jurisdiction the client's bodies belong to")
    .option('--since <date>', 'only records modified after this date (UTC), e.g. 2024-01-31')
    .option('--body <name>', "only this body's matters and meetings, as Legistar names it")
    .option('--time-zone <zone>', "the client's time zone for meeting times", 'America/Denver')
    .option('--rate <n>', 'requests per second (default 8)')
    .option('--concurrency <n>', 'requests in flight (default 4)')
    .option('--json', 'print the report as JSON')
    .action(async (options) =>
      (await import('./import-legistar.ts')).importLegistarCommand(options),
    );

  program
    .command('export')
    .description(
      'Export the library: popolo (Popolo/OCD JSON), csv (policies), officials-csv (one row per\n' +
        'term), votes-csv (one row per vote on a tracked policy), json (dataset shape, re-importable).',
    )
    .addArgument(
      new Argument('<format>', 'popolo, csv, officials-csv, votes-csv or json').choices([
        'popolo',
        'csv',
        'officials-csv',
        'votes-csv',
        'json',
      ]),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--lang <lang>',
      'language of single-language columns (the CSV formats): es or en',
      'es',
    )
    .action(async (format, options) =>
      (await import('./export.ts')).exportCommand(format, options),
    );

  registerAccountCommands(program);
  registerAuditCommands(program);

  for (const command of [program, ...allCommands(program)]) command.exitOverride();
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

function parsePort(value: string): string {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new CommanderError(
      EXIT.usage,
      'igualdad.invalidPort',
      `error: --port must be a number from 0 to 65535, got "${value}"`,
    );
  }
  return value;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
        return EXIT.ok;
      if (error.code === 'commander.help') return EXIT.ok;
      // Commander already printed its message for its own errors.
      if (error.code.startsWith('igualdad.')) process.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${error.message}\nFix the environment variables above (see README.md, "Configuration").\n`,
      );
      return EXIT.failure;
    }
    // Loaded here, on the way out, so a start does not wait for the dataset parser.
    const { DatasetError } = await import('../features/dataset/load.ts');
    if (error instanceof DatasetError) {
      process.stderr.write(`${error.message}\nFix the file and run the command again.\n`);
      return EXIT.failure;
    }
    process.stderr.write(`igualdad: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}

const isEntryPoint = process.argv[1] && /igualdad(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  const code = await main(process.argv.slice(2));
  if (code !== EXIT.ok || !serving()) process.exit(code);
}

/** True while `serve` keeps the process alive. */
function serving(): boolean {
  return process.argv[2] === 'serve';
}
