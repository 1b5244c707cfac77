/**
 * What a civic-data import did, in the shape every importer prints with `--json`:
 * `{"created":{"<entity>":n},"updated":{...},"unchanged":{...},"skipped":[...]}`.
 */
export interface Skipped {
  /** Where in the input: a row number, a feature index, an id. */
  record: string;
  reason: string;
}

export interface CivicImportReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  skipped: Skipped[];
}

export function emptyReport(entities: string[]): CivicImportReport {
  const zero = () => Object.fromEntries(entities.map((e) => [e, 0]));
  return { created: zero(), updated: zero(), unchanged: zero(), skipped: [] };
}

export function tally(
  report: CivicImportReport,
  entity: string,
  outcome: 'created' | 'updated' | 'unchanged',
) {
  report[outcome][entity] = (report[outcome][entity] ?? 0) + 1;
}

/** One problem in an input file; any problem rejects the whole file and nothing is written. */
export interface InputProblem {
  record: string;
  reason: string;
}

export class InputRejected extends Error {
  constructor(
    readonly file: string,
    readonly problems: InputProblem[],
  ) {
    const shown = problems.slice(0, 20);
    super(
      `${file} was rejected; nothing was written. ${problems.length} problem(s):\n` +
        shown.map((p) => `  ${p.record}: ${p.reason}`).join('\n') +
        (problems.length > shown.length
          ? `\n  ... and ${problems.length - shown.length} more`
          : ''),
    );
  }
}
