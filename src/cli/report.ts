import type { ImportReport } from '../features/dataset/apply.ts';

/** Prints an import report as a short table, or as JSON for scripts. */
export function printReport(title: string, report: ImportReport, json = false) {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, skipped: [] })}\n`);
    return;
  }
  const lines = [
    title,
    `${'entity'.padEnd(16)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}`,
  ];
  for (const entity of Object.keys(report.created) as (keyof ImportReport['created'])[]) {
    lines.push(
      `${entity.padEnd(16)}${String(report.created[entity]).padStart(9)}${String(report.updated[entity]).padStart(9)}${String(report.unchanged[entity]).padStart(11)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
