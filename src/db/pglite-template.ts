/**
 * The PGlite template cluster. Creating a PGlite cluster (initdb in WebAssembly) is most of a
 * first start, so `npm run build` (also run by `npm install`) creates one ahead of time, the way
 * the first `serve` would: the committed migrations, then the default dataset. It is shut down
 * cleanly and kept as a data folder in dist/, beside a key naming everything its content comes
 * from. `serve` on an empty data folder copies it when the key still matches, and runs initdb,
 * migrations and the seed as before otherwise. Decision record 011.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Dirent,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fromRoot, projectRoot } from '../paths.ts';

export const templateDir = fromRoot('dist', 'pglite-template');
export const templateKeyFile = fromRoot('dist', 'pglite-template.key');

/** Bumped when what goes into a template changes in a way the inputs below do not show. */
const FORMAT = 'igualdad-pglite-template 1';

/**
 * Folders whose files decide the template's content: the schema (migrations), the data (the
 * default dataset) and the code that writes it (all of src/, because seeding reaches into the
 * search code and more; tests excepted). The engine and migrator versions are added below.
 */
const INPUT_FOLDERS = ['migrations', 'dataset/default', 'src'];
const PACKAGES = ['@electric-sql/pglite', 'drizzle-orm'];

export interface KeyInputs {
  root?: string;
  /** Package name to installed version; default: read from node_modules. */
  versions?: Record<string, string>;
}

/**
 * The key of a template built from the files as they are now: a SHA-256 over the relative path
 * and content of every input file, in a stable order, and the installed package versions.
 */
export function computeTemplateKey(inputs: KeyInputs = {}): string {
  const root = inputs.root ?? projectRoot;
  const versions = inputs.versions ?? installedVersions();
  const hash = createHash('sha256').update(`${FORMAT}\n`);
  for (const name of PACKAGES) hash.update(`${name}@${versions[name] ?? 'missing'}\n`);
  for (const folder of INPUT_FOLDERS) {
    for (const file of listInputFiles(path.join(root, folder))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const content = readFileSync(file);
      hash.update(`${relative}\n${content.length}\n`).update(content);
    }
  }
  return hash.digest('hex');
}

function listInputFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listInputFiles(full);
      return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
    });
}

function installedVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  return Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(require, name)]));
}

/** The version in the package's own package.json, found above its resolved entry point. */
function packageVersion(require: NodeJS.Require, name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export type TemplateOutcome =
  'copied' | 'not-empty' | 'no-template' | 'out-of-date' | 'copy-failed';

export interface TemplateLocation {
  dir: string;
  keyFile: string;
}

/**
 * Fills an empty (or missing) PGlite data folder with a copy of the template, when there is one
 * built from the current inputs. The copy goes to a sibling folder first and is renamed into
 * place, so an interrupted copy never leaves a half cluster where the server would open it.
 */
export function createFromTemplate(
  pgliteDir: string,
  options: { template?: TemplateLocation; key?: () => string } = {},
): TemplateOutcome {
  const template = options.template ?? { dir: templateDir, keyFile: templateKeyFile };
  if (!isEmptyFolder(pgliteDir)) return 'not-empty';
  if (!existsSync(template.keyFile) || !existsSync(path.join(template.dir, 'PG_VERSION')))
    return 'no-template';
  const key = (options.key ?? computeTemplateKey)();
  if (readFileSync(template.keyFile, 'utf8').trim() !== key) return 'out-of-date';
  const staging = `${pgliteDir}.template-${process.pid}`;
  try {
    mkdirSync(path.dirname(pgliteDir), { recursive: true });
    cpSync(template.dir, staging, { recursive: true, errorOnExist: true, force: false });
    rmSync(pgliteDir, { recursive: true, force: true }); // empty or missing, checked above
    renameSync(staging, pgliteDir);
    return 'copied';
  } catch {
    rmSync(staging, { recursive: true, force: true });
    return 'copy-failed';
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
