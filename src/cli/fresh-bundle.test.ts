/**
 * The rule that decides whether `bin/igualdad.js` runs the bundle in dist/ or the sources: the
 * bundle runs only when nothing it is built from is newer than it.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE, freshBundle } from '../../bin/fresh-bundle.js';

const BUILT = new Date('2026-01-01T12:00:00Z');
const BEFORE = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T13:00:00Z');

let root: string;

/** Writes a file (and its folders) and dates the file and every folder on its way. */
function put(relative: string, time: Date) {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, relative);
  for (let p = file; p.startsWith(root) && p !== root; p = path.dirname(p))
    utimesSync(p, time, time);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'igualdad-fresh-'));
  put('src/cli/main.ts', BEFORE);
  put('src/web/assets/site.css', BEFORE);
  put('scripts/build.ts', BEFORE);
  put('tsconfig.json', BEFORE);
  put('package.json', BEFORE);
  put('node_modules/.package-lock.json', BEFORE);
  put(BUNDLE, BUILT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('freshBundle', () => {
  it('runs the bundle when every source is older', () => {
    expect(freshBundle(root)).toBe(pathToFileURL(path.join(root, BUNDLE)).href);
  });

  it('runs the bundle when a source has the same time (built from it)', () => {
    put('src/cli/main.ts', BUILT);
    expect(freshBundle(root)).toBeDefined();
  });

  it('runs the sources when there is no bundle', () => {
    rmSync(path.join(root, BUNDLE));
    expect(freshBundle(root)).toBeUndefined();
  });

  it.each([
    'src/cli/main.ts',
    'src/web/assets/site.css',
    'scripts/build.ts',
    'tsconfig.json',
    'package.json',
    'node_modules/.package-lock.json',
  ])('runs the sources when %s is newer than the bundle', (file) => {
    put(file, AFTER);
    expect(freshBundle(root)).toBeUndefined();
  });

  it('runs the sources when a file was added deep below src/', () => {
    put('src/features/new/thing.ts', AFTER);
    expect(freshBundle(root)).toBeUndefined();
  });

  it('runs the sources when a file was deleted (its folder is newer)', () => {
    rmSync(path.join(root, 'src/web/assets/site.css'));
    utimesSync(path.join(root, 'src/web/assets'), AFTER, AFTER);
    expect(freshBundle(root)).toBeUndefined();
  });

  it('ignores files the bundle is not built from', () => {
    put('migrations/0003_new.sql', AFTER);
    put('dataset/default/faq.yaml', AFTER);
    put('README.md', AFTER);
    put('node_modules/hono/package.json', AFTER); // npm records its own changes
    expect(freshBundle(root)).toBeDefined();
  });
});
