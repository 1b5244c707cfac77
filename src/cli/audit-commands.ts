/**
 * `igualdad audit verify`: recomputes the audit log's hash chain from the first row to the last.
 * Exit 0 when intact (and prints the head, which an operator may record elsewhere: a chain cut
 * at the end is only detectable against a head kept outside the database); exit 1 on the first
 * broken row.
 */
import type { Command } from 'commander';

const REASONS = {
  hash_mismatch: 'its contents do not match its hash: the row was changed after it was written',
  previous_hash_mismatch:
    'it does not point to the row before it: a row was changed, inserted or replaced',
  missing_row: 'it is missing: a row was deleted',
} as const;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Check the audit log.');
  audit
    .command('verify')
    .description(
      'Verify the hash chain of the whole audit log. Exit 0 when intact, 1 at the first broken row.',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const [{ loadConfigWithOverrides }, { openMigratedDatabase }, { verifyAuditChain }] =
        await Promise.all([
          import('../config.ts'),
          import('../server.ts'),
          import('../features/audit/chain.ts'),
        ]);
      const database = await openMigratedDatabase(loadConfigWithOverrides({}));
      try {
        const report = await verifyAuditChain(database.db);
        if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
        if (report.ok) {
          if (!options.json)
            process.stdout.write(
              report.head
                ? `Audit log intact: ${report.rows} rows. Head: row ${report.head.seq}, sha256 ${report.head.hash}\n`
                : 'Audit log intact: it has no rows yet.\n',
            );
        } else {
          process.stderr.write(
            `Audit log broken at row ${report.brokenAt}: ${REASONS[report.reason]}.\n` +
              `The ${report.rows} rows before it verify. Restore the database from a backup taken before the change, ` +
              'and find out who had write access to it.\n',
          );
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
}
