/**
 * What changed between two documents, leaf by leaf ("title.es", "provisions[2].en"), with a
 * word-level diff of changed texts, for the revision pages.
 */

export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface DiffEntry {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
  /** For changed texts: the words in order, each kept, added or removed (spaces kept). */
  words?: WordChange[];
}

/** Every leaf value of a JSON document by path; null and undefined count as absent. */
export function flattenDocument(value: unknown, path = '', out = new Map<string, string>()) {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenDocument(item, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      flattenDocument(item, path ? `${path}.${key}` : key, out);
    }
  } else {
    out.set(path, value instanceof Date ? value.toISOString() : String(value));
  }
  return out;
}

/** The leaves that differ, in the order they appear (before's order, then new leaves). */
export function diffDocuments(before: unknown, after: unknown): DiffEntry[] {
  const a = flattenDocument(before);
  const b = flattenDocument(after);
  const entries: DiffEntry[] = [];
  for (const [path, value] of a) {
    const next = b.get(path);
    if (next === undefined) entries.push({ path, change: 'removed', before: value });
    else if (next !== value)
      entries.push({
        path,
        change: 'changed',
        before: value,
        after: next,
        words: diffWords(value, next),
      });
  }
  for (const [path, value] of b) {
    if (!a.has(path)) entries.push({ path, change: 'added', after: value });
  }
  return entries;
}

/** Beyond this many words on both sides together, a text is shown as replaced whole. */
const MAX_WORDS = 4000;

/** Word-level diff (longest common subsequence of words and the spaces between them). */
export function diffWords(before: string, after: string): WordChange[] {
  const x = before.match(/\s+|[^\s]+/g) ?? [];
  const y = after.match(/\s+|[^\s]+/g) ?? [];
  // Common head and tail first: most edits touch a few words of a long text.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  )
    tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const middle: WordChange[] =
    xs.length + ys.length > MAX_WORDS || xs.length * ys.length > MAX_WORDS * MAX_WORDS
      ? [
          ...(xs.length ? [{ value: xs.join(''), removed: true }] : []),
          ...(ys.length ? [{ value: ys.join(''), added: true }] : []),
        ]
      : lcsDiff(xs, ys);
  return merge([
    ...(head ? [{ value: x.slice(0, head).join('') }] : []),
    ...middle,
    ...(tail ? [{ value: x.slice(x.length - tail).join('') }] : []),
  ]);
}

function lcsDiff(x: string[], y: string[]): WordChange[] {
  const n = x.length;
  const m = y.length;
  // lengths[i][j]: the longest common subsequence of x[i..] and y[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] =
        x[i] === y[j]
          ? lengths[i + 1]![j + 1]! + 1
          : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const out: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ value: x[i]! });
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!)
      out.push({ value: x[i++]!, removed: true });
    else out.push({ value: y[j++]!, added: true });
  }
  while (i < n) out.push({ value: x[i++]!, removed: true });
  while (j < m) out.push({ value: y[j++]!, added: true });
  return out;
}

/** Joins neighbours of the same kind, so "<del>two words</del>" is one mark, not three. */
function merge(parts: WordChange[]): WordChange[] {
  const out: WordChange[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (
      last &&
      Boolean(last.added) === Boolean(part.added) &&
      Boolean(last.removed) === Boolean(part.removed)
    )
      last.value += part.value;
    else out.push({ ...part });
  }
  return out;
}
