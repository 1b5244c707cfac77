/** Creating and dropping PostgreSQL test databases from templates. */
import pg from 'pg';

export const PG_TEMPLATES = { empty: 'igualdad_tpl_empty', seeded: 'igualdad_tpl_seeded' } as const;

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
