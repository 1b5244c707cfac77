/**
 * Legistar bodies, persons and office records to bodies, people, seats and terms.
 *
 * A body is found by its external id, else among the jurisdiction's bodies by name (case and
 * spacing ignored): "City Council" matches "City Council", "Albuquerque City Council" or
 * "City Council of Albuquerque" (the jurisdiction's name without "City of"/"County of"). A body
 * found by name belongs to the library: it is linked, never renamed. Persons are found by external
 * id only (two officials may share a name); only public office contacts are kept.
 */
import { eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema.ts';
import { slugify } from '../../lib/slug.ts';
import { tally } from '../divisions/report.ts';
import { schemeOf, type WriteContext } from './context.ts';
import { bodyClassificationOf } from './mapping.ts';
import { syncRecord } from './sync-record.ts';
import type { LegistarBody, LegistarOfficeRecord, LegistarPerson } from './schema.ts';
import {
  changedMark,
  freeSlug,
  insertChunks,
  isOurs,
  legistarHash,
  loadKnown,
  newId,
} from './store.ts';

const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** The names a library body may carry for a Legistar body name. */
export function bodyNameCandidates(legistarName: string, jurisdictionName: string): string[] {
  const place = jurisdictionName.replace(/^(city|county|town|village) of\s+/i, '');
  return [legistarName, `${place} ${legistarName}`, `${legistarName} of ${place}`].map(fold);
}

export async function writeBodies(ctx: WriteContext, bodies: LegistarBody[]) {
  const { tx, jurisdiction, report } = ctx;
  const scheme = schemeOf(ctx, 'body');
  const known = await loadKnown(tx, scheme, s.bodies);
  for (const [value, k] of known) ctx.bodyIds.set(Number(value), k.id);
  const library = await tx
    .select({ id: s.bodies.id, nameEn: s.bodies.nameEn, hash: s.bodies.contentHash })
    .from(s.bodies)
    .where(eq(s.bodies.jurisdictionId, jurisdiction.id));
  const taken = new Set(
    (await tx.select({ slug: s.bodies.slug }).from(s.bodies)).map((b) => b.slug),
  );
  for (const body of bodies) {
    const values = {
      nameEs: body.BodyName,
      nameEn: body.BodyName,
      classification: bodyClassificationOf(body.BodyTypeName, body.BodyName),
      seats: body.BodyNumberOfMembers || null,
    };
    const contentHash = legistarHash(values);
    const k = known.get(String(body.BodyId));
    let id = k?.id;
    if (id) {
      if (!isOurs(k!.hash) || k!.hash === contentHash) tally(report, 'bodies', 'unchanged');
      else {
        await tx
          .update(s.bodies)
          .set({ ...values, contentHash, updatedAt: sql`now()` })
          .where(eq(s.bodies.id, id));
        tally(report, 'bodies', 'updated');
      }
    } else {
      const names = bodyNameCandidates(body.BodyName, jurisdiction.nameEn);
      id = library.find((b) => names.includes(fold(b.nameEn)))?.id;
      if (id) tally(report, 'bodies', 'unchanged');
      else {
        id = newId();
        const slug = freeSlug(taken, `${jurisdiction.slug}-${slugify(body.BodyName)}`, 'body');
        await tx
          .insert(s.bodies)
          .values({ id, slug, jurisdictionId: jurisdiction.id, ...values, contentHash });
        tally(report, 'bodies', 'created');
      }
    }
    ctx.bodyIds.set(body.BodyId, id);
    if (changedMark(k, body.BodyLastModifiedUtc) || k?.id !== id)
      ctx.external.push({
        scheme,
        value: String(body.BodyId),
        entity: 'bodies',
        entityId: id,
        sourceModifiedAt: body.BodyLastModifiedUtc,
      });
  }
}

function personValues(ctx: WriteContext, p: LegistarPerson) {
  const contacts: s.ContactDetail[] = [];
  if (p.PersonPhone) contacts.push({ type: 'voice', value: p.PersonPhone, label: 'office' });
  if (p.PersonFax) contacts.push({ type: 'fax', value: p.PersonFax, label: 'office' });
  const web = p.PersonWWW && /^https?:\/\//i.test(p.PersonWWW) ? [{ url: p.PersonWWW }] : [];
  return {
    name: p.PersonFullName,
    givenName: p.PersonFirstName,
    familyName: p.PersonLastName,
    sortName: p.PersonLastName
      ? `${p.PersonLastName}, ${p.PersonFirstName ?? ''}`.replace(/, $/, '')
      : null,
    email: p.PersonEmail,
    contactDetails: contacts,
    links: web,
    sources: [{ url: `${ctx.baseUrl}/persons/${p.PersonId}`, note: 'Legistar' }],
  };
}

export async function writePeople(ctx: WriteContext, persons: LegistarPerson[]) {
  const { tx } = ctx;
  const scheme = schemeOf(ctx, 'person');
  const known = await loadKnown(tx, scheme, s.people);
  for (const [value, k] of known) ctx.personIds.set(Number(value), k.id);
  const taken = new Set(
    (await tx.select({ slug: s.people.slug }).from(s.people)).map((p) => p.slug),
  );
  const created: (typeof s.people.$inferInsert)[] = [];
  for (const person of persons) {
    const id = await syncRecord(ctx, {
      table: s.people,
      entity: 'people',
      scheme,
      sourceId: person.PersonId,
      modified: person.PersonLastModifiedUtc,
      values: personValues(ctx, person),
      known,
      created,
      onCreate: () => ({
        slug: freeSlug(taken, slugify(person.PersonFullName), `person-${person.PersonId}`),
      }),
    });
    ctx.personIds.set(person.PersonId, id);
  }
  await insertChunks(tx, s.people, created);
}

/** "District 3" in the record's title or extra text names the seat; else there is no seat. */
export function districtOf(record: LegistarOfficeRecord): string | undefined {
  const text = `${record.OfficeRecordTitle ?? ''} ${record.OfficeRecordExtraText ?? ''}`;
  return /\bdistrict\s*(?:no\.?\s*)?(\d+)\b/i.exec(text)?.[1];
}

export async function writeMemberships(ctx: WriteContext, records: LegistarOfficeRecord[]) {
  const { tx, report } = ctx;
  const scheme = schemeOf(ctx, 'office_record');
  const known = await loadKnown(tx, scheme, s.memberships);
  const posts = new Map(
    (
      await tx
        .select({ id: s.posts.id, bodyId: s.posts.bodyId, label: s.posts.label })
        .from(s.posts)
        .innerJoin(s.bodies, eq(s.bodies.id, s.posts.bodyId))
        .where(eq(s.bodies.jurisdictionId, ctx.jurisdiction.id))
    ).map((p) => [`${p.bodyId}|${p.label}`, p.id]),
  );
  const created: (typeof s.memberships.$inferInsert)[] = [];
  const countedPosts = new Set<string>();
  for (const record of records) {
    const where = `office record ${record.OfficeRecordId} (${record.OfficeRecordFullName ?? '?'})`;
    const bodyId = ctx.bodyIds.get(record.OfficeRecordBodyId);
    const personId = ctx.personIds.get(record.OfficeRecordPersonId);
    if (!bodyId || !personId) {
      report.skipped.push({
        record: where,
        reason: !bodyId
          ? `body ${record.OfficeRecordBodyId} is not in the client's bodies`
          : `person ${record.OfficeRecordPersonId} is not in the client's persons`,
      });
      continue;
    }
    const postId = await seatOf(ctx, posts, bodyId, record, countedPosts);
    const values = {
      personId,
      bodyId,
      postId,
      role: record.OfficeRecordTitle,
      startDate: record.OfficeRecordStartDate ?? null,
      endDate: record.OfficeRecordEndDate ?? null,
      sources: [{ url: `${ctx.baseUrl}/officerecords/${record.OfficeRecordId}`, note: 'Legistar' }],
    };
    await syncRecord(ctx, {
      table: s.memberships,
      entity: 'memberships',
      scheme,
      sourceId: record.OfficeRecordId,
      modified: record.OfficeRecordLastModifiedUtc,
      values,
      known,
      created,
    });
  }
  await insertChunks(tx, s.memberships, created);
}

/** The body's seat for the record's district, created once per body and district. */
async function seatOf(
  ctx: WriteContext,
  posts: Map<string, string>,
  bodyId: string,
  record: LegistarOfficeRecord,
  counted: Set<string>,
): Promise<string | null> {
  const district = districtOf(record);
  if (!district) return null;
  const label = `District ${district}`;
  const existing = posts.get(`${bodyId}|${label}`);
  if (existing) {
    if (!counted.has(existing)) tally(ctx.report, 'posts', 'unchanged');
    counted.add(existing);
    return existing;
  }
  const id = newId();
  await ctx.tx.insert(s.posts).values({
    id,
    bodyId,
    label,
    role: record.OfficeRecordTitle,
    divisionOcdId: `${ctx.jurisdiction.ocdId}/council_district:${district}`,
  });
  posts.set(`${bodyId}|${label}`, id);
  counted.add(id);
  tally(ctx.report, 'posts', 'created');
  return id;
}
