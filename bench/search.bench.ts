/**
 * Search benchmark: loads a generated corpus (10,000 policies by default) through applyDataset,
 * then times a fixed mix of 200 searches through the real app, in-process (`app.request`) and
 * over HTTP against a started server (`node bin/igualdad.js serve`), on PGlite and PostgreSQL.
 * Ends with the server's resident memory.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createApp } from '../src/app.ts';
import { sql } from 'drizzle-orm';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, queryRows, type Database } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { applyDataset } from '../src/features/dataset/apply.ts';
import { parseDatasetText } from '../src/features/dataset/load.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createServices } from '../src/services.ts';
import { generateCorpus, prng, type Corpus } from './corpus.ts';
import {
  createBenchDatabase,
  dropBenchDatabase,
  engineName,
  launchServer,
  median,
  ms,
  percentile,
  removeDir,
  tempDir,
  type BenchContext,
  type BenchRow,
  type Engine,
  type SuiteResult,
} from './start.bench.ts';

const POLICIES = Number(process.env.BENCH_POLICIES ?? 10_000);
const QUERIES = 200;
const WARMUP = 20;
/**
 * The 200 queries run up to this many times; each round gives one p95, the result is their
 * median. A round is not started when it would end past the phase's time budget (at least one
 * round always runs), which keeps the whole run under 10 minutes when searches are slow.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const PHASE_BUDGET_MS = 45_000;
const TARGET_P95: Record<Engine, number> = { postgresql: 15, pglite: 50 };
const RSS_TARGET_MB: Partial<Record<Engine, number>> = { postgresql: 400 };

// --- The query mix -----------------------------------------------------------------------------

export interface BenchQuery {
  shape: string;
  /** Path and query string under /api/v1/policies. */
  path: string;
}

const SPANISH_ACCENTED = [
  'detención',
  'inmigración',
  'policía',
  'educación',
  'matrícula',
  'órdenes de detención',
  'información',
  'protección',
  'deportación',
  'discriminación',
  'licencia de conducir',
  'cárcel',
];
const SPANISH_PLAIN = [
  'detencion',
  'inmigracion',
  'policia',
  'educacion',
  'matricula',
  'proteccion',
  'deportacion',
  'carcel',
  'salario',
  'escuelas',
  'vivienda',
  'frontera',
];
const ENGLISH = [
  'detainer',
  'immigration',
  'police',
  'schools',
  'wages',
  'tuition',
  'license',
  'sanctuary',
  'warrant',
  'deportation',
  'surveillance',
  'interpreters',
  'scholarship',
  'overtime',
];
const PHRASES = [
  'orden judicial',
  'wage theft',
  'salario mínimo',
  "driver's license",
  'ley federal',
  'school district',
  'estatus migratorio',
  'immigration detainers',
  'fecha de liberación',
  'traffic stop',
  'ayuda financiera',
  'facial recognition',
];
const FIXED_IDENTIFIERS = ['ar 2017-22', 'hb 173', 'AR 2017 22', 'R-18-7', 'sb 45', 'o-19-4'];
const TYPOS = ['detencoin', 'detainr', 'imigration', 'polcia', 'matricla', 'enforcment', 'tution'];
const STATUSES = ['in_force', 'pending', 'in_force,enacted_non_binding'];

/** A fixed, seeded mix of 200 searches over the corpus (the same corpus gives the same list). */
export function buildQueries(corpus: Corpus, count = QUERIES, seed = 7): BenchQuery[] {
  const r = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const url = (params: Record<string, string>) =>
    `/api/v1/policies?${new URLSearchParams(params).toString()}`;
  const sampledIdentifier = () => {
    const id = pick(corpus.identifiers);
    // As people type them: lower case, spaces for hyphens, or as written.
    const forms = [id, id.toLowerCase(), id.toLowerCase().replace(/-/g, ' ')];
    return pick(forms);
  };
  const anyWord = () => pick([...SPANISH_ACCENTED, ...SPANISH_PLAIN, ...ENGLISH, ...PHRASES]);
  const shapes: [string, number, () => Record<string, string>][] = [
    ['Spanish word, accented', 28, () => ({ q: pick(SPANISH_ACCENTED) })],
    ['Spanish word, no accents', 24, () => ({ q: pick(SPANISH_PLAIN) })],
    ['English word', 30, () => ({ q: pick(ENGLISH) })],
    ['two-word phrase', 26, () => ({ q: pick(PHRASES) })],
    ['identifier', 30, () => ({ q: r() < 0.4 ? pick(FIXED_IDENTIFIERS) : sampledIdentifier() })],
    ['typo (did you mean)', 14, () => ({ q: pick(TYPOS) })],
    [
      'q + jurisdiction',
      16,
      () => ({
        q: anyWord(),
        jurisdiction: pick([
          corpus.places.state,
          ...corpus.places.counties,
          ...corpus.places.cities,
        ]),
      }),
    ],
    ['q + status', 16, () => ({ q: anyWord(), status: pick(STATUSES) })],
    [
      'filters only (no q)',
      16,
      () => ({ jurisdiction: pick(corpus.places.counties), status: pick(STATUSES) }),
    ],
  ];
  const total = shapes.reduce((s, [, n]) => s + n, 0);
  const queries: BenchQuery[] = [];
  for (const [shape, n, make] of shapes) {
    const share = Math.round((n / total) * count);
    for (let i = 0; i < share; i++) queries.push({ shape, path: url(make()) });
  }
  while (queries.length < count)
    queries.push({ shape: 'English word', path: url({ q: pick(ENGLISH) }) });
  queries.length = count;
  // Seeded Fisher-Yates: shapes interleave as real traffic does.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}

// --- Measuring ---------------------------------------------------------------------------------

interface Sample {
  query: BenchQuery;
  ms: number;
  total: number;
}

type Requester = (path: string) => Promise<{ status: number; body: string }>;

async function measure(
  request: Requester,
  queries: BenchQuery[],
  maxRounds: number,
): Promise<Sample[][]> {
  for (const q of queries.slice(0, WARMUP)) await request(q.path);
  const started = performance.now();
  const out: Sample[][] = [];
  let last = 0;
  while (out.length < maxRounds) {
    const elapsed = performance.now() - started;
    if (out.length > 0 && elapsed + last > PHASE_BUDGET_MS) break;
    const roundStart = performance.now();
    const samples: Sample[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      const res = await request(query.path);
      const elapsedMs = performance.now() - t0;
      if (res.status !== 200)
        throw new Error(`${query.path} answered ${res.status}: ${res.body.slice(0, 300)}`);
      const total = (JSON.parse(res.body) as { total: number }).total;
      samples.push({ query, ms: elapsedMs, total });
    }
    last = performance.now() - roundStart;
    out.push(samples);
  }
  return out;
}

const roundsLabel = (rounds: Sample[][]) =>
  `${QUERIES} queries × ${rounds.length} round${rounds.length === 1 ? '' : 's'}`;

/** Keep-alive HTTP GET that reads the whole body, gzip accepted as a browser would. */
function httpRequester(base: string): { request: Requester; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request: Requester = (p) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        `${base}${p}`,
        { agent, headers: { 'accept-language': 'es', 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const gzipped = res.headers['content-encoding'] === 'gzip';
            resolve({
              status: res.statusCode ?? 0,
              body: (gzipped ? gunzipSync(raw) : raw).toString(),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  return { request, close: () => agent.destroy() };
}

interface Summary {
  p50: number;
  p95: number;
  max: number;
  /** p95 of each round. */
  roundP95: number[];
}

function summarize(rounds: Sample[][]): Summary {
  const all = rounds.flat().map((s) => s.ms);
  return {
    p50: percentile(all, 50),
    p95: median(
      rounds.map((round) =>
        percentile(
          round.map((s) => s.ms),
          95,
        ),
      ),
    ),
    max: Math.max(...all),
    roundP95: rounds.map((round) =>
      percentile(
        round.map((s) => s.ms),
        95,
      ),
    ),
  };
}

function latencyText(s: Summary): string {
  const rounds =
    s.roundP95.length > 1 ? ` (round p95s: ${s.roundP95.map((v) => ms(v)).join(', ')})` : '';
  return `p95 ${ms(s.p95)} · p50 ${ms(s.p50)} · max ${ms(s.max)}${rounds}`;
}

/** Per query shape: p50 and p95 in-process, over HTTP, and in-process after VACUUM ANALYZE. */
function shapeTable(inProcess: Sample[][], overHttp: Sample[][], vacuumed: Sample[][]): string {
  const byShape = (rounds: Sample[][]) => {
    const map = new Map<string, number[]>();
    for (const s of rounds.flat()) {
      const list = map.get(s.query.shape) ?? [];
      list.push(s.ms);
      map.set(s.query.shape, list);
    }
    return map;
  };
  const a = byShape(inProcess);
  const b = byShape(overHttp);
  const c = byShape(vacuumed);
  const pair = (samples: number[] = []) =>
    `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`;
  const lines = [
    '| query shape | queries | in-process p50 / p95 | HTTP p50 / p95 | after VACUUM ANALYZE p50 / p95 |',
    '| --- | --: | --: | --: | --: |',
  ];
  for (const [shape, samples] of a) {
    lines.push(
      `| ${shape} | ${samples.length / inProcess.length} | ${pair(samples)} | ${pair(b.get(shape))} | ${pair(c.get(shape))} |`,
    );
  }
  return lines.join('\n');
}

/** The slowest distinct queries, by their median over rounds (in-process). */
function slowestTable(rounds: Sample[][], n = 8): string {
  const byPath = new Map<string, { query: BenchQuery; times: number[]; total: number }>();
  for (const s of rounds.flat()) {
    const entry = byPath.get(s.query.path) ?? { query: s.query, times: [], total: s.total };
    entry.times.push(s.ms);
    byPath.set(s.query.path, entry);
  }
  const rows = [...byPath.values()]
    .map((e) => ({ ...e, median: median(e.times) }))
    .sort((x, y) => y.median - x.median)
    .slice(0, n);
  const lines = ['| query | shape | matches | median |', '| --- | --- | --: | --: |'];
  for (const row of rows) {
    const params = new URLSearchParams(row.query.path.replace('/api/v1/policies?', ''));
    const query = [...params]
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
      .replace(/\|/g, '\\|');
    lines.push(`| \`${query}\` | ${row.query.shape} | ${row.total} | ${ms(row.median)} |`);
  }
  return lines.join('\n');
}

function inProcessRequester(config: Config, database: Database): Requester {
  const app = createApp(createServices({ config, database, logger: createLogger('silent') }));
  return async (p) => {
    const res = await app.request(p, { headers: { 'accept-language': 'es' } });
    return { status: res.status, body: await res.text() };
  };
}

// --- The suite ---------------------------------------------------------------------------------

const secret = () => randomBytes(32).toString('base64url');

async function loadCorpus(database: Database, corpus: Corpus) {
  const started = performance.now();
  const file = parseDatasetText('bench-corpus.json', JSON.stringify(corpus.data));
  const validated = performance.now();
  // onlyIfUnseeded marks the database seeded, so the server will not add the default dataset.
  const report = await applyDataset(database.db, [file], { onlyIfUnseeded: true });
  const applied = performance.now();
  if (!report || report.created.policies !== corpus.data.policies!.length)
    throw new Error('the corpus was not loaded completely');
  return { validateMs: validated - started, applyMs: applied - validated };
}

async function runEngine(
  ctx: BenchContext,
  engine: Engine,
  corpus: Corpus,
  queries: BenchQuery[],
): Promise<{ rows: BenchRow[]; details: string[] }> {
  const name = engineName(engine);
  const dbName = 'igualdad_bench';
  const dataDir = tempDir('igualdad-bench-search');
  const rows: BenchRow[] = [];
  try {
    const databaseUrl =
      engine === 'postgresql' ? await createBenchDatabase(ctx.postgresUrl!, dbName) : undefined;
    const config = loadConfig({
      NODE_ENV: 'development',
      IGUALDAD_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      SESSION_SECRET: secret(),
      MASTER_KEY: secret(),
    });

    // 1. Load the corpus.
    let database = await openDatabase({ databaseUrl, pgliteDir: path.join(dataDir, 'pglite') });
    let inProcess: Sample[][];
    let autovacuum = 'off (PGlite has no autovacuum)';
    try {
      await migrateDatabase(database);
      if (engine === 'postgresql') {
        const [row] = await queryRows<{ autovacuum: string }>(database.db, sql`show autovacuum`);
        autovacuum = row?.autovacuum ?? 'unknown';
      }
      ctx.log(`search ${name}: loading ${POLICIES} policies...`);
      const load = await loadCorpus(database, corpus);
      ctx.log(`search ${name}: loaded in ${ms(load.validateMs + load.applyMs)}`);
      rows.push({
        benchmark: `load ${POLICIES.toLocaleString('en-US')} policies (validate + applyDataset)`,
        engine: name,
        result: `${ms(load.validateMs + load.applyMs)} (validate ${ms(load.validateMs)}, apply ${ms(load.applyMs)})`,
        target: '—',
      });

      // 2. In-process: the real app, no network, the database as the import left it.
      inProcess = await measure(inProcessRequester(config, database), queries, ROUNDS);
    } finally {
      await database.close();
    }
    const inSummary = summarize(inProcess);
    ctx.log(`search ${name}: in-process ${latencyText(inSummary)}`);
    rows.push({
      benchmark: `search, in-process (${roundsLabel(inProcess)})`,
      engine: name,
      result: latencyText(inSummary),
      target: `p95 ≤ ${ms(TARGET_P95[engine])}`,
      pass: inSummary.p95 <= TARGET_P95[engine],
    });

    // 3. Over HTTP, against `igualdad serve` on the same data.
    const server = await launchServer({ dataDir, databaseUrl });
    let overHttp: Sample[][];
    let memory: ReturnType<typeof server.memory>;
    try {
      const client = httpRequester(server.url);
      try {
        overHttp = await measure(client.request, queries, ROUNDS);
      } finally {
        client.close();
      }
      memory = server.memory();
    } finally {
      await server.stop();
    }
    const httpSummary = summarize(overHttp);
    ctx.log(`search ${name}: HTTP ${latencyText(httpSummary)}`);
    rows.push(
      {
        benchmark: `search, HTTP (${roundsLabel(overHttp)})`,
        engine: name,
        result: latencyText(httpSummary),
        target: `p95 ≤ ${ms(TARGET_P95[engine])}`,
        pass: httpSummary.p95 <= TARGET_P95[engine],
      },
      {
        benchmark: 'server RSS after the search benchmark',
        engine: name,
        result: memory
          ? `${memory.rssMb.toFixed(0)} MB (peak ${memory.peakMb.toFixed(0)} MB)`
          : 'n/a (no /proc)',
        target: RSS_TARGET_MB[engine] ? `≤ ${RSS_TARGET_MB[engine]} MB` : 'report',
        pass: memory && RSS_TARGET_MB[engine] ? memory.rssMb <= RSS_TARGET_MB[engine] : undefined,
      },
      {
        benchmark: `server start on the loaded database`,
        engine: name,
        result: ms(server.readyMs),
        target: '—',
      },
    );

    // 4. What-if: the same queries in-process after VACUUM ANALYZE (statistics collected, GIN
    // pending lists merged), which the import does not do and PGlite never does by itself.
    let vacuumed: Sample[][];
    database = await openDatabase({ databaseUrl, pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const started = performance.now();
      await database.db.execute(sql`vacuum analyze`);
      ctx.log(`search ${name}: vacuum analyze took ${ms(performance.now() - started)}`);
      vacuumed = await measure(inProcessRequester(config, database), queries, 1);
    } finally {
      await database.close();
    }
    const vacuumedSummary = summarize(vacuumed);
    ctx.log(`search ${name}: in-process after vacuum ${latencyText(vacuumedSummary)}`);
    rows.push({
      benchmark: `what-if: search in-process after \`VACUUM ANALYZE\` (${roundsLabel(vacuumed)})`,
      engine: name,
      result: latencyText(vacuumedSummary),
      target: `(p95 ≤ ${ms(TARGET_P95[engine])})`,
    });

    const details = [
      `#### ${name}: latency by query shape\n\nAutovacuum: ${autovacuum}.\n\n${shapeTable(inProcess, overHttp, vacuumed)}`,
      `#### ${name}: slowest queries (in-process, median of ${inProcess.length} round${inProcess.length === 1 ? '' : 's'})\n\n${slowestTable(inProcess)}`,
    ];
    return { rows, details };
  } finally {
    removeDir(dataDir);
    if (engine === 'postgresql') await dropBenchDatabase(ctx.postgresUrl!, dbName);
  }
}

export async function runSearchSuite(ctx: BenchContext): Promise<SuiteResult> {
  const started = performance.now();
  const corpus = generateCorpus({ policies: POLICIES });
  const queries = buildQueries(corpus);
  ctx.log(`search: generated ${POLICIES} policies in ${ms(performance.now() - started)}`);
  const rows: BenchRow[] = [];
  const details: string[] = [];
  for (const engine of ctx.engines) {
    const result = await runEngine(ctx, engine, corpus, queries);
    rows.push(...result.rows);
    details.push(...result.details);
  }
  return { rows, details };
}
