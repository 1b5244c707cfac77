/**
 * Configuration, parsed once at boot. Nothing else in `src/` reads `process.env`
 * (enforced by the lint rule `no-restricted-properties`).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const locales: readonly Locale[] = LOCALES;

const secret = z
  .string()
  .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be at least 32 random bytes, base64 or hex encoded');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    IGUALDAD_DATA_DIR: z.string().min(1).default('./data'),
    BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DEFAULT_LOCALE: z.enum(LOCALES).default('es'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
    PAGE_CACHE: z.enum(['on', 'off']).default('on'),
    DATA_VERSION_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    SESSION_SECRET: secret.optional(),
    MASTER_KEY: secret.optional(),
    MFA_REQUIRED_ROLES: z
      .string()
      .regex(
        /^\s*(none|(admin|editor|translator|viewer)\s*(,\s*(admin|editor|translator|viewer)\s*)*)$/,
        'must be "none" or a comma-separated list of roles: admin, editor, translator, viewer',
      )
      .default('admin,editor'),
    GEOCODER: z.enum(['off', 'census', 'nominatim']).default('off'),
    GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
    GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  })
  .superRefine((env, ctx) => {
    // A self-hosted Nominatim has no default address; a URL with the geocoder off is a mistake.
    if (env.GEOCODER === 'nominatim' && !env.GEOCODER_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['GEOCODER_URL'],
        message: 'is required when GEOCODER=nominatim (the address of your Nominatim server)',
      });
    if (env.GEOCODER === 'off' && env.GEOCODER_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['GEOCODER_URL'],
        message: 'is set but GEOCODER is off: set GEOCODER=census or nominatim, or remove it',
      });
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['SESSION_SECRET', 'MASTER_KEY', 'BASE_URL'] as const) {
      if (!env[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required when NODE_ENV=production',
        });
    }
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  defaultLocale: Locale;
  logLevel: string;
  /** Trust X-Forwarded-Proto from a reverse proxy (HSTS and secure cookies behind TLS termination). */
  trustProxy: boolean;
  /** Keep rendered public pages in memory until the data changes. */
  pageCache: boolean;
  /** How long an app server trusts its last read of the data version (page cache freshness). */
  dataVersionTtlMs: number;
  secrets: { sessionSecret: string; masterKey: string };
  /** Roles that must set up a second factor before anything else (unset: admin and editor). */
  mfaRequiredRoles?: readonly string[];
  /** The address geocoder (decision 018); unset: off, and the page asks for no address. */
  geocoder?: GeocoderConfig;
}

export interface GeocoderConfig {
  service: 'census' | 'nominatim';
  /** Base URL of the service, without its endpoint path. */
  url: string;
  timeoutMs: number;
}

const CENSUS_GEOCODER_URL = 'https://geocoding.geo.census.gov';

/** The process environment with command-line overrides (undefined overrides are ignored). */
export function loadConfigWithOverrides(overrides: Env): Config {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return loadConfig({ ...process.env, ...defined });
}

/** Thrown with every problem at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment (default: `process.env`). Empty strings count as unset. */
export function loadConfig(source: Env = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.IGUALDAD_DATA_DIR);
  const secrets =
    env.SESSION_SECRET && env.MASTER_KEY
      ? { sessionSecret: env.SESSION_SECRET, masterKey: env.MASTER_KEY }
      : { ...readOrCreateSecrets(dataDir), ...definedSecrets(env) };
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    baseUrl: (env.BASE_URL ?? `http://${hostForUrl(env.HOST)}:${env.PORT}`).replace(/\/+$/, ''),
    defaultLocale: env.DEFAULT_LOCALE,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    pageCache: env.PAGE_CACHE === 'on',
    dataVersionTtlMs: env.DATA_VERSION_TTL_MS,
    secrets,
    mfaRequiredRoles: env.MFA_REQUIRED_ROLES.split(',')
      .map((r) => r.trim())
      .filter((r) => r && r !== 'none'),
    ...(env.GEOCODER === 'off'
      ? {}
      : {
          geocoder: {
            service: env.GEOCODER,
            url: (env.GEOCODER_URL ?? CENSUS_GEOCODER_URL).replace(/\/+$/, ''),
            timeoutMs: env.GEOCODER_TIMEOUT_MS,
          },
        }),
  };
}

function definedSecrets(env: {
  SESSION_SECRET?: string | undefined;
  MASTER_KEY?: string | undefined;
}) {
  return {
    ...(env.SESSION_SECRET ? { sessionSecret: env.SESSION_SECRET } : {}),
    ...(env.MASTER_KEY ? { masterKey: env.MASTER_KEY } : {}),
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

const secretsFileSchema = z.object({ sessionSecret: secret, masterKey: secret });

/** Development and embedded mode: secrets are generated once and kept beside the database. */
function readOrCreateSecrets(dataDir: string): Config['secrets'] {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = secretsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!stored.success)
      throw new ConfigError([`${file} is damaged: remove it to generate new secrets`]);
    return stored.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const created = {
    sessionSecret: randomBytes(32).toString('base64url'),
    masterKey: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(created, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return created;
}
