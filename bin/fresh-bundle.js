/**
 * Whether `bin/igualdad.js` may run dist/igualdad.js, the bundle `npm run build` writes (see
 * decision record 011). The bundle is a copy of the sources as they were when it was built, so it
 * runs only when nothing it is built from changed since: no file or folder under src/ or
 * scripts/, nor tsconfig.json or package.json, is newer than it, nor npm's record of what is in
 * node_modules (the bundle holds copies of most packages). Otherwise the command runs the sources
 * through tsx, as it does in a clone that was never built.
 *
 * Modification times rather than content hashes, because this runs at every start and must cost
 * milliseconds (one stat per file). Editing, checking out or pulling a file gives it a new time,
 * so a change always falls back to the sources; a false alarm (a file touched but unchanged)
 * costs a slower start, never stale code. The build dates the bundle at the moment it began
 * reading the sources, so an edit made during a build also counts as newer. Folders count too: a
 * deleted or renamed file changes its folder's time.
 *
 * Plain JavaScript, because it runs before anything can load TypeScript.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The bundle, relative to the project root. */
export const BUNDLE = 'dist/igualdad.js';

/** What the bundle is built from, relative to the project root. */
export const BUNDLE_INPUTS = [
  'src',
  'scripts',
  'tsconfig.json',
  'package.json',
  'node_modules/.package-lock.json', // rewritten by npm whenever it changes node_modules
];

/** The bundle's file URL when it exists and nothing it is built from is newer; else undefined. */
export function freshBundle(root) {
  let built;
  try {
    built = statSync(path.join(root, BUNDLE)).mtimeMs;
  } catch {
    return undefined;
  }
  for (const input of BUNDLE_INPUTS) {
    if (newestChange(path.join(root, input)) > built) return undefined;
  }
  return pathToFileURL(path.join(root, BUNDLE)).href;
}

/** The newest modification time of a file, or of a folder and everything in it; 0 if missing. */
export function newestChange(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) {
    newest = Math.max(newest, newestChange(path.join(target, name)));
  }
  return newest;
}
