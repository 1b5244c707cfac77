/**
 * Applies validated dataset files in one transaction, idempotent by key: a record whose content
 * hash is unchanged is left alone; a changed policy has its parts replaced as a whole.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import * as s from '../../db/schema.ts';
import { normalizeIdentifier } from '../../lib/slug.ts';
import { recordImportedChanges } from '../editorial/items.ts';
import { rebuildSearchLexicon, refreshSearchStatistics } from '../policies/search.ts';
import { allRecords, DatasetError, type DatasetProblem, type LoadedFile } from './load.ts';
import { findReferenceProblems, type KnownKeys } from './references.ts';
import { contentHash as hashOf, descriptionState, stateOf } from './content-hash.ts';
import { upsertVoteEvent } from './vote-events.ts';
import type {
  BodyRecord,
  DatasetFile,
  FaqRecord,
  JurisdictionRecord,
  PolicyRecord,
  TalkingPointRecord,
  TopicRecord,
} from './schema.ts';

type Entity =
  'jurisdictions' | 'bodies' | 'topics' | 'policies' | 'faq' | 'talking_points' | 'vote_events';
type Counts = Record<Entity, number>;

export interface ImportReport {
  created: Counts;
  updated: Counts;
  unchanged: Counts;
}

const zero = (): Counts => ({
  jurisdictions: 0,
  bodies: 0,
  topics: 0,
  policies: 0,
  faq: 0,
  talking_points: 0,
  vote_events: 0,
});

const IMPORT_LOCK = 727_002;
/** From this many changed policies, an import refreshes the planner's statistics itself. */
const BULK_IMPORT = 100;

/**
 * Validates against the database too, then writes everything or nothing. Imports are serialized
 * across app servers by a transaction-scoped advisory lock.
 */
export async function applyDataset(
  db: Db,
  files: LoadedFile[],
  options: { onlyIfUnseeded?: boolean } = {},
) {
  return db.transaction(async (tx): Promise<ImportReport | undefined> => {
    await lockPublicWrites(tx);
    if (options.onlyIfUnseeded && (await isSeeded(tx))) return undefined;
    const report = await applyFiles(tx, files);
    // Decision 014: the editorial history records every import of a tracked record.
    await recordImportedChanges(tx);
    if (options.onlyIfUnseeded !== undefined) await markSeeded(tx);
    return report;
  });
}

/**
 * Serializes the writers of the public tables (imports, editorial publishing) across app
 * servers, until the caller's transaction ends.
 */
export async function lockPublicWrites(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
}

const noRecords = (): DatasetFile => ({
  jurisdictions: [],
  bodies: [],
  topics: [],
  policies: [],
  faq: [],
  talking_points: [],
  vote_events: [],
});

/** One record as a dataset file, so it goes through exactly the checks and writes of an import. */
export function singleRecordFile<K extends keyof DatasetFile>(
  section: K,
  record: DatasetFile[K][number],
  file = '(editor)',
): LoadedFile {
  return { file, data: { ...noRecords(), [section]: [record] } };
}

/** The problems an import of these files would have against the database, without writing. */
export async function findDatabaseProblems(tx: Tx, files: LoadedFile[]): Promise<DatasetProblem[]> {
  const known = await loadKnownKeys(tx);
  return [...findReferenceProblems(files, known), ...(await findSlugClashes(tx, files))];
}

/**
 * Applies one record inside the caller's transaction (editorial publishing): the same checks and
 * writes as an import; throws DatasetError with the problems, and bumps the data version when
 * something changed.
 */
export async function applyRecord<K extends keyof DatasetFile>(
  tx: Tx,
  section: K,
  record: DatasetFile[K][number],
): Promise<ImportReport> {
  await lockPublicWrites(tx);
  return applyFiles(tx, [singleRecordFile(section, record)]);
}

/** Checks against the database, then writes; the caller holds `lockPublicWrites`. */
async function applyFiles(tx: Tx, files: LoadedFile[]): Promise<ImportReport> {
  const problems = await findDatabaseProblems(tx, files);
  if (problems.length) throw new DatasetError(problems);
  const report: ImportReport = { created: zero(), updated: zero(), unchanged: zero() };
  const all = <K extends keyof DatasetFile>(key: K) => allRecords(files, key);

  const jurisdictionIds = await upsertJurisdictions(tx, all('jurisdictions'), report);
  const bodyIds = await upsertBodies(tx, all('bodies'), jurisdictionIds, report);
  const topicIds = await upsertTopics(tx, all('topics'), report);
  const refs = { jurisdictionIds, bodyIds, topicIds, policyIds: await idMap(tx, s.policies) };
  const changedPolicies: PolicyRecord[] = [];
  for (const policy of all('policies')) {
    if (await upsertPolicy(tx, policy, refs, report)) changedPolicies.push(policy);
  }
  for (const policy of changedPolicies) await replaceRelations(tx, policy, refs.policyIds);
  for (const entry of all('faq')) await upsertFaq(tx, entry, refs, report);
  for (const point of all('talking_points')) await upsertTalkingPoint(tx, point, refs, report);
  for (const vote of all('vote_events'))
    count(report, 'vote_events', await upsertVoteEvent(tx, vote, refs));
  if (changedPolicies.length) await rebuildSearchLexicon(tx);
  if (changedPolicies.length >= BULK_IMPORT) await refreshSearchStatistics(tx);
  if (Object.values(report.created).some(Boolean) || Object.values(report.updated).some(Boolean)) {
    await bumpDataVersion(tx);
  }
  return report;
}

type IdTable = typeof s.bodies | typeof s.topics | typeof s.policies;

async function idMap(tx: Tx, table: IdTable): Promise<Map<string, string>> {
  const rows = await tx.select({ id: table.id, slug: table.slug }).from(table);
  return new Map(rows.map((r) => [r.slug, r.id]));
}

async function loadKnownKeys(tx: Tx): Promise<KnownKeys> {
  // One query at a time: a transaction is one connection.
  const keys = async (query: SQL) =>
    new Set((await queryRows<{ key: string }>(tx, query)).map((r) => r.key));
  return {
    jurisdictions: await keys(sql`select ocd_id as key from jurisdictions`),
    bodies: await keys(sql`select slug as key from bodies`),
    topics: await keys(sql`select slug as key from topics`),
    policies: await keys(sql`select slug as key from policies`),
  };
}

/** A jurisdiction slug already used by another OCD id in the database. */
async function findSlugClashes(tx: Tx, files: LoadedFile[]): Promise<DatasetProblem[]> {
  const rows = await tx
    .select({ ocdId: s.jurisdictions.ocdId, slug: s.jurisdictions.slug })
    .from(s.jurisdictions);
  const owner = new Map(rows.map((r) => [r.slug, r.ocdId]));
  return files.flatMap(({ file, data }) =>
    data.jurisdictions.flatMap((j, i) => {
      const existing = owner.get(j.slug);
      return existing && existing !== j.ocd_id
        ? [
            {
              file,
              record: `jurisdictions[${i}] (${j.slug})`,
              field: 'slug',
              reason: `"${j.slug}" is already used by ${existing}`,
            },
          ]
        : [];
    }),
  );
}

function count(report: ImportReport, entity: Entity, outcome: 'created' | 'updated' | 'unchanged') {
  report[outcome][entity] += 1;
}

async function upsertJurisdictions(tx: Tx, records: JurisdictionRecord[], report: ImportReport) {
  const existing = await tx.select().from(s.jurisdictions);
  const ids = new Map(existing.map((r) => [r.ocdId, r.id]));
  const hashes = new Map(existing.map((r) => [r.ocdId, r.contentHash]));
  const changed: JurisdictionRecord[] = [];
  for (const j of records) {
    const hash = hashOf(j);
    const values = {
      ocdId: j.ocd_id,
      slug: j.slug,
      nameEs: j.name.es,
      nameEn: j.name.en,
      kind: j.kind,
      contentHash: hash,
    };
    const id = ids.get(j.ocd_id);
    if (id && hashes.get(j.ocd_id) === hash) {
      count(report, 'jurisdictions', 'unchanged');
      continue;
    }
    changed.push(j);
    if (id) {
      await tx
        .update(s.jurisdictions)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(s.jurisdictions.id, id));
      count(report, 'jurisdictions', 'updated');
    } else {
      const [row] = await tx
        .insert(s.jurisdictions)
        .values(values)
        .returning({ id: s.jurisdictions.id });
      ids.set(j.ocd_id, row!.id);
      count(report, 'jurisdictions', 'created');
    }
  }
  // Parents second, once every jurisdiction of the file exists.
  for (const j of changed) {
    const parentId = j.parent ? ids.get(j.parent)! : null;
    await tx.update(s.jurisdictions).set({ parentId }).where(eq(s.jurisdictions.ocdId, j.ocd_id));
  }
  await assertAcyclic(tx);
  return ids;
}

async function assertAcyclic(tx: Tx) {
  const rows = await tx.execute(sql`
    with recursive walk(id, parent_id, depth) as (
      select id, parent_id, 0 from jurisdictions
      union all select w.id, j.parent_id, w.depth + 1 from walk w join jurisdictions j on j.id = w.parent_id
      where w.depth < 50)
    select 1 from walk where depth >= 50 limit 1`);
  if ((rows as unknown as { rows: unknown[] }).rows.length) {
    throw new DatasetError([
      {
        file: '(dataset)',
        record: 'jurisdictions',
        field: 'parent',
        reason: 'parents form a cycle',
      },
    ]);
  }
}

async function upsertBodies(
  tx: Tx,
  records: BodyRecord[],
  jurisdictionIds: Map<string, string>,
  report: ImportReport,
) {
  const existing = await tx.select().from(s.bodies);
  const ids = new Map(existing.map((r) => [r.slug, r.id]));
  const hashes = new Map(existing.map((r) => [r.slug, r.contentHash]));
  const changed: BodyRecord[] = [];
  for (const b of records) {
    const hash = hashOf(b);
    if (ids.has(b.slug) && hashes.get(b.slug) === hash) {
      count(report, 'bodies', 'unchanged');
      continue;
    }
    changed.push(b);
    const values = {
      slug: b.slug,
      jurisdictionId: jurisdictionIds.get(b.jurisdiction)!,
      classification: b.classification,
      nameEs: b.name.es,
      nameEn: b.name.en,
      seats: b.seats ?? null,
      contentHash: hash,
    };
    const id = ids.get(b.slug);
    if (id) {
      await tx
        .update(s.bodies)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(s.bodies.id, id));
      count(report, 'bodies', 'updated');
    } else {
      const [row] = await tx.insert(s.bodies).values(values).returning({ id: s.bodies.id });
      ids.set(b.slug, row!.id);
      count(report, 'bodies', 'created');
    }
  }
  for (const b of changed) {
    await tx
      .update(s.bodies)
      .set({ parentId: b.parent ? ids.get(b.parent)! : null })
      .where(eq(s.bodies.slug, b.slug));
  }
  return ids;
}

async function upsertTopics(tx: Tx, records: TopicRecord[], report: ImportReport) {
  const existing = await tx.select().from(s.topics);
  const ids = new Map(existing.map((r) => [r.slug, r.id]));
  const hashes = new Map(existing.map((r) => [r.slug, r.contentHash]));
  for (const t of records) {
    const hash = hashOf(t);
    const values = {
      slug: t.slug,
      nameEs: t.name.es,
      nameEn: t.name.en,
      position: t.position,
      contentHash: hash,
    };
    const id = ids.get(t.slug);
    if (id && hashes.get(t.slug) === hash) count(report, 'topics', 'unchanged');
    else if (id) {
      await tx
        .update(s.topics)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(s.topics.id, id));
      count(report, 'topics', 'updated');
    } else {
      const [row] = await tx.insert(s.topics).values(values).returning({ id: s.topics.id });
      ids.set(t.slug, row!.id);
      count(report, 'topics', 'created');
    }
  }
  return ids;
}

interface Refs {
  jurisdictionIds: Map<string, string>;
  bodyIds: Map<string, string>;
  topicIds: Map<string, string>;
  policyIds: Map<string, string>;
}

/** Returns true when the policy was created or changed. */
async function upsertPolicy(
  tx: Tx,
  p: PolicyRecord,
  refs: Refs,
  report: ImportReport,
): Promise<boolean> {
  const hash = hashOf(p);
  const [current] = await tx
    .select({ id: s.policies.id, hash: s.policies.contentHash })
    .from(s.policies)
    .where(eq(s.policies.slug, p.slug));
  if (current && current.hash === hash) {
    count(report, 'policies', 'unchanged');
    return false;
  }
  const d = p.dates;
  const values = {
    slug: p.slug,
    classification: p.classification,
    status: p.status,
    stance: p.stance,
    jurisdictionId: refs.jurisdictionIds.get(p.jurisdiction)!,
    bodyId: p.body ? refs.bodyIds.get(p.body)! : null,
    titleEs: p.title.es,
    titleEn: p.title.en,
    titleEsState: stateOf(p.title.es, p.title.es_state),
    titleEnState: stateOf(p.title.en, p.title.en_state),
    titleVerification: p.title.verification,
    officialTitle: p.official_title ?? null,
    summaryEs: p.summary.es,
    summaryEn: p.summary.en,
    summaryEsState: stateOf(p.summary.es, p.summary.es_state),
    summaryEnState: stateOf(p.summary.en, p.summary.en_state),
    bodyEs: p.full_text?.es || null,
    bodyEn: p.full_text?.en || null,
    bodyEsState: stateOf(p.full_text?.es, p.full_text?.es_state),
    bodyEnState: stateOf(p.full_text?.en, p.full_text?.en_state),
    introducedOn: d.introduced?.date ?? null,
    introducedVerification: d.introduced?.verification ?? 'unverified',
    adoptedOn: d.adopted?.date ?? null,
    adoptedVerification: d.adopted?.verification ?? 'unverified',
    signedOn: d.signed?.date ?? null,
    signedVerification: d.signed?.verification ?? 'unverified',
    effectiveOn: d.effective?.date ?? null,
    effectiveVerification: d.effective?.verification ?? 'unverified',
    verification: p.verification,
    verificationNoteEs: p.verification_note?.es ?? null,
    verificationNoteEn: p.verification_note?.en ?? null,
    contentHash: hash,
  } satisfies Partial<typeof s.policies.$inferInsert>;

  let id: string;
  if (current) {
    id = current.id;
    await tx
      .update(s.policies)
      .set({ ...values, version: sql`${s.policies.version} + 1`, updatedAt: sql`now()` })
      .where(eq(s.policies.id, id));
    for (const table of [s.policyIdentifiers, s.provisions, s.policyActions, s.sources]) {
      await tx.delete(table).where(eq(table.policyId, id));
    }
    await tx.delete(s.policyTopics).where(eq(s.policyTopics.policyId, id));
    count(report, 'policies', 'updated');
  } else {
    const [row] = await tx.insert(s.policies).values(values).returning({ id: s.policies.id });
    id = row!.id;
    refs.policyIds.set(p.slug, id);
    count(report, 'policies', 'created');
  }
  await insertPolicyParts(tx, id, p, refs);
  return true;
}

async function insertPolicyParts(tx: Tx, policyId: string, p: PolicyRecord, refs: Refs) {
  if (p.identifiers.length) {
    await tx.insert(s.policyIdentifiers).values(
      p.identifiers.map((i, position) => ({
        policyId,
        scheme: i.scheme,
        value: i.value,
        normalized: normalizeIdentifier(i.value),
        primary: i.primary,
        verification: i.verification,
        position,
      })),
    );
  }
  if (p.topics.length) {
    await tx
      .insert(s.policyTopics)
      .values(p.topics.map((t) => ({ policyId, topicId: refs.topicIds.get(t)! })));
  }
  if (p.provisions.length) {
    await tx.insert(s.provisions).values(
      p.provisions.map((v, position) => ({
        policyId,
        category: v.category,
        textEs: v.es,
        textEn: v.en,
        textEsState: stateOf(v.es, v.es_state),
        textEnState: stateOf(v.en, v.en_state),
        verification: v.verification,
        position,
      })),
    );
  }
  if (p.actions.length) {
    await tx.insert(s.policyActions).values(
      p.actions.map((a, position) => ({
        policyId,
        date: a.date,
        dateVerification: a.date_verification,
        bodyId: a.body ? refs.bodyIds.get(a.body)! : null,
        classification: a.classification,
        descriptionEs: a.description.es,
        descriptionEn: a.description.en,
        descriptionEsState: descriptionState(a.description.es, a.description.es_state),
        descriptionEnState: descriptionState(a.description.en, a.description.en_state),
        votesYes: a.votes?.yes ?? null,
        votesNo: a.votes?.no ?? null,
        votesAbstain: a.votes?.abstain ?? null,
        votesAbsent: a.votes?.absent ?? null,
        voteVerification: a.votes?.verification ?? 'unverified',
        position,
      })),
    );
  }
  if (p.sources.length) {
    await tx.insert(s.sources).values(
      p.sources.map((src, position) => ({
        policyId,
        url: src.url ?? null,
        citation: src.citation ?? null,
        title: src.title ?? null,
        publisher: src.publisher ?? null,
        accessedOn: src.accessed ?? null,
        position,
      })),
    );
  }
}

async function replaceRelations(tx: Tx, p: PolicyRecord, policyIds: Map<string, string>) {
  const fromPolicyId = policyIds.get(p.slug)!;
  await tx.delete(s.policyRelations).where(eq(s.policyRelations.fromPolicyId, fromPolicyId));
  if (!p.relations.length) return;
  const unique = new Map(p.relations.map((r) => [`${r.kind}:${r.policy}`, r]));
  await tx.insert(s.policyRelations).values(
    [...unique.values()].map((r) => ({
      fromPolicyId,
      toPolicyId: policyIds.get(r.policy)!,
      kind: r.kind,
    })),
  );
}

type LinkTable = typeof s.faqPolicies;

async function relink(tx: Tx, table: LinkTable, ownerId: string, targetIds: string[]) {
  await tx.delete(table).where(eq(table.ownerId, ownerId));
  const unique = [...new Set(targetIds)];
  if (unique.length)
    await tx.insert(table).values(unique.map((targetId) => ({ ownerId, targetId })));
}

async function upsertFaq(tx: Tx, f: FaqRecord, refs: Refs, report: ImportReport) {
  const hash = hashOf(f);
  const values = {
    slug: f.slug,
    audience: f.audience,
    position: f.position,
    questionEs: f.question.es,
    questionEn: f.question.en,
    questionEsState: stateOf(f.question.es, f.question.es_state),
    questionEnState: stateOf(f.question.en, f.question.en_state),
    answerEs: f.answer.es,
    answerEn: f.answer.en,
    answerEsState: stateOf(f.answer.es, f.answer.es_state),
    answerEnState: stateOf(f.answer.en, f.answer.en_state),
    contentHash: hash,
  };
  const id = await upsertBySlug(tx, s.faqEntries, f.slug, hash, values, report, 'faq');
  if (!id) return;
  await relink(
    tx,
    s.faqPolicies,
    id,
    f.policies.map((slug) => refs.policyIds.get(slug)!),
  );
  await relink(
    tx,
    s.faqTopics,
    id,
    f.topics.map((slug) => refs.topicIds.get(slug)!),
  );
}

async function upsertTalkingPoint(tx: Tx, t: TalkingPointRecord, refs: Refs, report: ImportReport) {
  const hash = hashOf(t);
  const values = {
    slug: t.slug,
    audience: t.audience,
    position: t.position,
    textEs: t.text.es,
    textEn: t.text.en,
    textEsState: stateOf(t.text.es, t.text.es_state),
    textEnState: stateOf(t.text.en, t.text.en_state),
    contentHash: hash,
  };
  const id = await upsertBySlug(
    tx,
    s.talkingPoints,
    t.slug,
    hash,
    values,
    report,
    'talking_points',
  );
  if (!id) return;
  const links = {
    policies: s.talkingPointPolicies as unknown as LinkTable,
    topics: s.talkingPointTopics as unknown as LinkTable,
  };
  await relink(
    tx,
    links.policies,
    id,
    t.policies.map((slug) => refs.policyIds.get(slug)!),
  );
  await relink(
    tx,
    links.topics,
    id,
    t.topics.map((slug) => refs.topicIds.get(slug)!),
  );
}

/** Inserts or updates by slug; returns the id when something was written, undefined when unchanged. */
async function upsertBySlug<T extends typeof s.faqEntries | typeof s.talkingPoints>(
  tx: Tx,
  table: T,
  slug: string,
  hash: string,
  values: T['$inferInsert'],
  report: ImportReport,
  entity: Entity,
): Promise<string | undefined> {
  const [current] = await tx
    .select({ id: table.id, hash: table.contentHash })
    .from(table as typeof s.faqEntries)
    .where(eq(table.slug, slug));
  if (current && current.hash === hash) {
    count(report, entity, 'unchanged');
    return undefined;
  }
  if (current) {
    await tx
      .update(table as typeof s.faqEntries)
      .set({ ...(values as object), updatedAt: sql`now()` })
      .where(eq(table.id, current.id));
    count(report, entity, 'updated');
    return current.id;
  }
  const [row] = await tx
    .insert(table as typeof s.faqEntries)
    .values(values as typeof s.faqEntries.$inferInsert)
    .returning({ id: table.id });
  count(report, entity, 'created');
  return row!.id;
}

const SEEDED_KEY = 'dataset.default.seeded_at';

export async function isSeeded(tx: Tx): Promise<boolean> {
  const [row] = await tx.select().from(s.settings).where(eq(s.settings.key, SEEDED_KEY));
  return Boolean(row);
}

async function markSeeded(tx: Tx) {
  const value = sql`to_jsonb(now()::text)`;
  await tx
    .insert(s.settings)
    .values({ key: SEEDED_KEY, value })
    .onConflictDoUpdate({ target: s.settings.key, set: { value, updatedAt: sql`now()` } });
}
