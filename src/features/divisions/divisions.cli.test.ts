/**
 * `igualdad import ocd-divisions` and `igualdad import boundaries` as a person runs them: a real
 * process, a fresh data folder, the project's own small files.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli-runner.ts';

const STATE = 'ocd-division/country:us/state:zz';
const DISTRICT = `${STATE}/council_district`;

describe('igualdad import ocd-divisions / boundaries', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-divisions-'));
    env = { IGUALDAD_DATA_DIR: path.join(dir, 'data') };
  });

  it(
    'imports a list, then boundaries, and reports JSON; a second run changes nothing',
    {
      timeout: 120_000,
    },
    () => {
      const list = file('list.csv', `id,name\n${STATE},Zed\n${DISTRICT}:1,Zed District 1\n`);
      const first = runCli(['import', 'ocd-divisions', list, '--json'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({
        created: { divisions: 2 },
        updated: { divisions: 0 },
        unchanged: { divisions: 0 },
        skipped: [],
      });

      const shapes = file(
        'districts.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [1, 2].map((n) => ({
            type: 'Feature',
            properties: { DIST: String(n) },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [n, 0],
                  [n + 1, 0],
                  [n + 1, 1],
                  [n, 1],
                  [n, 0],
                ],
              ],
            },
          })),
        }),
      );
      const args = [
        'import',
        'boundaries',
        shapes,
        '--division-prefix',
        DISTRICT,
        '--property',
        'DIST',
      ];
      const imported = runCli(args, env);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/boundaries\s+1\s+0\s+0/);
      expect(imported.stdout).toMatch(/skipped 1:\n.*council_district:2.*unknown division/);

      const again = runCli([...args, '--json'], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: { boundaries: 1 } });
    },
  );

  it(
    'exits 1 on a malformed file, saying what is wrong and that nothing was written',
    {
      timeout: 60_000,
    },
    () => {
      const bad = file('bad.csv', `id,name\nnot-an-id,X\n`);
      const result = runCli(['import', 'ocd-divisions', bad], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/row 2: id is not an OCD division id/);
      expect(result.stderr).toMatch(/nothing was written/);
      const missing = runCli(['import', 'boundaries', path.join(dir, 'nope.geojson')], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*nope\.geojson: ENOENT/);
    },
  );

  it('exits 2 on a usage error and documents the options', () => {
    expect(runCli(['import', 'boundaries'], env).code).toBe(2);
    const help = runCli(['import', 'boundaries', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--division-prefix/);
    expect(help.stdout).toMatch(/--property/);
  });
});
