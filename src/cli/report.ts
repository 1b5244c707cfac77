/** Prints an import report as a short table, or as JSON for scripts. */
interface PrintableReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  skipped?: { record: string; reason: string }[];
}

export function printReport(title: string, report: PrintableReport, json = false) {
  const skipped = report.skipped ?? [];
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...report, skipped })}\n`);
    return;
  }
  const lines = [
    title,
    `${'entity'.padEnd(16)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}`,
  ];
  for (const entity of Object.keys(report.created)) {
    const cell = (counts: Record<string, number>, width: number) =>
      String(counts[entity] ?? 0).padStart(width);
    lines.push(
      `${entity.padEnd(16)}${cell(report.created, 9)}${cell(report.updated, 9)}${cell(report.unchanged, 11)}`,
    );
  }
  if (skipped.length) {
    lines.push(`skipped ${skipped.length}:`);
    for (const s of skipped) lines.push(`  ${s.record}: ${s.reason}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
