/**
 * The project's folders, for files read at run time (migrations, the default dataset, message
 * catalogs, web assets). This module sits one level below the root both as a source file
 * (src/paths.ts) and inside the built bundle (dist/igualdad.js), so the root computed from its
 * own address is right in both; paths relative to each importing module would not survive
 * bundling into dist/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** A path below the project root, from slash-separated parts. */
export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot, ...parts);
}
