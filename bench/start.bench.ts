/**
 * Start-up benchmark: `node bin/igualdad.js serve` from spawn to the first 200 from /healthz,
 * on an empty data folder (cold: creates the database, migrates, loads the default dataset)
 * and again on the same folder (warm), on PGlite and, when available, PostgreSQL.
 *
 * This file also holds what both suites share: result rows, statistics, spawning and stopping
 * app servers, and creating and dropping the benchmark's own PostgreSQL databases.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../bin/fresh-bundle.js';
import type { DatabaseKind } from '../src/db/client.ts';
import { adminUrl, withAdmin } from '../test/pg-admin.ts';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// --- Results -----------------------------------------------------------------------------------

export type Engine = DatabaseKind;
export const engineName = (engine: Engine) => (engine === 'pglite' ? 'PGlite' : 'PostgreSQL');

export interface BenchRow {
  benchmark: string;
  engine: string;
  result: string;
  target: string;
  /** undefined: no target, reported only. */
  pass?: boolean | undefined;
}

export interface SuiteResult {
  rows: BenchRow[];
  /** Further Markdown (breakdowns, notes) printed after the table and recorded with it. */
  details: string[];
}

export interface BenchContext {
  engines: Engine[];
  /** Admin connection to a PostgreSQL server, when the PostgreSQL suites run. */
  postgresUrl: string | undefined;
  log: (message: string) => void;
}

// --- Statistics --------------------------------------------------------------------------------

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

// --- Child processes ---------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the child leads its own process group (detached)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Servers left running when the benchmark ends or is interrupted are killed, by pid. */
export function killChildrenOnExit() {
  process.on('exit', () => {
    for (const child of children) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of children) killGroup(child, 'SIGKILL');
      process.exit(130);
    });
  }
}

/** A free loopback port (the server cannot report the port it picked for PORT=0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readyMs: number;
  /**
   * CPU time (user + system, all threads) the process had used by then, in ms (Linux; undefined
   * elsewhere). Less sensitive than `readyMs` to other work on the machine, which stretches the
   * wall time of a CPU-bound start.
   */
  readyCpuMs: number | undefined;
  /** Resident and peak resident memory of the server process, in MB (Linux). */
  memory(): { rssMb: number; peakMb: number } | undefined;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** `node bin/igualdad.js serve` (default) or `npm start`. */
  via?: 'node' | 'npm';
  timeoutMs?: number;
}

/** GET and read the body; resolves with the status, or 0 when nothing answers. */
function probe(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawns an app server and resolves once /healthz answers 200 (polled every 20 ms). */
export async function launchServer(options: LaunchOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    IGUALDAD_DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  // The flags repeat PORT and HOST: the port must be the one chosen here whatever the CLI prefers.
  const flags = ['--port', String(port), '--host', '127.0.0.1'];
  const [command, args] =
    options.via === 'npm'
      ? ['npm', ['start', '--silent', '--', ...flags]]
      : [process.execPath, ['bin/igualdad.js', 'serve', ...flags]];

  const started = performance.now();
  const child = spawn(command, args as string[], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => children.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 60_000);
  let readyMs = NaN;
  let readyCpuMs: number | undefined;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if ((await probe(`${url}/healthz`, 1000)) === 200) {
      readyMs = performance.now() - started;
      readyCpuMs = processCpuMs(child.pid!);
      break;
    }
    await sleep(20);
  }
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    if (!done) {
      killGroup(child, 'SIGKILL');
      await exited;
    }
  };
  if (!Number.isFinite(readyMs)) {
    await stop();
    throw new Error(
      `the server did not answer /healthz (exit code ${child.exitCode}); last output:\n${output}`,
    );
  }
  return {
    url,
    pid: child.pid!,
    readyMs,
    readyCpuMs,
    memory: () => processMemory(child.pid!),
    stop,
  };
}

/** VmRSS and VmHWM of a process, from /proc (Linux only). */
export function processMemory(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process so far, in ms, from /proc (Linux only). */
export function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** USER_HZ, 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

// --- PostgreSQL --------------------------------------------------------------------------------

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL server to use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the default
 * local server if it answers. A URL given explicitly must work; the default may be absent.
 */
export async function findPostgres(): Promise<{ url?: string; note: string }> {
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const url = given || DEFAULT_POSTGRES_URL;
  try {
    await withAdmin(url, (c) => c.query('select 1'));
    return { url, note: `PostgreSQL at ${redact(url)}` };
  } catch (error) {
    if (given) throw new Error(`cannot connect to ${redact(url)}: ${(error as Error).message}`);
    return { note: `no PostgreSQL server answered at ${redact(url)}: PostgreSQL suites skipped` };
  }
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Only the benchmark's own databases are ever created or dropped. */
function assertBenchDatabase(name: string) {
  if (!/^igualdad_bench(_[a-z0-9_]+)?$/.test(name))
    throw new Error(`refusing to touch ${name}: not a benchmark database`);
}

export async function dropBenchDatabase(url: string, name: string): Promise<void> {
  assertBenchDatabase(name);
  await withAdmin(url, (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** (Re)creates an empty database `name` on the server; returns its URL. */
export async function createBenchDatabase(url: string, name: string): Promise<string> {
  await dropBenchDatabase(url, name);
  await withAdmin(url, (c) => c.query(`create database ${name}`));
  return adminUrl(url, name);
}

// --- The start-up suite ------------------------------------------------------------------------

const COLD_SAMPLES = 3;
/** No further cold start is begun after this long (at least one always runs). */
const COLD_BUDGET_MS = 60_000;
const WARM_SAMPLES = 5;
const NPM_SAMPLES = 3;
const COLD_TARGET_MS = 5000;
const WARM_TARGET_MS = 1500;

function samplesText(samples: number[], cpu: (number | undefined)[] = []): string {
  const text = `median ${ms(median(samples))} (n=${samples.length}: ${samples.map((s) => ms(s)).join(', ')})`;
  const known = cpu.filter((c): c is number => c !== undefined);
  return known.length ? `${text}; process CPU median ${ms(median(known))}` : text;
}

/**
 * Runs `npm run build`'s script, so the suite measures what `npm install` leaves: the bundle and
 * the PGlite template cluster, both up to date with the sources. Returns what the servers ran.
 */
function buildForStart(log: (message: string) => void): string {
  log('start: npm run build (bundle and PGlite template cluster)');
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
  return freshBundle(repoRoot)
    ? 'the bundle built by `npm run build` (`dist/`)'
    : 'the TypeScript sources through tsx (a source file changed after the build)';
}

export async function runStartSuite(ctx: BenchContext): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  const details: string[] = [];
  const ran = buildForStart(ctx.log);
  for (const engine of ctx.engines) {
    const name = engineName(engine);
    const dbName = 'igualdad_bench_start';
    const cold: number[] = [];
    const warm: number[] = [];
    const coldCpu: (number | undefined)[] = [];
    const warmCpu: (number | undefined)[] = [];
    const viaNpm: number[] = [];
    let dataDir = '';
    let databaseUrl: string | undefined;
    try {
      const coldStarted = performance.now();
      for (let i = 0; i < COLD_SAMPLES; i++) {
        if (i > 0 && performance.now() - coldStarted > COLD_BUDGET_MS) break;
        if (dataDir) removeDir(dataDir);
        dataDir = tempDir('igualdad-bench-start');
        if (engine === 'postgresql')
          databaseUrl = await createBenchDatabase(ctx.postgresUrl!, dbName);
        const server = await launchServer({ dataDir, databaseUrl });
        cold.push(server.readyMs);
        coldCpu.push(server.readyCpuMs);
        await server.stop();
        ctx.log(`start ${name}: cold ${ms(server.readyMs)}`);
      }
      for (let i = 0; i < WARM_SAMPLES; i++) {
        const server = await launchServer({ dataDir, databaseUrl });
        warm.push(server.readyMs);
        warmCpu.push(server.readyCpuMs);
        await server.stop();
        ctx.log(`start ${name}: warm ${ms(server.readyMs)}`);
      }
      if (engine === 'pglite') {
        for (let i = 0; i < NPM_SAMPLES; i++) {
          const server = await launchServer({ dataDir, databaseUrl, via: 'npm' });
          viaNpm.push(server.readyMs);
          await server.stop();
          ctx.log(`start ${name}: warm via npm start ${ms(server.readyMs)}`);
        }
      }
    } finally {
      if (dataDir) removeDir(dataDir);
      if (engine === 'postgresql') await dropBenchDatabase(ctx.postgresUrl!, dbName);
    }
    rows.push(
      {
        benchmark: 'cold start, empty data folder → first 200 /healthz',
        engine: name,
        result: samplesText(cold, coldCpu),
        target: `≤ ${ms(COLD_TARGET_MS)}`,
        pass: median(cold) <= COLD_TARGET_MS,
      },
      {
        benchmark: 'warm start → first 200 /healthz',
        engine: name,
        result: samplesText(warm, warmCpu),
        target: `≤ ${ms(WARM_TARGET_MS)}`,
        pass: median(warm) <= WARM_TARGET_MS,
      },
    );
    if (viaNpm.length) {
      rows.push({
        benchmark: 'warm start through `npm start`',
        engine: name,
        result: samplesText(viaNpm),
        target: `≤ ${ms(WARM_TARGET_MS)}`,
        pass: median(viaNpm) <= WARM_TARGET_MS,
      });
    }
  }
  details.push(
    'Start-up times run from `spawn` to the first 200 from `/healthz` (polled every 20 ms), ' +
      '`node bin/igualdad.js serve` unless noted, after `npm run build`; the servers ran ' +
      `${ran}. A cold start begins with an empty data folder (PostgreSQL: also a new empty ` +
      'database). On PostgreSQL it applies the migrations and loads the default dataset; on ' +
      'PGlite it copies the template cluster that the build migrated and seeded from the same ' +
      'files ([decision 011](docs/decisions/011-start-up.md)), then runs the same migrations and ' +
      'first-run check, which find nothing to do. A warm start reopens the same data. No further ' +
      'cold start is begun after 60 s, so slow machines record fewer cold samples. "Process CPU" ' +
      'is the CPU time (all threads) the server had used when it first answered: a start is ' +
      'CPU-bound, so other work on the machine stretches its wall time but hardly its CPU time; ' +
      'read the load average with it.',
  );
  return { rows, details };
}
