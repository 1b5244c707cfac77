/**
 * What a jurisdiction page shows besides the tree: its bodies, the policies of the jurisdiction
 * and of those inside it, and the rubric provisions of the policies that apply there (its own and
 * those of the jurisdictions above it).
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import type {
  PolicyStance,
  PolicyStatus,
  RubricCategory,
  VerificationState,
} from '../../db/enums.ts';
import { bodies, policies, provisions } from '../../db/schema.ts';
import { pickName, pickText } from '../../lib/bilingual.ts';
import { isTracked, loadPolicySummaries, trackedStance } from '../policies/queries.ts';

/** Statuses under which a policy's provisions count as existing at a level. */
export const APPLYING_STATUSES = ['in_force', 'enacted_non_binding'] as const;

export async function listBodies(db: Tx, jurisdictionId: string, locale: Locale) {
  const rows = await db
    .select()
    .from(bodies)
    .where(eq(bodies.jurisdictionId, jurisdictionId))
    .orderBy(asc(bodies.slug));
  return rows.map((b) => ({
    slug: b.slug,
    name: pickName(locale, b),
    classification: b.classification,
    seats: b.seats,
  }));
}

export interface PlacePolicy {
  slug: string;
  title: string;
  jurisdictionId: string;
  status: PolicyStatus;
  stance: PolicyStance;
  classification: string;
  identifier: string | null;
  adopted: { date: string; verification: VerificationState } | null;
  /** When the policy's record last changed: the page says when its newest policy did. */
  updatedAt: Date;
}

/** Policies of the given jurisdictions, newest first. */
export async function listPlacePolicies(
  db: Tx,
  jurisdictionIds: string[],
  locale: Locale,
): Promise<PlacePolicy[]> {
  if (!jurisdictionIds.length) return [];
  const rows = await db
    .select({ id: policies.id })
    .from(policies)
    .where(and(inArray(policies.jurisdictionId, jurisdictionIds), isTracked))
    .orderBy(
      sql`coalesce(${policies.adoptedOn}, ${policies.introducedOn}) desc nulls last`,
      desc(policies.slug),
    );
  const loaded = await loadPolicySummaries(
    db,
    rows.map((r) => r.id),
  );
  return loaded.map(({ policy: p, identifiers }) => {
    const id = identifiers.find((i) => i.primary) ?? identifiers[0];
    return {
      slug: p.slug,
      title: pickText(locale, p.titleEs, p.titleEn).text,
      jurisdictionId: p.jurisdictionId,
      status: p.status,
      stance: trackedStance(p),
      classification: p.classification,
      identifier: id?.value ?? null,
      adopted: p.adoptedOn ? { date: p.adoptedOn, verification: p.adoptedVerification } : null,
      updatedAt: p.updatedAt,
    };
  });
}

export interface RubricPolicy {
  slug: string;
  title: string;
  jurisdictionId: string;
  status: PolicyStatus;
  stance: PolicyStance;
  /** Verified when at least one of its provisions in the category is verified. */
  verification: VerificationState;
}

/** A provision counts as a protection here when its policy is in force and protects. */
export const protectsHere = (p: Pick<RubricPolicy, 'status' | 'stance'>) =>
  p.status === 'in_force' && p.stance === 'protects';

/** For each rubric category, the applying policies (in force or non-binding) with a provision in it. */
export async function loadRubric(
  db: Tx,
  jurisdictionIds: string[],
  locale: Locale,
): Promise<Map<RubricCategory, RubricPolicy[]>> {
  const out = new Map<RubricCategory, RubricPolicy[]>();
  if (!jurisdictionIds.length) return out;
  const rows = await db
    .select({
      category: provisions.category,
      verification: provisions.verification,
      policy: {
        slug: policies.slug,
        titleEs: policies.titleEs,
        titleEn: policies.titleEn,
        jurisdictionId: policies.jurisdictionId,
        status: policies.status,
        stance: policies.stance,
      },
    })
    .from(provisions)
    .innerJoin(policies, eq(policies.id, provisions.policyId))
    .where(
      and(
        inArray(policies.jurisdictionId, jurisdictionIds),
        inArray(policies.status, [...APPLYING_STATUSES]),
        isTracked,
      ),
    )
    .orderBy(asc(policies.status), asc(policies.slug));
  for (const { category, verification, policy: p } of rows) {
    const list = out.get(category) ?? [];
    const seen = list.find((x) => x.slug === p.slug);
    if (seen) {
      if (verification === 'verified') seen.verification = 'verified';
      continue;
    }
    list.push({
      slug: p.slug,
      title: pickText(locale, p.titleEs, p.titleEn).text,
      jurisdictionId: p.jurisdictionId,
      status: p.status,
      stance: trackedStance(p),
      verification,
    });
    out.set(category, list);
  }
  return out;
}
