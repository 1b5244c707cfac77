/**
 * The whole library as one Popolo / Open Civic Data document, so civic-tech tools can read it
 * without custom glue (see shared/product/CIVIC-DATA.md).
 *
 * Identifiers:
 * - areas use the jurisdiction's OCD division id as `id` and `identifier`;
 * - organizations are `igualdad:body/<slug>` and bills `igualdad:policy/<slug>`. OCD organization
 *   and bill ids are random UUIDs issued by an OCD database; ours are derived from the slugs,
 *   which are stable, so a consumer can re-import the export and match what it already has.
 *   The namespace says plainly that these ids are ours and not OCD-issued.
 *
 * Languages: `name` / `title` / `description` are English (Spanish when the English text is
 * missing); Spanish goes in `other_names` / `other_titles` with note "es", abstracts carry both.
 *
 * Sources: a Popolo link requires a URL (link.json), so `sources` lists only sources that have
 * one, `{url, note}` with the title or citation as the note. Sources known by citation alone
 * (a newspaper article without a link) go to `extras.citations`, never as url-less links that
 * would fail Popolo validation; a bill with no URL source has an empty `sources` list, honestly.
 *
 * Verification: every fact's verification state travels with it, so an unverified fact stays
 * visibly unverified: `extras.verification` of a bill (policy, title, dates, identifiers) and
 * `extras` of each action (date, vote counts). Translation states sit in `extras.translation`.
 *
 * `generated_at` is the time of the latest change to the library, not the request time: the same
 * content gives the same bytes, so the API's ETag holds and clients get 304s.
 */
import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import * as e from '../../db/enums.ts';
import {
  bodies,
  jurisdictions,
  policies,
  policyActions,
  policyRelations,
  sources,
  topics,
} from '../../db/schema.ts';
import { pickText } from '../../lib/bilingual.ts';
import { translationStateSchema, verificationSchema } from '../api/common.ts';
import {
  isTracked,
  loadPolicySummaries,
  trackedStance,
  type PolicyWithRefs,
} from '../policies/queries.ts';
import {
  buildPopoloPeople,
  popoloMembershipSchema,
  popoloPersonSchema,
  popoloPostSchema,
} from './popolo-people.ts';
import { buildPopoloVoteEvents, popoloVoteEventSchema } from './popolo-votes.ts';

export const GENERATOR = 'Igualdad';
export const organizationId = (slug: string) => `igualdad:body/${slug}`;
export const billId = (slug: string) => `igualdad:policy/${slug}`;

const spanishName = z.object({ name: z.string(), note: z.literal('es') });
const datedFact = z.object({ date: z.string(), verification: verificationSchema }).nullable();
const bothLanguages = z.object({ es: translationStateSchema, en: translationStateSchema });

export const popoloAreaSchema = z
  .object({
    id: z.string().openapi({ description: 'OCD division id.' }),
    identifier: z.string(),
    name: z.string(),
    other_names: z.array(spanishName),
    classification: z.enum(e.jurisdictionKinds),
    parent_id: z.string().nullable(),
  })
  .openapi('PopoloArea');

export const popoloOrganizationSchema = z
  .object({
    id: z.string().openapi({ description: '`igualdad:body/<slug>`' }),
    name: z.string(),
    other_names: z.array(spanishName),
    identifiers: z.array(z.object({ identifier: z.string(), scheme: z.literal('igualdad') })),
    classification: z.enum(e.bodyClassifications),
    parent_id: z.string().nullable(),
    area_id: z.string().openapi({ description: 'OCD division id of the jurisdiction.' }),
  })
  .openapi('PopoloOrganization');

export const ocdBillSchema = z
  .object({
    id: z.string().openapi({ description: '`igualdad:policy/<slug>`' }),
    identifier: z.string(),
    title: z.string(),
    other_titles: z.array(z.object({ title: z.string(), note: z.literal('es') })),
    classification: z.array(z.string()),
    subject: z.array(z.string()),
    abstracts: z.array(z.object({ abstract: z.string(), note: z.enum(['es', 'en']) })),
    other_identifiers: z.array(z.object({ scheme: z.string(), identifier: z.string() })),
    from_organization: z.string().nullable(),
    jurisdiction: z.string(),
    status: z.enum(e.policyStatuses),
    stance: z.enum(e.policyStances),
    actions: z.array(
      z.object({
        date: z.string(),
        description: z.string(),
        classification: z.array(z.string()),
        organization_id: z.string().nullable(),
        counts: z
          .array(
            z.object({ option: z.enum(['yes', 'no', 'abstain', 'absent']), value: z.number() }),
          )
          .optional(),
        extras: z.object({
          date_verification: verificationSchema,
          vote_verification: verificationSchema.optional(),
          translation: z.object({ description: bothLanguages }),
        }),
      }),
    ),
    related_bills: z.array(
      z.object({ id: z.string(), identifier: z.string(), relation_type: z.enum(e.relationKinds) }),
    ),
    sources: z.array(z.object({ url: z.string(), note: z.string().nullable() })),
    extras: z.object({
      slug: z.string(),
      verification: z.object({
        policy: verificationSchema,
        note: z.object({ es: z.string(), en: z.string() }).nullable(),
        title: verificationSchema,
        dates: z.object({
          introduced: datedFact,
          adopted: datedFact,
          signed: datedFact,
          effective: datedFact,
        }),
        identifiers: z.array(
          z.object({
            scheme: z.string(),
            identifier: z.string(),
            primary: z.boolean(),
            verification: verificationSchema,
          }),
        ),
      }),
      translation: z.object({ title: bothLanguages, summary: bothLanguages }),
      citations: z.array(
        z.object({
          citation: z.string(),
          title: z.string().nullable(),
          publisher: z.string().nullable(),
          accessed: z.string().nullable(),
        }),
      ),
    }),
  })
  .openapi('OcdBill');

export const popoloExportSchema = z
  .object({
    meta: z.object({
      generator: z.string(),
      generated_at: z.string().openapi({ description: 'Latest change to the library (ISO 8601).' }),
      license: z.string().optional(),
      source: z.string(),
    }),
    areas: z.array(popoloAreaSchema),
    organizations: z.array(popoloOrganizationSchema),
    bills: z.array(ocdBillSchema),
    persons: z.array(popoloPersonSchema),
    posts: z.array(popoloPostSchema),
    memberships: z.array(popoloMembershipSchema),
    vote_events: z.array(popoloVoteEventSchema),
  })
  .openapi('PopoloExport');

export type PopoloExport = z.infer<typeof popoloExportSchema>;
type Bill = z.infer<typeof ocdBillSchema>;
type JurisdictionRow = typeof jurisdictions.$inferSelect;
type BodyRow = typeof bodies.$inferSelect;

/** Builds the export in a fixed number of queries, every list in a stable order. */
export async function buildPopoloExport(
  db: Tx,
  options: { baseUrl: string },
): Promise<PopoloExport> {
  const [jurisdictionRows, bodyRows, topicRows, policyIds] = await Promise.all([
    db.select().from(jurisdictions).orderBy(asc(jurisdictions.ocdId)),
    db.select().from(bodies).orderBy(asc(bodies.slug)),
    db.select({ updatedAt: topics.updatedAt }).from(topics),
    db.select({ id: policies.id }).from(policies).where(isTracked).orderBy(asc(policies.slug)),
  ]);
  const [summaries, actionRows, relationRows, sourceRows, officials, votes] = await Promise.all([
    loadPolicySummaries(
      db,
      policyIds.map((p) => p.id),
    ),
    db.select().from(policyActions).orderBy(asc(policyActions.date), asc(policyActions.position)),
    db
      .select({
        fromId: policyRelations.fromPolicyId,
        toId: policyRelations.toPolicyId,
        kind: policyRelations.kind,
      })
      .from(policyRelations)
      .innerJoin(policies, eq(policies.id, policyRelations.toPolicyId))
      .where(isTracked)
      .orderBy(asc(policies.slug), asc(policyRelations.kind)),
    db.select().from(sources).orderBy(asc(sources.position)),
    buildPopoloPeople(db),
    buildPopoloVoteEvents(db),
  ]);

  const ocdById = new Map(jurisdictionRows.map((j) => [j.id, j.ocdId]));
  const bodyById = new Map(bodyRows.map((b) => [b.id, b]));
  const summaryById = new Map(summaries.map((s) => [s.policy.id, s]));
  const context: BillContext = {
    bodyById,
    summaryById,
    actions: groupBy(actionRows, (a) => a.policyId),
    relations: groupBy(relationRows, (r) => r.fromId),
    sources: groupBy(sourceRows, (s) => s.policyId),
  };
  const stamps = [
    ...jurisdictionRows,
    ...bodyRows,
    ...topicRows,
    ...summaries.map((s) => s.policy),
    ...officials.updatedAt.map((updatedAt) => ({ updatedAt })),
    ...votes.updatedAt.map((updatedAt) => ({ updatedAt })),
  ];
  return {
    meta: {
      generator: GENERATOR,
      generated_at: latest(stamps.map((r) => r.updatedAt)).toISOString(),
      source: options.baseUrl,
    },
    areas: jurisdictionRows.map((j) => presentArea(j, ocdById)),
    organizations: bodyRows.map((b) => presentOrganization(b, ocdById, bodyById)),
    bills: summaries.map((s) => presentBill(s, context)),
    persons: officials.persons,
    posts: officials.posts,
    memberships: officials.memberships,
    vote_events: votes.voteEvents,
  };
}

function presentArea(j: JurisdictionRow, ocdById: Map<string, string>) {
  return {
    id: j.ocdId,
    identifier: j.ocdId,
    name: j.nameEn,
    other_names: [{ name: j.nameEs, note: 'es' as const }],
    classification: j.kind,
    parent_id: j.parentId ? (ocdById.get(j.parentId) ?? null) : null,
  };
}

function presentOrganization(
  b: BodyRow,
  ocdById: Map<string, string>,
  bodyById: Map<string, BodyRow>,
) {
  const parent = b.parentId ? bodyById.get(b.parentId) : undefined;
  return {
    id: organizationId(b.slug),
    name: b.nameEn,
    other_names: [{ name: b.nameEs, note: 'es' as const }],
    identifiers: [{ identifier: b.slug, scheme: 'igualdad' as const }],
    classification: b.classification,
    parent_id: parent ? organizationId(parent.slug) : null,
    // A body always belongs to a jurisdiction (foreign key), so the lookup cannot miss.
    area_id: ocdById.get(b.jurisdictionId)!,
  };
}

interface BillContext {
  bodyById: Map<string, BodyRow>;
  summaryById: Map<string, PolicyWithRefs>;
  actions: Map<string, (typeof policyActions.$inferSelect)[]>;
  relations: Map<string, { fromId: string; toId: string; kind: e.RelationKind }[]>;
  sources: Map<string, (typeof sources.$inferSelect)[]>;
}

const primaryIdentifier = (s: PolicyWithRefs) =>
  s.identifiers.find((i) => i.primary)?.value ?? s.policy.slug;

function presentBill(s: PolicyWithRefs, ctx: BillContext): Bill {
  const p = s.policy;
  const orgOf = (bodyId: string | null) => {
    const body = bodyId ? ctx.bodyById.get(bodyId) : undefined;
    return body ? organizationId(body.slug) : null;
  };
  const dated = (date: string | null, verification: e.VerificationState) =>
    date ? { date, verification } : null;
  const policySources = ctx.sources.get(p.id) ?? [];
  return {
    id: billId(p.slug),
    identifier: primaryIdentifier(s),
    title: pickText('en', p.titleEs, p.titleEn).text,
    other_titles: p.titleEs ? [{ title: p.titleEs, note: 'es' }] : [],
    // OCD spells multi-word classifications with spaces ("joint resolution"); ours use underscores.
    classification: [p.classification.replaceAll('_', ' ')],
    subject: s.topics.map((t) => t.slug),
    abstracts: [
      ...(p.summaryEn ? [{ abstract: p.summaryEn, note: 'en' as const }] : []),
      ...(p.summaryEs ? [{ abstract: p.summaryEs, note: 'es' as const }] : []),
    ],
    other_identifiers: s.identifiers
      .filter((i) => !i.primary)
      .map((i) => ({ scheme: i.scheme, identifier: i.value })),
    from_organization: orgOf(p.bodyId),
    jurisdiction: s.jurisdiction.ocdId,
    status: p.status,
    stance: trackedStance(p),
    actions: (ctx.actions.get(p.id) ?? []).map((a) => {
      const counts = voteCounts(a);
      return {
        date: a.date,
        description: a.descriptionEn || a.descriptionEs,
        classification: a.classification,
        organization_id: orgOf(a.bodyId),
        ...(counts.length ? { counts } : {}),
        extras: {
          date_verification: a.dateVerification,
          ...(counts.length ? { vote_verification: a.voteVerification } : {}),
          // en `missing`: the description above is Spanish.
          translation: {
            description: { es: a.descriptionEsState, en: a.descriptionEnState },
          },
        },
      };
    }),
    related_bills: (ctx.relations.get(p.id) ?? []).flatMap((r) => {
      const other = ctx.summaryById.get(r.toId);
      if (!other) return [];
      return [
        {
          id: billId(other.policy.slug),
          identifier: primaryIdentifier(other),
          relation_type: r.kind,
        },
      ];
    }),
    sources: policySources.flatMap((src) =>
      src.url ? [{ url: src.url, note: src.title ?? src.citation ?? src.publisher }] : [],
    ),
    extras: {
      slug: p.slug,
      verification: {
        policy: p.verification,
        note:
          p.verificationNoteEs || p.verificationNoteEn
            ? { es: p.verificationNoteEs ?? '', en: p.verificationNoteEn ?? '' }
            : null,
        title: p.titleVerification,
        dates: {
          introduced: dated(p.introducedOn, p.introducedVerification),
          adopted: dated(p.adoptedOn, p.adoptedVerification),
          signed: dated(p.signedOn, p.signedVerification),
          effective: dated(p.effectiveOn, p.effectiveVerification),
        },
        identifiers: s.identifiers.map((i) => ({
          scheme: i.scheme,
          identifier: i.value,
          primary: i.primary,
          verification: i.verification,
        })),
      },
      translation: {
        title: { es: p.titleEsState, en: p.titleEnState },
        summary: { es: p.summaryEsState, en: p.summaryEnState },
      },
      citations: policySources.flatMap((src) =>
        !src.url && src.citation
          ? [
              {
                citation: src.citation,
                title: src.title,
                publisher: src.publisher,
                accessed: src.accessedOn,
              },
            ]
          : [],
      ),
    },
  };
}

function voteCounts(a: typeof policyActions.$inferSelect) {
  const options = [
    ['yes', a.votesYes],
    ['no', a.votesNo],
    ['abstain', a.votesAbstain],
    ['absent', a.votesAbsent],
  ] as const;
  return options.flatMap(([option, value]) => (value === null ? [] : [{ option, value }]));
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The latest of the timestamps; the Unix epoch for an empty library, so the output stays stable. */
function latest(dates: Date[]): Date {
  return new Date(dates.reduce((max, d) => Math.max(max, d.getTime()), 0));
}
