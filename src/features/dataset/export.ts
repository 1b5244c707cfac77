/**
 * Exports the library in the dataset file shape, so `igualdad export json` output can be edited
 * and given back to `igualdad import policies` (a lossless round trip). `exportRecord` reads one
 * record the same way: the editorial workflow keeps revisions in this shape.
 */
import { asc, eq, isNotNull, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { TranslationState } from '../../db/enums.ts';
import * as s from '../../db/schema.ts';
import { exportVoteEvents } from './vote-events.ts';

type Out = Record<string, unknown>;

/** Drops null, undefined and empty optional parts so the file stays readable. */
function compact<T extends Out>(o: T): Out {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

const text = (
  es: string | null,
  en: string | null,
  esState: TranslationState,
  enState: TranslationState,
) => ({
  es: es ?? '',
  en: en ?? '',
  es_state: esState,
  en_state: enState,
});

/** Database ids to the keys records use for each other (OCD ids, slugs). */
interface KeyMaps {
  jurisdictionOcd: Map<string, string>;
  bodySlug: Map<string, string>;
  topicSlug: Map<string, string>;
  policySlug: Map<string, string>;
}

async function loadKeyMaps(db: Tx): Promise<KeyMaps> {
  // One query at a time: inside a transaction this is one connection.
  const j = await db
    .select({ id: s.jurisdictions.id, key: s.jurisdictions.ocdId })
    .from(s.jurisdictions);
  const b = await db.select({ id: s.bodies.id, key: s.bodies.slug }).from(s.bodies);
  const t = await db.select({ id: s.topics.id, key: s.topics.slug }).from(s.topics);
  const p = await db.select({ id: s.policies.id, key: s.policies.slug }).from(s.policies);
  const map = (rows: { id: string; key: string }[]) => new Map(rows.map((r) => [r.id, r.key]));
  return {
    jurisdictionOcd: map(j),
    bodySlug: map(b),
    topicSlug: map(t),
    policySlug: map(p),
  };
}

export async function exportDataset(db: Tx) {
  const maps = await loadKeyMaps(db);
  const jurisdictions = await db.select().from(s.jurisdictions).orderBy(asc(s.jurisdictions.ocdId));
  const bodies = await db.select().from(s.bodies).orderBy(asc(s.bodies.slug));
  const topics = await db
    .select()
    .from(s.topics)
    .orderBy(asc(s.topics.position), asc(s.topics.slug));
  // Untracked matters (no stance) come from their source's importer, not from the dataset file.
  const policies = await db
    .select()
    .from(s.policies)
    .where(isNotNull(s.policies.stance))
    .orderBy(asc(s.policies.slug));
  const parts = await loadPolicyParts(db);
  return {
    jurisdictions: jurisdictions.map((j) => presentJurisdiction(j, maps)),
    bodies: bodies.map((b) => presentBody(b, maps)),
    topics: topics.map(presentTopic),
    policies: policies.map((p) => presentPolicy(p, parts, maps)),
    faq: await exportLinked(db, 'faq', maps),
    talking_points: await exportLinked(db, 'talking_points', maps),
    vote_events: await exportVoteEvents(db),
  };
}

/** The dataset sections, one per kind of record. */
export type DatasetSection =
  'jurisdictions' | 'bodies' | 'topics' | 'policies' | 'faq' | 'talking_points';

/** One published record in the dataset file shape, or undefined when the public tables lack it. */
export async function exportRecord(
  db: Tx,
  section: DatasetSection,
  slug: string,
): Promise<Out | undefined> {
  const maps = await loadKeyMaps(db);
  switch (section) {
    case 'jurisdictions': {
      const [row] = await db.select().from(s.jurisdictions).where(eq(s.jurisdictions.slug, slug));
      return row && presentJurisdiction(row, maps);
    }
    case 'bodies': {
      const [row] = await db.select().from(s.bodies).where(eq(s.bodies.slug, slug));
      return row && presentBody(row, maps);
    }
    case 'topics': {
      const [row] = await db.select().from(s.topics).where(eq(s.topics.slug, slug));
      return row && presentTopic(row);
    }
    case 'policies': {
      const [row] = await db.select().from(s.policies).where(eq(s.policies.slug, slug));
      return row && presentPolicy(row, await loadPolicyParts(db, row.id), maps);
    }
    default: {
      const [row] = await exportLinked(db, section, maps, slug);
      return row;
    }
  }
}

function presentJurisdiction(j: typeof s.jurisdictions.$inferSelect, maps: KeyMaps): Out {
  return compact({
    ocd_id: j.ocdId,
    slug: j.slug,
    name: { es: j.nameEs, en: j.nameEn },
    kind: j.kind,
    parent: j.parentId ? maps.jurisdictionOcd.get(j.parentId) : null,
  });
}

function presentBody(b: typeof s.bodies.$inferSelect, maps: KeyMaps): Out {
  return compact({
    slug: b.slug,
    jurisdiction: maps.jurisdictionOcd.get(b.jurisdictionId),
    classification: b.classification,
    name: { es: b.nameEs, en: b.nameEn },
    seats: b.seats,
    parent: b.parentId ? maps.bodySlug.get(b.parentId) : null,
  });
}

function presentTopic(t: typeof s.topics.$inferSelect): Out {
  return { slug: t.slug, name: { es: t.nameEs, en: t.nameEn }, position: t.position };
}

interface PolicyParts {
  identifiers: (typeof s.policyIdentifiers.$inferSelect)[];
  topics: (typeof s.policyTopics.$inferSelect)[];
  provisions: (typeof s.provisions.$inferSelect)[];
  actions: (typeof s.policyActions.$inferSelect)[];
  relations: (typeof s.policyRelations.$inferSelect)[];
  sources: (typeof s.sources.$inferSelect)[];
}

/** The parts of every policy, or of one. */
async function loadPolicyParts(db: Tx, policyId?: string): Promise<PolicyParts> {
  const only = (column: AnyColumn): SQL | undefined =>
    policyId ? eq(column, policyId) : undefined;
  return {
    identifiers: await db
      .select()
      .from(s.policyIdentifiers)
      .where(only(s.policyIdentifiers.policyId))
      .orderBy(asc(s.policyIdentifiers.position)),
    topics: await db.select().from(s.policyTopics).where(only(s.policyTopics.policyId)),
    provisions: await db
      .select()
      .from(s.provisions)
      .where(only(s.provisions.policyId))
      .orderBy(asc(s.provisions.position)),
    actions: await db
      .select()
      .from(s.policyActions)
      .where(only(s.policyActions.policyId))
      .orderBy(asc(s.policyActions.position)),
    relations: await db
      .select()
      .from(s.policyRelations)
      .where(only(s.policyRelations.fromPolicyId)),
    sources: await db
      .select()
      .from(s.sources)
      .where(only(s.sources.policyId))
      .orderBy(asc(s.sources.position)),
  };
}

function presentPolicy(p: typeof s.policies.$inferSelect, parts: PolicyParts, maps: KeyMaps): Out {
  const of = <T extends { policyId: string }>(rows: T[]) => rows.filter((r) => r.policyId === p.id);
  const dated = (date: string | null, verification: string) =>
    date ? { date, verification } : null;
  return compact({
    slug: p.slug,
    classification: p.classification,
    status: p.status,
    stance: p.stance,
    jurisdiction: maps.jurisdictionOcd.get(p.jurisdictionId),
    body: p.bodyId ? maps.bodySlug.get(p.bodyId) : null,
    topics: of(parts.topics)
      .map((t) => maps.topicSlug.get(t.topicId))
      .sort(),
    verification: p.verification,
    verification_note:
      p.verificationNoteEs && p.verificationNoteEn
        ? { es: p.verificationNoteEs, en: p.verificationNoteEn }
        : null,
    title: {
      ...text(p.titleEs, p.titleEn, p.titleEsState, p.titleEnState),
      verification: p.titleVerification,
    },
    official_title: p.officialTitle,
    summary: text(p.summaryEs, p.summaryEn, p.summaryEsState, p.summaryEnState),
    full_text: p.bodyEs || p.bodyEn ? text(p.bodyEs, p.bodyEn, p.bodyEsState, p.bodyEnState) : null,
    identifiers: of(parts.identifiers).map((i) => ({
      scheme: i.scheme,
      value: i.value,
      primary: i.primary,
      verification: i.verification,
    })),
    dates: compact({
      introduced: dated(p.introducedOn, p.introducedVerification),
      adopted: dated(p.adoptedOn, p.adoptedVerification),
      signed: dated(p.signedOn, p.signedVerification),
      effective: dated(p.effectiveOn, p.effectiveVerification),
    }),
    provisions: of(parts.provisions).map((v) => ({
      category: v.category,
      es: v.textEs,
      en: v.textEn,
      es_state: v.textEsState,
      en_state: v.textEnState,
      verification: v.verification,
    })),
    actions: of(parts.actions).map((a) =>
      compact({
        date: a.date,
        date_verification: a.dateVerification,
        body: a.bodyId ? maps.bodySlug.get(a.bodyId) : null,
        classification: a.classification,
        description: text(
          a.descriptionEs,
          a.descriptionEn,
          a.descriptionEsState,
          a.descriptionEnState,
        ),
        votes: [a.votesYes, a.votesNo, a.votesAbstain, a.votesAbsent].some((n) => n !== null)
          ? compact({
              yes: a.votesYes,
              no: a.votesNo,
              abstain: a.votesAbstain,
              absent: a.votesAbsent,
              verification: a.voteVerification,
            })
          : null,
      }),
    ),
    relations: parts.relations
      .filter((r) => r.fromPolicyId === p.id)
      .map((r) => ({ kind: r.kind, policy: maps.policySlug.get(r.toPolicyId) }))
      .sort((a, b) => `${a.kind}${a.policy}`.localeCompare(`${b.kind}${b.policy}`)),
    sources: of(parts.sources).map((src) =>
      compact({
        url: src.url,
        citation: src.citation,
        title: src.title,
        publisher: src.publisher,
        accessed: src.accessedOn,
      }),
    ),
  });
}

async function exportLinked(
  db: Tx,
  kind: 'faq' | 'talking_points',
  maps: KeyMaps,
  slug?: string,
): Promise<Out[]> {
  const links = async (table: typeof s.faqPolicies, id: string, names: Map<string, string>) =>
    (await db.select().from(table).where(eq(table.ownerId, id)))
      .map((l) => names.get(l.targetId)!)
      .sort();
  // One record at a time: inside a transaction this is one connection.
  const out: Out[] = [];
  if (kind === 'faq') {
    const rows = await db
      .select()
      .from(s.faqEntries)
      .where(slug === undefined ? undefined : eq(s.faqEntries.slug, slug))
      .orderBy(asc(s.faqEntries.position), asc(s.faqEntries.slug));
    for (const f of rows) {
      out.push({
        slug: f.slug,
        audience: f.audience,
        position: f.position,
        question: text(f.questionEs, f.questionEn, f.questionEsState, f.questionEnState),
        answer: text(f.answerEs, f.answerEn, f.answerEsState, f.answerEnState),
        policies: await links(s.faqPolicies, f.id, maps.policySlug),
        topics: await links(s.faqTopics, f.id, maps.topicSlug),
      });
    }
    return out;
  }
  const rows = await db
    .select()
    .from(s.talkingPoints)
    .where(slug === undefined ? undefined : eq(s.talkingPoints.slug, slug))
    .orderBy(asc(s.talkingPoints.position), asc(s.talkingPoints.slug));
  const pointLinks = {
    policies: s.talkingPointPolicies as unknown as typeof s.faqPolicies,
    topics: s.talkingPointTopics as unknown as typeof s.faqPolicies,
  };
  for (const t of rows) {
    out.push({
      slug: t.slug,
      audience: t.audience,
      position: t.position,
      text: text(t.textEs, t.textEn, t.textEsState, t.textEnState),
      policies: await links(pointLinks.policies, t.id, maps.policySlug),
      topics: await links(pointLinks.topics, t.id, maps.topicSlug),
    });
  }
  return out;
}
