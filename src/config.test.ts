import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'igualdad-config-'));
const SECRET = 'a'.repeat(43);

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const dir = tempDir();
    const config = loadConfig({ IGUALDAD_DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: dir,
      baseUrl: 'http://127.0.0.1:3000',
      defaultLocale: 'es',
      logLevel: 'info',
      env: 'development',
    });
  });

  it('generates secrets once, private to the owner, and reuses them', () => {
    const dir = tempDir();
    const first = loadConfig({ IGUALDAD_DATA_DIR: dir });
    const file = path.join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first.secrets);
    expect(first.secrets.sessionSecret).not.toBe(first.secrets.masterKey);
    expect(loadConfig({ IGUALDAD_DATA_DIR: dir }).secrets).toEqual(first.secrets);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DEFAULT_LOCALE: 'fr',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        BASE_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DEFAULT_LOCALE', 'DATABASE_URL', 'LOG_LEVEL', 'BASE_URL'])
      expect(problems).toContain(name);
  });

  it('requires secrets and BASE_URL in production, and takes them from the environment', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', IGUALDAD_DATA_DIR: tempDir() })).toThrow(
      /SESSION_SECRET[\s\S]*MASTER_KEY[\s\S]*BASE_URL/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      MASTER_KEY: 'b'.repeat(43),
      BASE_URL: 'https://igualdad.example.org/',
      DATABASE_URL: 'postgres://u@db/igualdad',
    });
    expect(config.secrets).toEqual({ sessionSecret: SECRET, masterKey: 'b'.repeat(43) });
    expect(config.baseUrl).toBe('https://igualdad.example.org');
  });

  it('rejects a weak secret', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short', MASTER_KEY: SECRET })).toThrow(
      /SESSION_SECRET/,
    );
  });
});
