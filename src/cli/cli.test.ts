/**
 * The `igualdad` command as a person runs it: a real process, a real data folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/igualdad.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const freshDataDir = () => mkdtempSync(path.join(os.tmpdir(), 'igualdad-cli-'));

describe('igualdad CLI: usage', () => {
  it('prints help and exits 0, for the program and every command', { timeout: 120_000 }, () => {
    const top = run(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'import', 'export'])
      expect(top.stdout).toContain(command);
    for (const args of [
      ['serve', '--help'],
      ['migrate', '--help'],
      ['seed', '--help'],
      ['import', 'policies', '--help'],
      ['export', '--help'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: igualdad/);
    }
  });

  it.each([
    [['frobnicate']],
    [['export', 'xml']],
    [['import', 'policies']],
    [['serve', '--port', 'abc']],
    [['seed', '--bogus']],
  ])('exits 2 on the usage error %j and says what to do', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error/i);
  });

  it('exits 1 listing every configuration problem', () => {
    const r = run(['migrate'], {
      PORT: 'x',
      DEFAULT_LOCALE: 'fr',
      IGUALDAD_DATA_DIR: freshDataDir(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT[\s\S]*DEFAULT_LOCALE|DEFAULT_LOCALE[\s\S]*PORT/);
    expect(r.stderr).toContain('README.md');
  });

  it('rejects a bad import file with file, record, field and reason, before opening the database', () => {
    const dir = freshDataDir();
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'policies:\n  - slug: Not A Slug\n    classification: decree\n');
    const r = run(['import', 'policies', file], { IGUALDAD_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toContain(`${file}: policies[0] (Not A Slug): slug:`);
    expect(r.stderr).toContain('classification');
    const missing = run(['import', 'policies', path.join(dir, 'nope.yaml')], {
      IGUALDAD_DATA_DIR: dir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot be read: ENOENT/);
  });
});

describe('igualdad CLI: data', () => {
  it('seeds idempotently, exports, and imports its own export', () => {
    const dir = freshDataDir();
    const env = { IGUALDAD_DATA_DIR: dir };
    const first = run(['seed', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as {
      created: Record<string, number>;
      unchanged: Record<string, number>;
      skipped: unknown[];
    };
    expect(report.created.policies).toBeGreaterThanOrEqual(14);
    expect(report.skipped).toEqual([]);
    const again = JSON.parse(run(['seed', '--json'], env).stdout) as typeof report;
    expect(again.created.policies).toBe(0);
    expect(again.unchanged.policies).toBe(report.created.policies);

    const out = path.join(dir, 'library.json');
    expect(run(['export', 'json', '--out', out], env).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { policies: unknown[] };
    expect(exported.policies).toHaveLength(report.created.policies!);
    const reimport = run(['import', 'policies', out], env);
    expect(reimport.code, reimport.stderr).toBe(0);
    expect(reimport.stdout).toMatch(/policies\s+0\s+\d+\s+\d+/);

    const csv = run(['export', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(csv.stdout.trim().split('\n').length).toBeGreaterThan(report.created.policies!);
  }, 300_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('igualdad serve', () => {
  it('serves the default dataset on a fresh data folder and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'silent',
        IGUALDAD_DATA_DIR: freshDataDir(),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 1200 && !health?.ok; i++) {
        health = await fetch(`${base}/healthz`).catch(() => undefined);
        if (!health?.ok) await new Promise((r) => setTimeout(r, 100));
      }
      expect(await health!.json()).toEqual({ status: 'ok', database: 'pglite' });
      const list = (await (await fetch(`${base}/api/v1/policies?limit=100`)).json()) as {
        total: number;
        data: unknown[];
      };
      expect(list.total).toBeGreaterThanOrEqual(14);
      expect(list.data).toHaveLength(list.total);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);

  // What `npm start` runs is the esbuild bundle (decision 011), not the sources the other tests
  // import: this walks the features whose packages a bundle could load differently.
  it('runs what npm start runs: pages, PDF, map, the API and a staff password through a set-up link', async () => {
    const dataDir = freshDataDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const created = run(['user', 'create', '--email', 'smoke@example.org', '--role', 'admin'], {
      IGUALDAD_DATA_DIR: dataDir,
      BASE_URL: base,
    });
    expect(created.code, created.stderr).toBe(0);
    const link = /http\S+\/admin\/set-up\?token=\S+/.exec(created.stdout)![0];
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOG_LEVEL: 'silent',
        IGUALDAD_DATA_DIR: dataDir,
        PORT: String(port),
        BASE_URL: base,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      let health: Response | undefined;
      for (let i = 0; i < 1200 && !health?.ok; i++) {
        health = await fetch(`${base}/healthz`).catch(() => undefined);
        if (!health?.ok) await new Promise((r) => setTimeout(r, 100));
      }
      for (const path of [
        '/es/policies/bernco-ar-2017-22',
        '/en/policies/bernco-ar-2017-22/kit.pdf',
        '/es/representatives?lat=35.0962&lon=-106.6698',
        '/es/faq',
        '/api/v1/representatives?lat=35.0962&lon=-106.6698',
        '/api/v1/export/popolo.json',
      ]) {
        const res = await fetch(`${base}${path}`);
        expect(res.status, path).toBe(200);
        await res.arrayBuffer();
      }
      // A staff member follows the set-up link and chooses a password (argon2id, common list).
      const page = await fetch(link);
      const cookies = page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const html = await page.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)![1]!;
      const password = 'maíz azul para el invierno largo';
      const posted = await fetch(`${base}/es/admin/set-up`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: cookies,
          origin: base,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _csrf: field('_csrf'),
          token: field('token'),
          password,
          confirm: password,
        }),
      });
      expect(posted.status).toBe(303);
      expect(posted.headers.get('location')).toMatch(/^\/es\/admin/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);

  it('says which port is taken and what to do, instead of a stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = run(['serve', '--port', String(port)], { IGUALDAD_DATA_DIR: freshDataDir() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `cannot listen on 127.0.0.1:${port} (another program uses that port)`,
      );
      expect(r.stderr).toMatch(/set PORT \(or --port\) to a free port/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 180_000);
});
