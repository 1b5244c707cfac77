/**
 * Property tests for diffDocuments: it describes exactly the changed leaves. Patching the
 * before-document's leaves with the entries gives the after-document's leaves; every changed leaf
 * appears once; a document compared with itself has no entries; and the word marks rebuild both
 * texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDocuments, diffWords, flattenDocument } from './diff.ts';

const key = fc.constantFrom('title', 'es', 'en', 'slug', 'provisions', 'dates', 'a_b', 'x');
const words = fc
  .array(fc.constantFrom('la', 'ley', 'protege', 'a', ' ', '  ', '\n', 'todas', 'personas', 'é'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const leaf = fc.oneof(words, fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null));
const documentShape = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;
const document = fc.dictionary(key, documentShape, { maxKeys: 5 });

describe('diffDocuments', () => {
  it('finds nothing between a document and itself (or a copy)', () => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(diffDocuments(doc, doc)).toEqual([]);
        expect(diffDocuments(doc, structuredClone(doc))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('describes exactly the changed leaves, each once, and patches before into after', () => {
    fc.assert(
      fc.property(document, document, (before, after) => {
        const entries = diffDocuments(before, after);
        const paths = entries.map((e) => e.path);
        expect(new Set(paths).size).toBe(paths.length);
        const a = flattenDocument(before);
        const b = flattenDocument(after);
        const changed = [...new Set([...a.keys(), ...b.keys()])].filter(
          (p) => a.get(p) !== b.get(p),
        );
        expect([...paths].sort()).toEqual(changed.sort());
        const patched = new Map(a);
        for (const entry of entries) {
          expect(entry.before).toBe(a.get(entry.path));
          expect(entry.after).toBe(b.get(entry.path));
          if (entry.change === 'removed') patched.delete(entry.path);
          else patched.set(entry.path, entry.after!);
        }
        expect(Object.fromEntries(patched)).toEqual(Object.fromEntries(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('marks words so that the kept and removed parts give the old text, kept and added the new', () => {
    fc.assert(
      fc.property(words, words, (before, after) => {
        const marks = diffWords(before, after);
        const join = (skip: 'added' | 'removed') =>
          marks
            .filter((m) => !m[skip])
            .map((m) => m.value)
            .join('');
        expect(join('added')).toBe(before);
        expect(join('removed')).toBe(after);
        // Neighbours of the same kind are merged.
        marks.slice(1).forEach((m, i) => {
          const prev = marks[i]!;
          expect(
            Boolean(m.added) === Boolean(prev.added) &&
              Boolean(m.removed) === Boolean(prev.removed),
          ).toBe(false);
        });
      }),
      { numRuns: 10_000 },
    );
  });

  it('names paths as the pages show them', () => {
    const entries = diffDocuments(
      { title: { es: 'Ley vieja' }, provisions: [{ en: 'a' }, { en: 'b' }] },
      { title: { es: 'Ley nueva' }, provisions: [{ en: 'a' }, { en: 'c' }], slug: 's' },
    );
    expect(entries).toEqual([
      {
        path: 'title.es',
        change: 'changed',
        before: 'Ley vieja',
        after: 'Ley nueva',
        words: [
          { value: 'Ley ' },
          { value: 'vieja', removed: true },
          { value: 'nueva', added: true },
        ],
      },
      {
        path: 'provisions[1].en',
        change: 'changed',
        before: 'b',
        after: 'c',
        words: [
          { value: 'b', removed: true },
          { value: 'c', added: true },
        ],
      },
      { path: 'slug', change: 'added', after: 's' },
    ]);
  });
});
