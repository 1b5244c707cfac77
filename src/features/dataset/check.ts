/**
 * `npx tsx src/features/dataset/check.ts [DIR]`: validates a dataset folder without a database
 * (schema and cross-references). Used while writing dataset files; `igualdad seed` does the same.
 */
import { DatasetError, readDatasetFolder } from './load.ts';
import { findReferenceProblems } from './references.ts';

try {
  const files = readDatasetFolder(process.argv[2]);
  const problems = findReferenceProblems(files);
  if (problems.length) throw new DatasetError(problems);
  const count = (
    key: 'jurisdictions' | 'bodies' | 'topics' | 'policies' | 'faq' | 'talking_points',
  ) => files.reduce((n, f) => n + f.data[key].length, 0);
  console.log(
    `ok: ${files.length} files, ${count('jurisdictions')} jurisdictions, ${count('bodies')} bodies, ` +
      `${count('topics')} topics, ${count('policies')} policies, ${count('faq')} FAQ entries, ` +
      `${count('talking_points')} talking points`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
