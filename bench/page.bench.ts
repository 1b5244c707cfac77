/**
 * Page benchmark: a policy page's throughput from the app (page cache on, then off) against
 * nginx serving a static copy of the same HTML bytes. Same load tool (autocannon, in its own
 * process so it does not share the app's event loop), 50 connections, 10 s each, loopback only.
 * nginx and the cached app take turns for PAGE_BENCH_ROUNDS rounds (2); the ratio is the median
 * of the rounds' ratios and the p99 the worst round's.
 * Two reported-only rows serve the same bytes from Node with no app (node:http, then
 * @hono/node-server) to show how much of the gap to nginx is the runtime's.
 *
 * `node --import tsx bench/page.bench.ts` runs it alone; `runPageBench()` returns the rows.
 * Benchmarks are not tests: the targets are reported, not enforced.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { createApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDefaultDataset } from '../src/features/dataset/seed.ts';
import { createLogger } from '../src/lib/logger.ts';
import { listen } from '../src/server.ts';
import { createServices } from '../src/services.ts';

export interface Row {
  benchmark: string;
  engine: string;
  result: string;
  target: string;
  /** undefined: reported only (the ceilings). */
  pass?: boolean;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const PAGE = '/es/policies/bernco-ar-2017-22';
const CONNECTIONS = 50;
const SECONDS = Number(process.env.PAGE_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.PAGE_BENCH_ROUNDS ?? 2);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const AUTOCANNON = path.join(root, 'node_modules', '.bin', 'autocannon');

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The app's own process during the load (the app rows only): what is in the tail. */
  inProcess?: { loopP99: number; loopMax: number; gcs: number; gcMs: number; gcMax: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** autocannon in a child process: 50 connections for SECONDS seconds, JSON out. */
function load(url: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    const child = spawn(AUTOCANNON, ['-c', String(CONNECTIONS), '-d', String(SECONDS), '-j', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number };
        latency: { p99: number };
        errors: number;
        non2xx: number;
      };
      resolve({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
    });
  });
}

/**
 * A load on the app in this process, with this process's event-loop delay and garbage
 * collections over it: a tail (p99) longer than the ceilings' comes from one or the other, or
 * from the machine (other work on the cores stalls every row alike).
 */
async function loadInProcess(url: string): Promise<Load> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const gcs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push(entry.duration);
  });
  delay.enable();
  observer.observe({ entryTypes: ['gc'] });
  try {
    const result = await load(url);
    return {
      ...result,
      inProcess: {
        loopP99: delay.percentile(99) / 1e6,
        loopMax: delay.max / 1e6,
        gcs: gcs.length,
        gcMs: gcs.reduce((a, b) => a + b, 0),
        gcMax: Math.max(0, ...gcs),
      },
    };
  } finally {
    delay.disable();
    observer.disconnect();
  }
}

function benchConfig(dataDir: string, pageCache: boolean): Config {
  return {
    env: 'production',
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir,
    baseUrl: 'http://127.0.0.1',
    defaultLocale: 'es',
    logLevel: 'silent',
    trustProxy: false,
    pageCache,
    dataVersionTtlMs: 1000,
    secrets: {
      sessionSecret: 'bench-session-secret-0123456789abcdef0123456789',
      masterKey: 'bench-master-key-0123456789abcdef0123456789abc',
    },
  };
}

async function startApp(database: Database, dataDir: string, pageCache: boolean) {
  const config = benchConfig(dataDir, pageCache);
  const services = createServices({ config, database, logger: createLogger('silent') });
  // The server `igualdad serve` runs, page-cache hits answered before Hono included.
  const server = await listen(createApp(services).fetch, services, 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PAGE}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The same bytes from Node with no application at all: node:http alone, then @hono/node-server
 * with one route. They are the ceilings a Node app can reach on this machine, next to nginx.
 */
async function startCeiling(kind: 'node:http' | '@hono/node-server', html: Buffer) {
  const headers = { 'content-type': 'text/html; charset=UTF-8' };
  const server: ServerType =
    kind === 'node:http'
      ? http.createServer((_req, res) => {
          res.writeHead(200, { ...headers, 'content-length': html.length });
          res.end(html);
        })
      : createAdaptorServer({ fetch: () => new Response(html, { headers }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PAGE}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startNginx(
  dir: string,
  html: Buffer,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const docroot = path.join(dir, 'www');
  const file = path.join(docroot, 'policy.html');
  execFileSync('mkdir', ['-p', docroot, path.join(dir, 'tmp')]);
  writeFileSync(file, html);
  const conf = path.join(dir, 'nginx.conf');
  // One worker, as the app is one Node process; no logging, no compression (autocannon sends
  // no Accept-Encoding, so the app does not compress either).
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${docroot};
    location = ${PAGE} {
      default_type "text/html; charset=UTF-8";
      try_files /policy.html =404;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX!, ['-p', dir, '-c', conf], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}${PAGE}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  try {
    await waitForNginx(child, url, html, dir);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitForNginx(child: ChildProcess, url: string, html: Buffer, dir: string) {
  let served: Buffer | undefined;
  for (let i = 0; i < 100 && !served; i++) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited ${child.exitCode}; see ${dir}/error.log`);
    try {
      const res = await fetch(url);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`nginx answered ${res.status}`);
      served = body;
    } catch (error) {
      if ((error as Error).message.startsWith('nginx answered')) throw error;
      await new Promise((r) => setTimeout(r, 50)); // not up yet
    }
  }
  if (!served?.equals(html)) throw new Error('nginx does not serve the same bytes as the app');
}

const fmt = (l: Load) =>
  `${Math.round(l.rps).toLocaleString('en-US')} req/s, p99 ${l.p99} ms${l.errors || l.non2xx ? `, ${l.errors} errors, ${l.non2xx} non-2xx` : ''}`;
const fmtInProcess = ({ inProcess: p }: Load) =>
  p
    ? `; event-loop delay p99 ${p.loopP99.toFixed(0)} ms (max ${p.loopMax.toFixed(0)}), GC ${p.gcs}× ${p.gcMs.toFixed(0)} ms (max ${p.gcMax.toFixed(0)})`
    : '';

/** Runs the three loads (nginx, app with page cache, app without) and returns the rows. */
export async function runPageBench(
  log: (m: string) => void = (m) => process.stderr.write(`[page bench] ${m}\n`),
): Promise<Row[]> {
  if (!NGINX) {
    log(
      'nginx is missing: install it with `apt-get install -y nginx-light`; skipping the page benchmark',
    );
    return [
      {
        benchmark: 'policy page vs nginx',
        engine: 'PGlite',
        result: 'skipped: nginx not installed (apt-get install -y nginx-light)',
        target: 'app/nginx ≥ 0.6',
        pass: false,
      },
    ];
  }
  if (!existsSync(AUTOCANNON)) throw new Error('autocannon is missing: npm install -D autocannon');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-page-bench-'));
  chmodSync(dir, 0o755); // nginx's workers run as an unprivileged user when started as root
  const database = await openDatabase({});
  const stops: (() => Promise<void>)[] = [];
  try {
    log('seeding a PGlite database...');
    await migrateDatabase(database);
    await seedDefaultDataset(database.db);

    const cached = await startApp(database, dir, true);
    stops.push(cached.close);
    const html = Buffer.from(await (await fetch(cached.url)).arrayBuffer());
    log(`${PAGE}: ${html.length} bytes of HTML`);
    const nginx = await startNginx(dir, html);
    stops.push(nginx.stop);

    // nginx and the cached app take turns, ROUNDS times: the machine's load drifts over a run,
    // and each round's ratio compares two loads a few seconds apart.
    const refs: Load[] = [];
    const ons: Load[] = [];
    const ceilings: [string, Load][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS}: nginx, ${CONNECTIONS} connections, ${SECONDS} s...`);
      refs.push(await load(nginx.url));
      log(
        `round ${round}/${ROUNDS}: app with page cache, ${CONNECTIONS} connections, ${SECONDS} s...`,
      );
      ons.push(await loadInProcess(cached.url));
      if (round === 1)
        for (const kind of ['node:http', '@hono/node-server'] as const) {
          const bare = await startCeiling(kind, html);
          stops.push(bare.close);
          log(`${kind} alone, ${CONNECTIONS} connections, ${SECONDS} s...`);
          ceilings.push([kind, await load(bare.url)]);
          await bare.close();
          stops.pop();
        }
    }
    await cached.close();
    await nginx.stop();
    stops.splice(0, stops.length);

    const uncached = await startApp(database, dir, false);
    stops.push(uncached.close);
    log(`app without page cache, ${CONNECTIONS} connections, ${SECONDS} s...`);
    const off = await loadInProcess(uncached.url);
    await uncached.close();
    stops.pop();

    const ratios = ons.map((on, i) => on.rps / refs[i]!.rps);
    const ratio = median(ratios);
    const ref = refs[0]!;
    const refRps = median(refs.map((r) => r.rps));
    const on = ons[0]!;
    const onP99 = Math.max(...ons.map((l) => l.p99));
    const rounds = (loads: Load[], extra: (l: Load, i: number) => string = () => '') =>
      loads.length > 1
        ? ` (rounds: ${loads.map((l, i) => `${Math.round(l.rps).toLocaleString('en-US')} req/s, p99 ${l.p99} ms${extra(l, i)}`).join('; ')})`
        : '';
    return [
      {
        benchmark: `${PAGE}, nginx static copy (reference)`,
        engine: '—',
        result: `${refs.length > 1 ? `median ${Math.round(refRps).toLocaleString('en-US')} req/s` : fmt(ref)}${rounds(refs)}`,
        target: 'reference',
        pass: refs.every((r) => r.errors === 0 && r.non2xx === 0),
      },
      ...ceilings.map(([kind, l]) => ({
        benchmark: `${PAGE}, ceiling: the same bytes from ${kind} alone (no app)`,
        engine: '—',
        result: `${fmt(l)}; /nginx ${(l.rps / refs[0]!.rps).toFixed(2)} (round 1's nginx)`,
        target: 'reported',
      })),
      {
        benchmark: `${PAGE}, app, page cache on`,
        engine: 'PGlite',
        result:
          ons.length > 1
            ? `app/nginx median ${ratio.toFixed(2)}, p99 ≤ ${onP99} ms${rounds(ons, (l, i) => `, app/nginx ${ratios[i]!.toFixed(2)}${fmtInProcess(l)}`)}`
            : `${fmt(on)}; app/nginx ${ratio.toFixed(2)}${fmtInProcess(on)}`,
        target: 'app/nginx ≥ 0.6, p99 ≤ 25 ms',
        pass: ratio >= 0.6 && onP99 <= 25 && ons.every((l) => l.errors === 0 && l.non2xx === 0),
      },
      {
        benchmark: `${PAGE}, app, page cache off`,
        engine: 'PGlite',
        result: `${fmt(off)}; app/nginx ${(off.rps / refRps).toFixed(2)}${fmtInProcess(off)}`,
        target: '≥ 1,500 req/s',
        pass: off.rps >= 1500 && off.errors === 0 && off.non2xx === 0,
      },
    ];
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await runPageBench();
  process.stdout.write(
    [
      '| benchmark | engine | result | target | pass/fail |',
      '| --- | --- | --- | --- | --- |',
      ...rows.map(
        (r) =>
          `| ${r.benchmark} | ${r.engine} | ${r.result} | ${r.target} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : 'FAIL'} |`,
      ),
    ].join('\n') + '\n',
  );
  process.exit(0);
}
