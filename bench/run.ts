/**
 * `npm run bench [-- --only search|start|representatives|legistar|page] [--engine pglite|postgresql] [--write]`
 *
 * Runs the benchmark suites in order (search, then start-up) on PGlite and, when a server is
 * available, PostgreSQL; prints a Markdown table. With --write, the results replace the suite's
 * section of BENCHMARKS.md (with the date and the machine). Benchmarks are not tests: the exit
 * code is 0 when the suites ran, whatever the targets say; 1 when a suite failed to run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { runLegistarSuite } from './legistar.bench.ts';
import { runPageBench } from './page.bench.ts';
import { runRepresentativesSuite } from './representatives.bench.ts';
import { runSearchSuite } from './search.bench.ts';
import {
  findPostgres,
  killChildrenOnExit,
  repoRoot,
  runStartSuite,
  type BenchContext,
  type BenchRow,
  type Engine,
  type SuiteResult,
} from './start.bench.ts';

const SUITES = {
  search: { title: 'Search', run: runSearchSuite },
  start: { title: 'Start-up', run: runStartSuite },
  representatives: { title: 'Who represents me', run: runRepresentativesSuite },
  legistar: { title: 'Legistar import', run: runLegistarSuite },
  page: {
    title: 'Public page against nginx',
    run: async (ctx: BenchContext): Promise<SuiteResult> => ({
      rows: await runPageBench(ctx.log),
      details: [],
    }),
  },
} as const;
type SuiteName = keyof typeof SUITES;

const BENCHMARKS_MD = path.join(repoRoot, 'BENCHMARKS.md');

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench -- [--only search|start|representatives|legistar|page] [--engine pglite|postgresql] [--write]\n`,
  );
  process.exit(2);
}

function options() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      engine: { type: 'string' },
      write: { type: 'boolean', default: false },
    },
  });
  const only = values.only;
  if (only !== undefined && !(only in SUITES)) usage(`unknown suite: ${only}`);
  const engine = values.engine;
  if (engine !== undefined && engine !== 'pglite' && engine !== 'postgresql')
    usage(`unknown engine: ${engine}`);
  return {
    suites: (only ? [only] : Object.keys(SUITES)) as SuiteName[],
    engine: engine as Engine | undefined,
    write: values.write,
  };
}

/** The machine, as BENCHMARKS.md records it. */
export function machine(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  let cores = String(os.availableParallelism());
  try {
    cores = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no nproc
  }
  const memory = `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return `${cores} CPUs (nproc), ${memory} RAM, ${cpu.trim()}, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const escape = (s: string) => s.replace(/\|/g, '\\|');
const verdict = (row: BenchRow) => (row.pass === undefined ? '—' : row.pass ? 'pass' : 'FAIL');

export function table(rows: BenchRow[]): string {
  const lines = [
    '| benchmark | engine | result | target | pass/fail |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${escape(r.benchmark)} | ${r.engine} | ${escape(r.result)} | ${escape(r.target)} | ${verdict(r)} |`,
    ),
  ];
  return lines.join('\n');
}

function section(name: SuiteName, result: SuiteResult, stamp: string, notes: string[]): string {
  return [
    `### ${SUITES[name].title}`,
    stamp,
    ...notes.map((n) => `_${n}_`),
    table(result.rows),
    ...result.details,
  ].join('\n\n');
}

/** Replaces (or appends) the suite's block between its markers in BENCHMARKS.md. */
async function record(name: SuiteName, markdown: string) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let text: string;
  try {
    text = readFileSync(BENCHMARKS_MD, 'utf8');
  } catch {
    text = '# Benchmarks\n\n## Results\n';
  }
  const block = `${start}\n\n${markdown}\n\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  const config = (await resolveConfig(BENCHMARKS_MD)) ?? {};
  writeFileSync(BENCHMARKS_MD, await format(text, { ...config, parser: 'markdown' }));
}

async function main() {
  const opts = options();
  killChildrenOnExit();
  const started = performance.now();
  const log = (message: string) =>
    process.stderr.write(
      `[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${message}\n`,
    );

  const postgres = await findPostgres();
  log(postgres.note);
  const available: Engine[] = postgres.url ? ['pglite', 'postgresql'] : ['pglite'];
  if (opts.engine && !available.includes(opts.engine))
    usage(`engine ${opts.engine} is not available: ${postgres.note}`);
  const ctx: BenchContext = {
    engines: opts.engine ? [opts.engine] : available,
    postgresUrl: postgres.url,
    log,
  };
  const notes = postgres.url ? [] : [postgres.note];
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
  let failed = false;
  const output: string[] = [];
  for (const name of opts.suites) {
    log(`suite ${name}...`);
    const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const loadBefore = load();
    let result: SuiteResult;
    try {
      result = await SUITES[name].run(ctx);
    } catch (error) {
      failed = true;
      log(`suite ${name} failed: ${(error as Error).stack ?? String(error)}`);
      continue;
    }
    const stamp =
      `Recorded ${startedAt} on ${machine()}. Load average (1, 5, 15 min) ` +
      `before the suite: ${loadBefore}; after: ${load()}.`;
    const markdown = section(name, result, stamp, notes);
    output.push(markdown);
    if (opts.write) await record(name, markdown);
  }
  process.stdout.write(`${output.join('\n\n')}\n`);
  log(
    `done in ${((performance.now() - started) / 1000).toFixed(0)} s${opts.write ? '; BENCHMARKS.md updated' : ''}`,
  );
  process.exit(failed ? 1 : 0);
}

await main();
