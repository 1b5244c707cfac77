/**
 * Exports the whole library in the dataset file shape, so `igualdad export json` output can be
 * edited and given back to `igualdad import policies` (a lossless round trip).
 */
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { TranslationState } from '../../db/enums.ts';
import * as s from '../../db/schema.ts';

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

export async function exportDataset(db: Tx) {
  const [jurisdictions, bodies, topics, policies] = await Promise.all([
    db.select().from(s.jurisdictions).orderBy(asc(s.jurisdictions.ocdId)),
    db.select().from(s.bodies).orderBy(asc(s.bodies.slug)),
    db.select().from(s.topics).orderBy(asc(s.topics.position), asc(s.topics.slug)),
    db.select().from(s.policies).orderBy(asc(s.policies.slug)),
  ]);
  const jurisdictionOcd = new Map(jurisdictions.map((j) => [j.id, j.ocdId]));
  const bodySlug = new Map(bodies.map((b) => [b.id, b.slug]));
  const topicSlug = new Map(topics.map((t) => [t.id, t.slug]));
  const policySlug = new Map(policies.map((p) => [p.id, p.slug]));

  const [identifiers, policyTopics, provisions, actions, relations, sources] = await Promise.all([
    db.select().from(s.policyIdentifiers).orderBy(asc(s.policyIdentifiers.position)),
    db.select().from(s.policyTopics),
    db.select().from(s.provisions).orderBy(asc(s.provisions.position)),
    db.select().from(s.policyActions).orderBy(asc(s.policyActions.position)),
    db.select().from(s.policyRelations),
    db.select().from(s.sources).orderBy(asc(s.sources.position)),
  ]);
  const of = <T extends { policyId: string }>(rows: T[], id: string) =>
    rows.filter((r) => r.policyId === id);

  return {
    jurisdictions: jurisdictions.map((j) =>
      compact({
        ocd_id: j.ocdId,
        slug: j.slug,
        name: { es: j.nameEs, en: j.nameEn },
        kind: j.kind,
        parent: j.parentId ? jurisdictionOcd.get(j.parentId) : null,
      }),
    ),
    bodies: bodies.map((b) =>
      compact({
        slug: b.slug,
        jurisdiction: jurisdictionOcd.get(b.jurisdictionId),
        classification: b.classification,
        name: { es: b.nameEs, en: b.nameEn },
        seats: b.seats,
        parent: b.parentId ? bodySlug.get(b.parentId) : null,
      }),
    ),
    topics: topics.map((t) => ({
      slug: t.slug,
      name: { es: t.nameEs, en: t.nameEn },
      position: t.position,
    })),
    policies: policies.map((p) => {
      const dated = (date: string | null, verification: string) =>
        date ? { date, verification } : null;
      return compact({
        slug: p.slug,
        classification: p.classification,
        status: p.status,
        stance: p.stance,
        jurisdiction: jurisdictionOcd.get(p.jurisdictionId),
        body: p.bodyId ? bodySlug.get(p.bodyId) : null,
        topics: of(policyTopics, p.id)
          .map((t) => topicSlug.get(t.topicId))
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
        full_text:
          p.bodyEs || p.bodyEn ? text(p.bodyEs, p.bodyEn, p.bodyEsState, p.bodyEnState) : null,
        identifiers: of(identifiers, p.id).map((i) => ({
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
        provisions: of(provisions, p.id).map((v) => ({
          category: v.category,
          es: v.textEs,
          en: v.textEn,
          es_state: v.textEsState,
          en_state: v.textEnState,
          verification: v.verification,
        })),
        actions: of(actions, p.id).map((a) =>
          compact({
            date: a.date,
            date_verification: a.dateVerification,
            body: a.bodyId ? bodySlug.get(a.bodyId) : null,
            classification: a.classification,
            description: { es: a.descriptionEs, en: a.descriptionEn },
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
        relations: relations
          .filter((r) => r.fromPolicyId === p.id)
          .map((r) => ({ kind: r.kind, policy: policySlug.get(r.toPolicyId) }))
          .sort((a, b) => `${a.kind}${a.policy}`.localeCompare(`${b.kind}${b.policy}`)),
        sources: of(sources, p.id).map((src) =>
          compact({
            url: src.url,
            citation: src.citation,
            title: src.title,
            publisher: src.publisher,
            accessed: src.accessedOn,
          }),
        ),
      });
    }),
    faq: await exportLinked(db, 'faq', policySlug, topicSlug),
    talking_points: await exportLinked(db, 'talking_points', policySlug, topicSlug),
  };
}

async function exportLinked(
  db: Tx,
  kind: 'faq' | 'talking_points',
  policySlug: Map<string, string>,
  topicSlug: Map<string, string>,
) {
  const links = async (table: typeof s.faqPolicies, id: string, names: Map<string, string>) =>
    (await db.select().from(table).where(eq(table.ownerId, id)))
      .map((l) => names.get(l.targetId)!)
      .sort();
  if (kind === 'faq') {
    const rows = await db
      .select()
      .from(s.faqEntries)
      .orderBy(asc(s.faqEntries.position), asc(s.faqEntries.slug));
    return Promise.all(
      rows.map(async (f) => ({
        slug: f.slug,
        audience: f.audience,
        position: f.position,
        question: text(f.questionEs, f.questionEn, f.questionEsState, f.questionEnState),
        answer: text(f.answerEs, f.answerEn, f.answerEsState, f.answerEnState),
        policies: await links(s.faqPolicies, f.id, policySlug),
        topics: await links(s.faqTopics, f.id, topicSlug),
      })),
    );
  }
  const rows = await db
    .select()
    .from(s.talkingPoints)
    .orderBy(asc(s.talkingPoints.position), asc(s.talkingPoints.slug));
  return Promise.all(
    rows.map(async (t) => ({
      slug: t.slug,
      audience: t.audience,
      position: t.position,
      text: text(t.textEs, t.textEn, t.textEsState, t.textEnState),
      policies: await links(
        s.talkingPointPolicies as unknown as typeof s.faqPolicies,
        t.id,
        policySlug,
      ),
      topics: await links(s.talkingPointTopics as unknown as typeof s.faqPolicies, t.id, topicSlug),
    })),
  );
}
