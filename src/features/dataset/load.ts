/**
 * Reads and validates dataset files. Validation is complete before anything is written: every
 * problem is reported as (file, record, field, reason) and one problem rejects the whole input.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { fromRoot } from '../../paths.ts';
import { datasetFile, type DatasetFile } from './schema.ts';

export const defaultDatasetDir = fromRoot('dataset', 'default');

export interface DatasetProblem {
  file: string;
  record: string;
  field: string;
  reason: string;
}

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(
      `The dataset was rejected; nothing was written. ${problems.length} problem(s):\n` +
        problems
          .map((p) => `  ${p.file}: ${p.record}: ${p.field || '(record)'}: ${p.reason}`)
          .join('\n'),
    );
  }
}

export interface LoadedFile {
  file: string;
  data: DatasetFile;
}

/** One section of several files, concatenated in file order. */
export function allRecords<K extends keyof DatasetFile>(
  files: LoadedFile[],
  key: K,
): DatasetFile[K] {
  return files.flatMap((f) => f.data[key] as unknown[]) as DatasetFile[K];
}

/** Parses one YAML or JSON document; throws DatasetError on any syntax or shape problem. */
export function parseDatasetText(file: string, content: string): LoadedFile {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(content) : parseYaml(content, { uniqueKeys: true });
  } catch (error) {
    throw new DatasetError([
      {
        file,
        record: '(file)',
        field: '',
        reason: `cannot be parsed: ${(error as Error).message.split('\n')[0]}`,
      },
    ]);
  }
  if (raw === null || raw === undefined) raw = {};
  const parsed = datasetFile.safeParse(raw);
  if (!parsed.success) throw new DatasetError(describeIssues(file, raw, parsed.error.issues));
  return { file, data: parsed.data };
}

export function readDatasetFile(file: string): LoadedFile {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError([
      {
        file,
        record: '(file)',
        field: '',
        reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      },
    ]);
  }
  return parseDatasetText(file, content);
}

/** Every .yaml/.yml/.json file below `dir`, in name order, parsed; all problems collected. */
export function readDatasetFolder(dir: string = defaultDatasetDir): LoadedFile[] {
  const files = listFiles(dir);
  const loaded: LoadedFile[] = [];
  const problems: DatasetProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(readDatasetFile(file));
    } catch (error) {
      if (error instanceof DatasetError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length) throw new DatasetError(problems);
  return loaded;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return listFiles(full);
      return /\.(ya?ml|json)$/.test(name) ? [full] : [];
    });
}

function describeIssues(file: string, raw: unknown, issues: z.core.$ZodIssue[]): DatasetProblem[] {
  return issues.map((issue) => {
    const [section, index, ...rest] = issue.path;
    const record =
      typeof section === 'string' && typeof index === 'number'
        ? `${section}[${index}]${recordLabel(raw, section, index)}`
        : '(file)';
    const field = (typeof index === 'number' ? rest : issue.path).map(String).join('.');
    return { file, record, field, reason: issue.message };
  });
}

function recordLabel(raw: unknown, section: string, index: number): string {
  const list = (raw as Record<string, unknown> | null)?.[section];
  const item = Array.isArray(list)
    ? (list[index] as Record<string, unknown> | undefined)
    : undefined;
  const label = item?.slug ?? item?.ocd_id;
  return typeof label === 'string' ? ` (${label})` : '';
}
