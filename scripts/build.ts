/**
 * `npm run build`, also run by `prepare` (so `npm install` and `npm ci` in a clone build too).
 * Writes to dist/ (ignored by git), for faster starts; the app works without it (decision 011):
 *
 * 1. dist/igualdad.js: the command and server bundled with esbuild, with the packages that do
 *    not read files of their own. bin/igualdad.js runs it while no input is newer than it.
 * 2. dist/pglite-template/: a PGlite cluster created, migrated and seeded as the first `serve`
 *    would do it, shut down cleanly, with dist/pglite-template.key naming its inputs. The first
 *    `serve` on an empty data folder copies it instead of running initdb. Rebuilt only when the
 *    key changed.
 *
 * Usage: node --import tsx scripts/build.ts [--if-possible]
 * --if-possible (prepare): a failure is reported as a warning and the exit code is 0, because the
 * app still runs without dist/, only slower to start; `npm run build` fails loudly.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUNDLE } from '../bin/fresh-bundle.js';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { computeTemplateKey, templateDir, templateKeyFile } from '../src/db/pglite-template.ts';
import { seedIfFirstRun } from '../src/features/dataset/seed.ts';
import { projectRoot } from '../src/paths.ts';

const distDir = path.join(projectRoot, 'dist');

/**
 * Packages loaded from node_modules rather than bundled, and why. A new dependency that reads
 * files from beside itself or loads a native addon belongs here.
 */
const KEEP_EXTERNAL = [
  '@electric-sql/pglite', // its WebAssembly, data files and extensions, by path
  'pg', // an optional native binding (pg-native), resolved at run time
  'pino', // transports and worker files, by path
  'pdfkit', // its font metrics files, by path
  '@node-rs/argon2', // a native addon
  'esbuild', // build tools, never imported by the app
  'tsx',
];
const REQUIRE_SHIM =
  "import { createRequire as __igualdadCreateRequire } from 'node:module';\n" +
  'const require = __igualdadCreateRequire(import.meta.url);';
const log = (message: string) => process.stderr.write(`build: ${message}\n`);

/**
 * Bundles src/cli/main.ts into dist/igualdad.js and the chunks it loads on demand (each command,
 * the web app), dated when the build began reading the sources (see bin/fresh-bundle.js).
 */
async function buildBundle(): Promise<void> {
  const began = new Date();
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: { igualdad: 'src/cli/main.ts' },
    // Flat in dist/, one level below the root like src/: src/paths.ts relies on it.
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages are bundled too: loading some 450 small module files one by one was about 0.4 s
    // of every start. Those that find files beside themselves stay in node_modules.
    external: KEEP_EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    // Bundled CommonJS packages call require() for Node's own modules; an ES module has none.
    banner: { js: REQUIRE_SHIM },
    // Dynamic imports become chunks, so `serve` starts the database before the app's packages
    // load (src/server.ts) and a command loads only what it uses.
    splitting: true,
    sourcemap: 'linked', // stack traces with source lines: node --enable-source-maps
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(distDir, { recursive: true });
  // Chunks first and the entry last, each written beside and renamed: a process starting during
  // a build loads the old bundle or the new one, never half of one. Chunk names carry a content
  // hash, so new chunks never replace old ones in use.
  const entry = path.join(distDir, 'igualdad.js');
  const files = [...result.outputFiles].sort(
    (a, b) => Number(a.path.startsWith(entry)) - Number(b.path.startsWith(entry)),
  );
  for (const file of files) {
    const staging = `${file.path}.tmp-${process.pid}`;
    writeFileSync(staging, file.contents);
    utimesSync(staging, began, began);
    renameSync(staging, file.path);
  }
  removeOldChunks(new Set(files.map((f) => path.basename(f.path))));
  log(`wrote ${BUNDLE} and ${files.length - 2} other files`);
}

/**
 * Chunks of earlier builds. A running server may still load a chunk of the build it started
 * from (some modules load on first use, such as the password dictionary), so the previous
 * build's chunks stay until the next build; older ones go. Each build dates its files with its
 * start time, which tells the builds apart.
 */
function removeOldChunks(written: Set<string>) {
  const old = readdirSync(distDir)
    .filter((name) => /^[\w-]+-[A-Z0-9]{8}\.js(\.map)?$/.test(name) && !written.has(name))
    .map((name) => ({
      file: path.join(distDir, name),
      built: statSync(path.join(distDir, name)).mtimeMs,
    }));
  const previous = Math.max(0, ...old.map((f) => f.built));
  for (const { file, built } of old) if (built < previous) rmSync(file, { force: true });
}

/** Creates the template cluster unless the one in dist/ was built from the same inputs. */
async function buildTemplate(): Promise<void> {
  const key = computeTemplateKey();
  if (
    existsSync(path.join(templateDir, 'PG_VERSION')) &&
    existsSync(templateKeyFile) &&
    readFileSync(templateKeyFile, 'utf8').trim() === key
  ) {
    log('dist/pglite-template is up to date');
    return;
  }
  log('creating the PGlite template cluster (initdb, migrations, default dataset)…');
  const staging = `${templateDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const database = await openDatabase({ pgliteDir: staging });
    try {
      await migrateDatabase(database);
      await seedIfFirstRun(database.db);
    } finally {
      await database.close();
    }
    // The key goes first and comes back last, so a template is never found with a wrong key.
    rmSync(templateKeyFile, { force: true });
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(staging, templateDir);
    writeFileSync(templateKeyFile, `${key}\n`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log('wrote dist/pglite-template');
}

/** Removes what earlier builds left and this one no longer writes (interrupted builds). */
function removeLeftovers() {
  if (!existsSync(distDir)) return;
  for (const name of readdirSync(distDir)) {
    if (/\.tmp-\d+$/.test(name)) rmSync(path.join(distDir, name), { recursive: true, force: true });
  }
}

const ifPossible = process.argv.includes('--if-possible');
try {
  removeLeftovers();
  await buildBundle();
  await buildTemplate();
} catch (error) {
  if (!ifPossible) throw error;
  log(`warning: the build failed, so the app will start from the sources (slower): ${error}`);
}
