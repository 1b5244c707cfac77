/**
 * `igualdad export officials-csv|votes-csv` as a person runs it: a real process, a real data
 * folder with the default dataset.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-runner.ts';
import { parseCsv } from '../../test/csv-reader.ts';

describe('igualdad export officials-csv and votes-csv', () => {
  it('names the formats in --help and refuses an unknown one with a usage error', () => {
    const help = run(['export', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/officials-csv/);
    expect(help.stdout).toMatch(/votes-csv/);
    const bad = run(['export', 'people-csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/officials-csv/);
  }, 120_000);

  it('writes the default roll calls one vote a row, and the officials one term a row', () => {
    const env = { IGUALDAD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'igualdad-cli-')) };
    expect(run(['seed'], env).code).toBe(0);
    const votes = run(['export', 'votes-csv', '--lang', 'en'], env);
    expect(votes.code, votes.stderr).toBe(0);
    const [header, ...rows] = parseCsv(votes.stdout);
    expect(header).toContain('with_or_against_immigrant_residents');
    // R-18-7 names all nine voters; the other default roll calls name some.
    const r187 = rows.filter((r) => r[header!.indexOf('policy_slug')] === 'abq-r-18-7');
    expect(r187).toHaveLength(9);
    expect(r187[0]![header!.indexOf('motion')]).toBe('Pass resolution R-18-7');
    const officials = run(['export', 'officials-csv'], env);
    expect(officials.code, officials.stderr).toBe(0);
    expect(parseCsv(officials.stdout)[0]).toContain('division_ocd_id');
  }, 300_000);
});
