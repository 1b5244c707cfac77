import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.ts';
import { queryRows, sql } from './client.ts';

describe('openDatabase on PGlite', () => {
  it('starts PostgreSQL with 64 MB of shared buffers, over what the cluster file says', async () => {
    // The test template is a dump of a cluster made by initdb, as every existing data folder is.
    const database = await createTestDatabase('pglite', 'empty');
    try {
      const [inFile] = await queryRows<{ setting: string }>(
        database.db,
        sql`select setting from pg_file_settings where name = 'shared_buffers' and applied = false`,
      );
      expect(inFile?.setting).toBe('128MB');
      const [inEffect] = await queryRows<{ shared_buffers: string }>(
        database.db,
        sql`show shared_buffers`,
      );
      expect(inEffect?.shared_buffers).toBe('64MB');
      const [source] = await queryRows<{ source: string }>(
        database.db,
        sql`select source from pg_settings where name = 'shared_buffers'`,
      );
      expect(source?.source).toBe('command line');
    } finally {
      await database.close();
    }
  });
});
