/** Creating and dropping PostgreSQL test databases from templates. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL template databases of one test run. Each run has its own (named by its start
 * time and a random part), so two runs at once, on one machine or one server, never drop each
 * other's templates; a run removes templates that a killed run left behind more than 6 hours ago.
 */
export function pgTemplateNames(startedAt = Date.now()) {
  const run = `${Math.floor(startedAt / 1000)}_${randomBytes(3).toString('hex')}`;
  return { empty: `igualdad_tpl_${run}_empty`, seeded: `igualdad_tpl_${run}_seeded` };
}

export type PgTemplateNames = ReturnType<typeof pgTemplateNames>;

const STALE_AFTER_S = 6 * 3600;

/** Drops the templates of runs that started more than 6 hours ago and never cleaned up. */
export async function dropStaleTemplates(admin: pg.Client, now = Date.now()) {
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ '^igualdad_tpl_[0-9]+_'`,
  );
  for (const { datname } of rows) {
    const started = Number(/^igualdad_tpl_(\d+)_/.exec(datname)![1]);
    if (now / 1000 - started > STALE_AFTER_S)
      await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

/** The same server and credentials, another database. */
export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE ... TEMPLATE, retried while another clone of the same template is copying. */
export async function cloneTemplate(url: string, template: string, name: string): Promise<void> {
  await withAdmin(url, async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if (attempt >= 40 || !/being accessed by other users/.test((error as Error).message))
          throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
}
