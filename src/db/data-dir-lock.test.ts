import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../test/cli-runner.ts';
import { DataDirBusy, lockDataDir } from './data-dir-lock.ts';

const folder = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'igualdad-lock-')), 'pglite');

describe('one process per embedded database', () => {
  it('refuses a second opener, naming the holder, until the first lets go', () => {
    const dir = folder();
    const release = lockDataDir(dir, 'serve');
    try {
      expect(() => lockDataDir(dir, 'user create')).toThrow(DataDirBusy);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${process.pid}: serve`));
    } finally {
      release();
    }
    lockDataDir(dir)();
  });

  it('takes over a lock whose process is gone', () => {
    const dir = folder();
    // A pid far above any this machine hands out: the process that wrote it is gone.
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, command: 'serve' }));
    const release = lockDataDir(dir);
    release();
    writeFileSync(`${dir}.lock`, 'half-written{');
    lockDataDir(dir)();
  });

  it(
    'makes the command line wait its turn while the server runs',
    { timeout: 120_000 },
    async () => {
      const dataDir = path.dirname(folder());
      const env = { IGUALDAD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PATH: process.env.PATH ?? '' };
      const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env });
      try {
        // The server holds the lock once its database is open: wait for its lock file.
        const lockFile = path.join(dataDir, 'pglite.lock');
        const deadline = Date.now() + 90_000;
        const held = () => {
          try {
            return (
              (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid === server.pid
            );
          } catch {
            return false;
          }
        };
        while (!held() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        const busy = runCli(['user', 'list'], { IGUALDAD_DATA_DIR: dataDir });
        expect(busy.code).toBe(1);
        expect(busy.stderr).toMatch(/in use by another igualdad process \(pid \d+: serve/);
        expect(busy.stderr).toMatch(/stop that process/);
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
      const after = runCli(['user', 'list'], { IGUALDAD_DATA_DIR: dataDir });
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
    },
  );
});
