/**
 * "Who represents me" benchmark (issue 5): 1,000 generated districts (each a 64-point polygon on
 * a grid over New Mexico) with one official each, loaded through the importers on a seeded
 * database; then 2,000 lookups at random points through the real app in-process
 * (`GET /api/v1/representatives`), p95 against 2 ms. The first request loads the boundaries and
 * seats into memory; its time is reported apart. Then WARMUP requests at other points (like the
 * search bench's warm-up) let the JIT compile the request path and the import's garbage be
 * collected before the clock runs; every timed request is kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { seedDefaultDataset } from '../src/features/dataset/seed.ts';
import { applyBoundaries, parseBoundaries } from '../src/features/divisions/boundary-import.ts';
import { applyDivisionList, parseDivisionList } from '../src/features/divisions/list-import.ts';
import { applyOpenStates, readOpenStatesDir } from '../src/features/officials/openstates-import.ts';
import { createLogger } from '../src/lib/logger.ts';
import { createServices } from '../src/services.ts';
import { prng } from './corpus.ts';
import {
  createBenchDatabase,
  dropBenchDatabase,
  engineName,
  ms,
  percentile,
  removeDir,
  tempDir,
  type BenchContext,
  type BenchRow,
  type Engine,
  type SuiteResult,
} from './start.bench.ts';

const DISTRICTS = 1000;
const LOOKUPS = 2000;
const WARMUP = 300;
const TARGET_P95_MS = 2;
const STATE = 'ocd-division/country:us/state:nm';
const GOVERNMENT = 'ocd-jurisdiction/country:us/state:nm/government';
/** New Mexico's bounding box, roughly. */
const WEST = -109.05;
const EAST = -103.0;
const SOUTH = 31.33;
const NORTH = 37.0;
const COLUMNS = 40;
const ROWS = DISTRICTS / COLUMNS;

/** A cell of the grid as a polygon of 64 points (16 per side), like a real district's outline. */
function cell(column: number, row: number) {
  const [w, h] = [(EAST - WEST) / COLUMNS, (NORTH - SOUTH) / ROWS];
  const [x0, y0] = [WEST + column * w, SOUTH + row * h];
  const side = (from: [number, number], to: [number, number]) =>
    Array.from({ length: 16 }, (_, i) => [
      from[0] + ((to[0] - from[0]) * i) / 16,
      from[1] + ((to[1] - from[1]) * i) / 16,
    ]);
  const corners: [number, number][] = [
    [x0, y0],
    [x0 + w, y0],
    [x0 + w, y0 + h],
    [x0, y0 + h],
  ];
  const ring = corners.flatMap((corner, i) => side(corner, corners[(i + 1) % 4]!));
  return [[...ring, ring[0]!]];
}

function generateFiles(dir: string) {
  const ids = Array.from({ length: DISTRICTS }, (_, i) => `${STATE}/sldu:${i + 1}`);
  const list = ['id,name', ...ids.map((id, i) => `${id},Bench District ${i + 1}`)].join('\n');
  const shapes = JSON.stringify({
    type: 'FeatureCollection',
    features: ids.map((ocdid, i) => ({
      type: 'Feature',
      properties: { ocdid },
      geometry: { type: 'Polygon', coordinates: cell(i % COLUMNS, Math.floor(i / COLUMNS)) },
    })),
  });
  const people = path.join(dir, 'people');
  mkdirSync(people, { recursive: true });
  ids.forEach((_, i) => {
    const uuid = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    writeFileSync(
      path.join(people, `${i + 1}.yml`),
      [
        `id: ocd-person/${uuid}`,
        `name: Bench Senator ${i + 1}`,
        'party: [{name: Independent}]',
        `roles: [{type: upper, jurisdiction: ${GOVERNMENT}, district: "${i + 1}", start_date: 2021-01-01}]`,
        'offices: [{classification: capitol, voice: 505-000-0000}]',
        'sources: [{url: "https://example.org/roster"}]',
      ].join('\n'),
    );
  });
  return { list, shapes, people };
}

async function runEngine(ctx: BenchContext, engine: Engine): Promise<BenchRow[]> {
  const name = engineName(engine);
  const dir = tempDir('igualdad-bench-reps');
  const dbName = 'igualdad_bench_reps';
  try {
    const databaseUrl =
      engine === 'postgresql' ? await createBenchDatabase(ctx.postgresUrl!, dbName) : undefined;
    const secret = () => randomBytes(32).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'development',
      IGUALDAD_DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      SESSION_SECRET: secret(),
      MASTER_KEY: secret(),
    });
    const database = await openDatabase({ databaseUrl, pgliteDir: path.join(dir, 'pglite') });
    try {
      await migrateDatabase(database);
      await seedDefaultDataset(database.db);
      const files = generateFiles(dir);
      const loadStart = performance.now();
      await applyDivisionList(database.db, parseDivisionList('bench.csv', files.list));
      await applyBoundaries(database.db, 'bench.geojson', parseBoundaries('bench', files.shapes));
      await applyOpenStates(database.db, readOpenStatesDir(files.people).people);
      const loadMs = performance.now() - loadStart;
      ctx.log(
        `representatives ${name}: ${DISTRICTS} districts and officials loaded in ${ms(loadMs)}`,
      );

      const app = createApp(createServices({ config, database, logger: createLogger('silent') }));
      const pointsFrom = (random: () => number) => () => ({
        lat: SOUTH + random() * (NORTH - SOUTH),
        lon: WEST + random() * (EAST - WEST),
      });
      // The timed points are the same with or without the warm-up: it draws from its own seed.
      const timedPoint = pointsFrom(prng(20261125));
      const warmupPoint = pointsFrom(prng(20261126));
      const ask = async (point = timedPoint) => {
        const { lat, lon } = point();
        const res = await app.request(`/api/v1/representatives?lat=${lat}&lon=${lon}`);
        const body = (await res.json()) as { officials: unknown[] };
        if (res.status !== 200) throw new Error(`representatives answered ${res.status}`);
        return body.officials.length;
      };
      const firstStart = performance.now();
      await ask();
      const firstMs = performance.now() - firstStart;
      for (let i = 0; i < WARMUP; i++) await ask(warmupPoint);
      const samples: number[] = [];
      let found = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        const started = performance.now();
        found += (await ask()) > 0 ? 1 : 0;
        samples.push(performance.now() - started);
      }
      const p95 = percentile(samples, 95);
      return [
        {
          benchmark: `load ${DISTRICTS} districts + boundaries + officials (importers)`,
          engine: name,
          result: ms(loadMs),
          target: '—',
        },
        {
          benchmark: 'first lookup (loads boundaries and seats into memory)',
          engine: name,
          result: ms(firstMs),
          target: '—',
        },
        {
          benchmark: `representatives lookup, ${DISTRICTS} districts, in-process API (n=${LOOKUPS} after ${WARMUP} warm-up; ${found} with officials)`,
          engine: name,
          result: `p95 ${ms(p95)} (p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))})`,
          target: `p95 <= ${TARGET_P95_MS} ms`,
          pass: p95 <= TARGET_P95_MS,
        },
      ];
    } finally {
      await database.close();
    }
  } finally {
    if (engine === 'postgresql') await dropBenchDatabase(ctx.postgresUrl!, dbName);
    removeDir(dir);
  }
}

export async function runRepresentativesSuite(ctx: BenchContext): Promise<SuiteResult> {
  const rows: BenchRow[] = [];
  for (const engine of ctx.engines) rows.push(...(await runEngine(ctx, engine)));
  return {
    rows,
    details: [
      'Every district is a 64-point polygon; lookups are uniform over the grid, so almost every ' +
        'point is in one district (plus the state and a county from the default dataset).',
    ],
  };
}
