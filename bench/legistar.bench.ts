/**
 * Legistar import benchmark (issue 5): 10,000 generated matters with their histories, sponsors
 * and roll-call votes (`generateLegistarCorpus`), served over loopback HTTP by the fake Legistar
 * API in a child process (the API's own work is not the importer's), imported with
 * `importLegistar` into a freshly migrated and seeded database: wall time against 60 s on
 * PGlite (reported on PostgreSQL), requests made, rows written, the benchmark process's peak
 * RSS; then a second run with nothing changed (the incremental path).
 *
 * Run as a script with `--fake-server N`, this file is that child: it generates N matters,
 * serves them, prints `{"baseUrl", ...}` as one JSON line, answers each `requests` line on
 * standard input with the number of requests served so far, and stops when standard input ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import * as s from '../src/db/schema.ts';
import { seedDefaultDataset } from '../src/features/dataset/seed.ts';
import type { CivicImportReport } from '../src/features/divisions/report.ts';
import { generateLegistarCorpus } from '../src/features/legistar/fake-corpus.ts';
import { startFakeLegistar } from '../src/features/legistar/fake-server.ts';
import { importLegistar } from '../src/features/legistar/import.ts';
import {
  createBenchDatabase,
  dropBenchDatabase,
  engineName,
  ms,
  processMemory,
  removeDir,
  repoRoot,
  tempDir,
  type BenchContext,
  type BenchRow,
  type Engine,
  type SuiteResult,
} from './start.bench.ts';

const MATTERS = Number(process.env.BENCH_LEGISTAR_MATTERS ?? 10_000);
const SEED = 20261125;
const TARGET_MS = 60_000;
/** The real API gets the importer's polite default; the benchmark measures the importer. */
const IMPORT_OPTIONS = { jurisdiction: 'albuquerque', requestsPerSecond: 100_000, concurrency: 8 };
const thisFile = fileURLToPath(import.meta.url);

// --- The fake API, in its own process ------------------------------------------------------------

interface FakeApi {
  baseUrl: string;
  generatedMs: number;
  counts: Record<string, number>;
  requests(): Promise<number>;
  stop(): Promise<void>;
}

async function startFakeApi(matters: number): Promise<FakeApi> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', thisFile, '--fake-server', String(matters)],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the fake Legistar API stopped (exit code ${child.exitCode})`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  const hello = await next();
  return {
    baseUrl: hello.baseUrl as string,
    generatedMs: hello.generatedMs as number,
    counts: hello.counts as Record<string, number>,
    requests: async () => {
      child.stdin!.write('requests\n');
      return (await next()).requests as number;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
      process.removeListener('exit', kill);
    },
  };
}

async function serveFakeApi(matters: number) {
  const started = performance.now();
  const data = generateLegistarCorpus({ matters, seed: SEED });
  const generatedMs = performance.now() - started;
  const all = (map: Map<number, unknown[]>) => [...map.values()].reduce((n, r) => n + r.length, 0);
  const api = await startFakeLegistar(data);
  const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  say({
    baseUrl: api.baseUrl,
    generatedMs,
    counts: {
      matters: data.matters.length,
      histories: all(data.histories),
      rollCalls: data.votes.size,
      votes: all(data.votes),
      sponsors: all(data.sponsors),
      persons: data.persons.length,
      officeRecords: data.officeRecords.length,
      events: data.events.length,
    },
  });
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'requests') say({ requests: api.requests.length });
  }
  await api.close();
}

// --- Measuring ------------------------------------------------------------------------------------

/** Resets the process's peak RSS (VmHWM) on Linux, so each run's peak is its own. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Rows in the tables the importer writes (individual votes included, which the report does not count). */
const TABLES = {
  bodies: s.bodies,
  people: s.people,
  posts: s.posts,
  memberships: s.memberships,
  policies: s.policies,
  actions: s.policyActions,
  vote_events: s.voteEvents,
  votes: s.votes,
  sponsorships: s.sponsorships,
  events: s.events,
  external_ids: s.externalIds,
};

async function tableRows(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const thousands = (n: number) => n.toLocaleString('en-US');

interface RunResult {
  wallMs: number;
  requests: number;
  report: CivicImportReport;
  /** Rows added to the tables the importer writes. */
  added: number;
  peakMb: number | undefined;
  peakSinceStart: boolean;
  /** When the importer said it had read everything (its progress message), if it did. */
  fetchedMs: number | undefined;
}

async function timedImport(
  ctx: BenchContext,
  label: string,
  database: Database,
  api: FakeApi,
): Promise<RunResult> {
  const before = await tableRows(database);
  const requestsBefore = await api.requests();
  const reset = resetPeakRss();
  const started = performance.now();
  let fetchedMs: number | undefined;
  const report = await importLegistar(database, {
    baseUrl: api.baseUrl,
    ...IMPORT_OPTIONS,
    onProgress: (message) => {
      if (/roll calls read/.test(message)) fetchedMs = performance.now() - started;
      ctx.log(`legistar ${label}: ${message}`);
    },
  });
  const wallMs = performance.now() - started;
  const peakMb = processMemory(process.pid)?.peakMb;
  const requests = (await api.requests()) - requestsBefore;
  const after = await tableRows(database);
  ctx.log(`legistar ${label}: ${ms(wallMs)}, ${requests} requests`);
  return {
    wallMs,
    requests,
    report,
    added: sum(after) - sum(before),
    peakMb,
    peakSinceStart: !reset,
    fetchedMs,
  };
}

const written = (report: CivicImportReport) => sum(report.created) + sum(report.updated);

function runText(run: RunResult): string {
  const phases =
    run.fetchedMs === undefined
      ? ''
      : `reading ${ms(run.fetchedMs)}, writing ${ms(run.wallMs - run.fetchedMs)}; `;
  return (
    `${ms(run.wallMs)} (${phases}${thousands(run.requests)} requests; ${thousands(written(run.report))} ` +
    `records created or updated, ${thousands(run.added)} rows added; ` +
    `${run.report.skipped.length} skipped)`
  );
}

function reportTable(engine: string, report: CivicImportReport): string {
  const entities = Object.keys(report.created);
  return [
    `#### ${engine}: first run, by entity\n`,
    '| entity | created | updated | unchanged |',
    '| --- | ---: | ---: | ---: |',
    ...entities.map(
      (e) =>
        `| ${e} | ${report.created[e] ?? 0} | ${report.updated[e] ?? 0} | ${report.unchanged[e] ?? 0} |`,
    ),
  ].join('\n');
}

/** Why records were skipped, by reason, most frequent first. */
function skippedText(engine: string, report: CivicImportReport): string {
  const reasons = new Map<string, number>();
  for (const { reason } of report.skipped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  const list = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${thousands(n)} × ${reason}`);
  return `${engine}, records skipped in the first run: ${list.length ? list.join('; ') : 'none'}.`;
}

async function runEngine(
  ctx: BenchContext,
  engine: Engine,
  api: FakeApi,
): Promise<{ rows: BenchRow[]; details: string[] }> {
  const name = engineName(engine);
  const dir = tempDir('igualdad-bench-legistar');
  const dbName = 'igualdad_bench_legistar';
  try {
    const databaseUrl =
      engine === 'postgresql' ? await createBenchDatabase(ctx.postgresUrl!, dbName) : undefined;
    const database = await openDatabase({ databaseUrl, pgliteDir: path.join(dir, 'pglite') });
    try {
      await migrateDatabase(database);
      await seedDefaultDataset(database.db);
      ctx.log(`legistar ${name}: database ready; importing ${thousands(MATTERS)} matters`);
      const first = await timedImport(ctx, `${name} first run`, database, api);
      const second = await timedImport(ctx, `${name} second run`, database, api);
      const peak = (run: RunResult) =>
        run.peakMb === undefined
          ? 'n/a'
          : `${run.peakMb.toFixed(0)} MB${run.peakSinceStart ? ' (since the process started)' : ''}`;
      const rows: BenchRow[] = [
        {
          benchmark: `Legistar import, ${thousands(MATTERS)} matters, empty library (first run)`,
          engine: name,
          result: runText(first),
          target: engine === 'pglite' ? `≤ ${ms(TARGET_MS)}` : 'reported',
          pass: engine === 'pglite' ? first.wallMs <= TARGET_MS : undefined,
        },
        {
          benchmark: 'peak RSS of the benchmark process during the first run',
          engine: name,
          result: peak(first),
          target: '—',
        },
        {
          benchmark: 'second run, nothing changed (incremental)',
          engine: name,
          result: runText(second),
          target: '—',
        },
      ];
      return { rows, details: [reportTable(name, first.report), skippedText(name, first.report)] };
    } finally {
      await database.close();
    }
  } finally {
    if (engine === 'postgresql') await dropBenchDatabase(ctx.postgresUrl!, dbName);
    removeDir(dir);
  }
}

export async function runLegistarSuite(ctx: BenchContext): Promise<SuiteResult> {
  ctx.log(`legistar: generating ${thousands(MATTERS)} matters and starting the fake API`);
  const api = await startFakeApi(MATTERS);
  try {
    const c = api.counts;
    const rows: BenchRow[] = [];
    const details: string[] = [];
    for (const engine of ctx.engines) {
      const result = await runEngine(ctx, engine, api);
      rows.push(...result.rows);
      details.push(...result.details);
    }
    const corpus =
      `The corpus (\`generateLegistarCorpus\`, seed ${SEED}, generated in ${ms(api.generatedMs)}): ` +
      `${thousands(c.matters!)} matters, ${thousands(c.histories!)} histories, ` +
      `${thousands(c.rollCalls!)} roll calls with ${thousands(c.votes!)} votes, ` +
      `${thousands(c.sponsors!)} sponsors, ${c.persons} persons, ${c.officeRecords} office records, ` +
      `${c.events} events. The importer ran with ${IMPORT_OPTIONS.concurrency} requests in flight ` +
      'and no rate limit, against the fake API in its own process over loopback HTTP; the ' +
      'database was migrated and seeded with the default dataset first (not timed).';
    return { rows, details: [corpus, ...details] };
  } finally {
    await api.stop();
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const at = process.argv.indexOf('--fake-server');
  if (at < 0) {
    process.stderr.write('usage: node --import tsx bench/legistar.bench.ts --fake-server N\n');
    process.exit(2);
  }
  await serveFakeApi(Number(process.argv[at + 1] ?? MATTERS));
}
