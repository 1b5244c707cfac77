/**
 * `igualdad user ...` and `igualdad audit verify` as an operator runs them: a real process, a
 * real data folder; the tampering is done to the database files between two runs.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../../test/cli-runner.ts';
import { openDatabase } from '../db/client.ts';

describe('igualdad user and audit', () => {
  it('documents the commands', () => {
    for (const args of [
      ['user', 'create', '--help'],
      ['user', 'set-role', '--help'],
      ['audit', 'verify', '--help'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: igualdad/);
    }
  });

  it.each([
    [['user', 'create', '--email', 'not-an-email', '--role', 'admin']],
    [['user', 'create', '--email', 'a@example.org', '--role', 'boss']],
    [['user', 'create', '--role', 'admin']],
  ])('exits 2 on the usage error %j', (args) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error/);
  });

  it('creates the first admin with a set-up link; audit verify passes, then finds a changed row', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'igualdad-cli-accounts-'));
    const env = { IGUALDAD_DATA_DIR: dir, BASE_URL: 'https://igualdad.example.org' };
    const created = run(['user', 'create', '--email', 'Ana@Example.org', '--role', 'admin'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(
      /^ {2}https:\/\/igualdad\.example\.org\/es\/admin\/set-up\?token=[A-Za-z0-9_-]{43}$/m,
    );
    expect(created.stdout).toContain('72 hours');

    const again = run(['user', 'create', '--email', 'ana@example.org', '--role', 'viewer'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('igualdad user link --email ana@example.org');

    const link = run(['user', 'link', '--email', 'ANA@example.org', '--lang', 'en'], env);
    expect(link.code, link.stderr).toBe(0);
    expect(link.stdout).toMatch(/\/en\/admin\/set-up\?token=/);

    expect(
      run(['user', 'set-role', '--email', 'ana@example.org', '--role', 'editor'], env).code,
    ).toBe(0);
    const list = run(['user', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      { email: 'ana@example.org', role: 'editor', state: 'set-up pending' },
    ]);
    const missing = run(['user', 'disable', '--email', 'nobody@example.org'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('igualdad user list');

    const intact = run(['audit', 'verify'], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^Audit log intact: 2 rows\. Head: row 2, sha256 [0-9a-f]{64}$/m);

    // Someone with write access to the database files rewrites history.
    const database = await openDatabase({ pgliteDir: path.join(dir, 'pglite') });
    await database.pglite!.exec(`
      alter table audit_log disable trigger audit_log_no_update_delete;
      update audit_log set details = '{"role": "viewer", "via": "cli"}' where seq = 1;
      alter table audit_log enable trigger audit_log_no_update_delete;`);
    await database.close();

    const broken = run(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Audit log broken at row 1');
    const json = run(['audit', 'verify', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      rows: 0,
      brokenAt: 1,
      reason: 'hash_mismatch',
    });
  }, 300_000);
});
