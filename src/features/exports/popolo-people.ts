/**
 * Officials in the Popolo export: persons, posts (seats) and memberships (terms). Ids are ours,
 * in the same `igualdad:` namespace as organizations and bills: persons by slug (stable), posts
 * and memberships by their row ids. A person's Open States id travels in `identifiers`. Party
 * sits in `extras.party` (Popolo would need the party as an organization; we do not model one).
 * Officials' public information only; never a gender or a birth date.
 */
import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { bodies, externalIds, memberships, people, posts } from '../../db/schema.ts';
import { verificationSchema } from '../api/common.ts';

export const personId = (slug: string) => `igualdad:person/${slug}`;
export const postId = (id: string) => `igualdad:post/${id}`;
export const membershipId = (id: string) => `igualdad:membership/${id}`;
const organizationId = (slug: string) => `igualdad:body/${slug}`;

const link = z.object({ url: z.string(), note: z.string().optional() });

export const popoloPersonSchema = z
  .object({
    id: z.string().openapi({ description: '`igualdad:person/<slug>`' }),
    name: z.string(),
    given_name: z.string().nullable(),
    family_name: z.string().nullable(),
    sort_name: z.string().nullable(),
    email: z.string().nullable(),
    other_names: z.array(z.object({ name: z.string() })),
    identifiers: z.array(z.object({ scheme: z.string(), identifier: z.string() })),
    contact_details: z.array(
      z.object({ type: z.string(), value: z.string(), label: z.string().optional() }),
    ),
    links: z.array(link),
    sources: z.array(link),
    extras: z.object({ verification: verificationSchema }),
  })
  .openapi('PopoloPerson');

export const popoloPostSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    role: z.string().nullable(),
    organization_id: z.string(),
    area_id: z.string().nullable().openapi({ description: 'OCD division id of the seat.' }),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
  })
  .openapi('PopoloPost');

export const popoloMembershipSchema = z
  .object({
    id: z.string(),
    person_id: z.string(),
    organization_id: z.string(),
    post_id: z.string().nullable(),
    role: z.string().nullable(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
    sources: z.array(link),
    extras: z.object({ party: z.string().nullable(), verification: verificationSchema }),
  })
  .openapi('PopoloMembership');

const withoutEmptyNote = (l: { url: string; note?: string }) =>
  l.note ? { url: l.url, note: l.note } : { url: l.url };

export async function buildPopoloPeople(db: Tx) {
  const [personRows, idRows, postRows, membershipRows] = await Promise.all([
    db.select().from(people).orderBy(asc(people.slug)),
    db
      .select({
        entityId: externalIds.entityId,
        scheme: externalIds.scheme,
        value: externalIds.value,
      })
      .from(externalIds)
      .where(eq(externalIds.entity, 'people'))
      .orderBy(asc(externalIds.scheme), asc(externalIds.value)),
    db
      .select({ post: posts, bodySlug: bodies.slug })
      .from(posts)
      .innerJoin(bodies, eq(bodies.id, posts.bodyId))
      .orderBy(asc(bodies.slug), asc(posts.label)),
    db
      .select({ membership: memberships, bodySlug: bodies.slug, personSlug: people.slug })
      .from(memberships)
      .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
      .innerJoin(people, eq(people.id, memberships.personId))
      .orderBy(asc(people.slug), asc(memberships.startDate), asc(memberships.id)),
  ]);
  const idsOf = new Map<string, { scheme: string; identifier: string }[]>();
  for (const row of idRows) {
    const list = idsOf.get(row.entityId) ?? [];
    list.push({ scheme: row.scheme, identifier: row.value });
    idsOf.set(row.entityId, list);
  }
  return {
    persons: personRows.map((p) => ({
      id: personId(p.slug),
      name: p.name,
      given_name: p.givenName,
      family_name: p.familyName,
      sort_name: p.sortName,
      email: p.email,
      other_names: p.otherNames.map((name) => ({ name })),
      identifiers: idsOf.get(p.id) ?? [],
      contact_details: p.contactDetails.map((c) =>
        c.label
          ? { type: c.type, value: c.value, label: c.label }
          : { type: c.type, value: c.value },
      ),
      links: p.links.map(withoutEmptyNote),
      sources: p.sources.map(withoutEmptyNote),
      extras: { verification: p.verification },
    })),
    posts: postRows.map(({ post, bodySlug }) => ({
      id: postId(post.id),
      label: post.label,
      role: post.role,
      organization_id: organizationId(bodySlug),
      area_id: post.divisionOcdId,
      start_date: post.startDate,
      end_date: post.endDate,
    })),
    memberships: membershipRows.map(({ membership: m, bodySlug, personSlug }) => ({
      id: membershipId(m.id),
      person_id: personId(personSlug),
      organization_id: organizationId(bodySlug),
      post_id: m.postId ? postId(m.postId) : null,
      role: m.role,
      start_date: m.startDate,
      end_date: m.endDate,
      sources: m.sources.map(withoutEmptyNote),
      extras: { party: m.party, verification: m.verification },
    })),
    /** The latest change among them, for the export's `generated_at`. */
    updatedAt: [
      ...personRows,
      ...postRows.map((r) => r.post),
      ...membershipRows.map((r) => r.membership),
    ].map((r) => r.updatedAt),
  };
}
