/**
 * Cross-record checks that a schema alone cannot make: duplicate keys, and references to
 * jurisdictions, bodies, topics and policies that exist neither in the input nor in the database.
 */
import { normalizeIdentifier } from '../../lib/slug.ts';
import type { DatasetProblem, LoadedFile } from './load.ts';

export interface KnownKeys {
  jurisdictions: Set<string>;
  bodies: Set<string>;
  topics: Set<string>;
  policies: Set<string>;
}

export const noKnownKeys = (): KnownKeys => ({
  jurisdictions: new Set(),
  bodies: new Set(),
  topics: new Set(),
  policies: new Set(),
});

export function findReferenceProblems(
  files: LoadedFile[],
  existing: KnownKeys = noKnownKeys(),
): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const declared = noKnownKeys();
  const faqSlugs = new Set<string>();
  const pointSlugs = new Set<string>();

  const declare = (set: Set<string>, key: string, file: string, record: string, field: string) => {
    if (set.has(key))
      problems.push({ file, record, field, reason: `"${key}" is declared more than once` });
    set.add(key);
  };
  for (const { file, data } of files) {
    data.jurisdictions.forEach((j, i) => {
      declare(declared.jurisdictions, j.ocd_id, file, `jurisdictions[${i}] (${j.slug})`, 'ocd_id');
    });
    data.bodies.forEach((b, i) =>
      declare(declared.bodies, b.slug, file, `bodies[${i}] (${b.slug})`, 'slug'),
    );
    data.topics.forEach((t, i) =>
      declare(declared.topics, t.slug, file, `topics[${i}] (${t.slug})`, 'slug'),
    );
    data.policies.forEach((p, i) =>
      declare(declared.policies, p.slug, file, `policies[${i}] (${p.slug})`, 'slug'),
    );
    data.faq.forEach((f, i) => declare(faqSlugs, f.slug, file, `faq[${i}] (${f.slug})`, 'slug'));
    data.talking_points.forEach((t, i) =>
      declare(pointSlugs, t.slug, file, `talking_points[${i}] (${t.slug})`, 'slug'),
    );
  }
  const jurisdictionSlugs = new Map<string, string>();
  for (const { file, data } of files) {
    data.jurisdictions.forEach((j, i) => {
      const owner = jurisdictionSlugs.get(j.slug);
      if (owner && owner !== j.ocd_id)
        problems.push({
          file,
          record: `jurisdictions[${i}] (${j.slug})`,
          field: 'slug',
          reason: `"${j.slug}" is used by ${owner} too`,
        });
      jurisdictionSlugs.set(j.slug, j.ocd_id);
    });
  }

  const has = (kind: keyof KnownKeys, key: string) =>
    declared[kind].has(key) || existing[kind].has(key);
  const expect = (
    kind: keyof KnownKeys,
    key: string | null | undefined,
    file: string,
    record: string,
    field: string,
  ) => {
    if (key && !has(kind, key)) {
      problems.push({
        file,
        record,
        field,
        reason: `refers to an unknown ${kind.replace(/s$/, '').replace(/ie$/, 'y')} "${key}"`,
      });
    }
  };

  for (const { file, data } of files) {
    data.jurisdictions.forEach((j, i) => {
      const rec = `jurisdictions[${i}] (${j.slug})`;
      expect('jurisdictions', j.parent, file, rec, 'parent');
      if (j.parent === j.ocd_id)
        problems.push({ file, record: rec, field: 'parent', reason: 'cannot be its own parent' });
    });
    data.bodies.forEach((b, i) => {
      const rec = `bodies[${i}] (${b.slug})`;
      expect('jurisdictions', b.jurisdiction, file, rec, 'jurisdiction');
      expect('bodies', b.parent, file, rec, 'parent');
      if (b.parent === b.slug)
        problems.push({ file, record: rec, field: 'parent', reason: 'cannot be its own parent' });
    });
    data.policies.forEach((p, i) => {
      const rec = `policies[${i}] (${p.slug})`;
      expect('jurisdictions', p.jurisdiction, file, rec, 'jurisdiction');
      expect('bodies', p.body, file, rec, 'body');
      p.topics.forEach((t, k) => expect('topics', t, file, rec, `topics.${k}`));
      p.actions.forEach((a, k) => expect('bodies', a.body, file, rec, `actions.${k}.body`));
      p.relations.forEach((r, k) => {
        expect('policies', r.policy, file, rec, `relations.${k}.policy`);
        if (r.policy === p.slug)
          problems.push({
            file,
            record: rec,
            field: `relations.${k}.policy`,
            reason: 'a policy cannot relate to itself',
          });
      });
      const seen = new Set<string>();
      p.identifiers.forEach((id, k) => {
        const norm = normalizeIdentifier(id.value);
        if (!norm)
          problems.push({
            file,
            record: rec,
            field: `identifiers.${k}.value`,
            reason: 'has no letters or digits',
          });
        if (seen.has(norm))
          problems.push({
            file,
            record: rec,
            field: `identifiers.${k}.value`,
            reason: `"${id.value}" repeats another identifier`,
          });
        seen.add(norm);
      });
      if (p.identifiers.filter((id) => id.primary).length > 1)
        problems.push({
          file,
          record: rec,
          field: 'identifiers',
          reason: 'only one identifier can be primary',
        });
    });
    const rollCalls = new Set<string>();
    data.vote_events.forEach((v, i) => {
      const rec = `vote_events[${i}] (${v.policy} ${v.date})`;
      expect('policies', v.policy, file, rec, 'policy');
      expect('bodies', v.body, file, rec, 'body');
      const key = voteEventKey(v);
      if (rollCalls.has(key))
        problems.push({ file, record: rec, field: 'motion', reason: 'the same roll call twice' });
      rollCalls.add(key);
    });
    for (const [section, items] of [
      ['faq', data.faq],
      ['talking_points', data.talking_points],
    ] as const) {
      items.forEach((item, i) => {
        const rec = `${section}[${i}] (${item.slug})`;
        item.policies.forEach((s, k) => expect('policies', s, file, rec, `policies.${k}`));
        item.topics.forEach((s, k) => expect('topics', s, file, rec, `topics.${k}`));
      });
    }
  }
  return problems;
}

/** A roll call is the same one when its policy, body, date and motion are. */
export function voteEventKey(v: {
  policy: string;
  body?: string | null;
  date: string;
  motion: { en: string };
}) {
  return [v.policy, v.body ?? '', v.date, v.motion.en].join('|');
}
