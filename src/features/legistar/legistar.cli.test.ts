/**
 * `igualdad import legistar` as a person runs it: a real process and data folder, against the
 * fake API served from this process (so the child runs asynchronously, never spawnSync).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../../test/cli-runner.ts';
import { startFakeLegistar, type FakeLegistar } from './fake-server.ts';
import { albuquerqueFixture, matter } from './test-fixtures.ts';

function runAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('igualdad import legistar', () => {
  const env = { IGUALDAD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'igualdad-legistar-')) };
  let api: FakeLegistar;
  let broken: FakeLegistar;
  beforeAll(async () => {
    expect(runCli(['seed', '--json'], env).code).toBe(0);
    api = await startFakeLegistar(albuquerqueFixture());
    const bad = albuquerqueFixture();
    bad.matters.push(
      matter(6000, 'R-19-9', 'Resolution', 'Passed', {
        MatterId: 'six thousand',
        MatterLastModifiedUtc: '2030-01-01T00:00:00',
      }),
    );
    broken = await startFakeLegistar(bad);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await broken?.close();
  });

  it('imports, prints the JSON report, and a second run changes nothing', async () => {
    const args = [
      'import',
      'legistar',
      '--base-url',
      api.baseUrl,
      '--jurisdiction',
      'albuquerque',
      '--rate',
      '500',
      '--json',
    ];
    const first = await runAsync(args, env);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as {
      created: Record<string, number>;
      skipped: unknown[];
    };
    expect(report.created).toMatchObject({ policies: 3, vote_events: 2, events: 3 });
    expect(first.stderr).toMatch(/legistar: matters written in \d+ ms/);

    const again = await runAsync([...args, '--since', '2000-01-01'], env);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as {
      created: Record<string, number>;
      updated: Record<string, number>;
    };
    expect(
      Object.values(second.created)
        .concat(Object.values(second.updated))
        .every((n) => n === 0),
    ).toBe(true);

    const table = await runAsync(args.slice(0, -1), env);
    expect(table.stdout).toMatch(/^entity\s+created\s+updated\s+unchanged$/m);
  }, 180_000);

  it('exits 2 on bad flags, before reading anything', async () => {
    const bad = await runAsync(
      [
        'import',
        'legistar',
        '--base-url',
        'ftp://example.org/cabq',
        '--jurisdiction',
        'albuquerque',
      ],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--base-url ftp:\/\/example\.org\/cabq: expected an http\(s\) URL ending in \/v1\/\{client\}/,
    );
    const since = await runAsync(
      [
        'import',
        'legistar',
        '--base-url',
        api.baseUrl,
        '--jurisdiction',
        'albuquerque',
        '--since',
        'last week',
      ],
      env,
    );
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since last week: expected a date/);
    const missing = await runAsync(['import', 'legistar', '--base-url', api.baseUrl], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--jurisdiction/);
  }, 60_000);

  it('exits 1 with a clear message on an unknown jurisdiction or a malformed record', async () => {
    const nowhere = await runAsync(
      ['import', 'legistar', '--base-url', api.baseUrl, '--jurisdiction', 'atlantis'],
      env,
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/--jurisdiction atlantis: no such jurisdiction/);
    const malformed = await runAsync(
      [
        'import',
        'legistar',
        '--base-url',
        broken.baseUrl,
        '--jurisdiction',
        'albuquerque',
        '--rate',
        '500',
      ],
      env,
    );
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/\/matters\?.* was rejected; nothing was written/);
    expect(malformed.stderr).toMatch(
      /row \d+ \(MatterId six thousand\): MatterId: .*expected number/,
    );
  }, 60_000);
});
