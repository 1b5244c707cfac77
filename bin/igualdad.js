#!/usr/bin/env node
// The `igualdad` command. Runs dist/igualdad.js, the bundle `npm run build` writes (`npm install`
// runs it too), when it is up to date with the sources: it starts in about half the time.
// Otherwise, as in a clone that was never built or after any change to a source file, it runs the
// TypeScript sources through tsx. Decision record 011.
import { fileURLToPath } from 'node:url';
import { freshBundle } from './fresh-bundle.js';

const bundle = freshBundle(fileURLToPath(new URL('..', import.meta.url)));
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
