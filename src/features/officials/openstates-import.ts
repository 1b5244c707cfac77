/**
 * `igualdad import openstates DIR`: Open States person files to people, seats (posts) and terms
 * (memberships). Every file is read and checked before anything is written; one malformed person
 * file rejects the batch. Files of other kinds (committees, the municipalities list) are skipped
 * with a reason. Records are found again by their Open States ids (`external_ids`), so a second
 * run changes nothing and a changed file updates in place.
 *
 * Which body a role belongs to: `--body TYPE=SLUG` when given, else the convention of the default
 * dataset, `<place>-<body>` (upper -> nm-senate, lower -> nm-house, governor -> nm-governor,
 * mayor -> albuquerque-mayor). A role whose body is not in the library is skipped with a reason.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import type { Db, Tx } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import * as s from '../../db/schema.ts';
import { slugify } from '../../lib/slug.ts';
import { emptyReport, InputRejected, tally, type CivicImportReport } from '../divisions/report.ts';
import { personFile, type PersonFile, type RoleRecord } from './openstates-schema.ts';

export interface LoadedPerson {
  file: string;
  person: PersonFile;
}

const MAX_FILES = 20_000;

function yamlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (error) {
    throw new Error(`cannot read ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/i.test(name) ? [full] : [];
  });
}

/** Reads and checks every YAML file under the folder. */
export function readOpenStatesDir(dir: string) {
  const files = yamlFiles(dir);
  if (files.length > MAX_FILES)
    throw new InputRejected(dir, [{ record: dir, reason: `more than ${MAX_FILES} files` }]);
  const people: LoadedPerson[] = [];
  const skipped: CivicImportReport['skipped'] = [];
  const problems: { record: string; reason: string }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const record = path.relative(dir, file);
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'), { uniqueKeys: true });
    } catch (error) {
      problems.push({ record, reason: `is not YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const id = raw && typeof raw === 'object' && 'id' in raw ? String(raw.id) : '';
    if (Array.isArray(raw) || id.startsWith('ocd-organization/')) {
      skipped.push({ record, reason: 'not a person file (only people are imported)' });
      continue;
    }
    const parsed = personFile.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ record, reason: `${issue.path.join('.') || '(file)'}: ${issue.message}` });
      continue;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier) {
      problems.push({ record, reason: `${parsed.data.id} is also in ${earlier}` });
      continue;
    }
    seen.set(parsed.data.id, record);
    people.push({ file: record, person: parsed.data });
  }
  if (problems.length) throw new InputRejected(dir, problems);
  return { people, skipped };
}

/** `ocd-jurisdiction/.../government` -> `ocd-division/...`. */
export function divisionOfJurisdiction(jurisdiction: string): string {
  return jurisdiction.replace(/^ocd-jurisdiction\//, 'ocd-division/').replace(/\/government$/, '');
}

const CONVENTIONAL_BODY: Record<string, string> = {
  upper: 'senate',
  lower: 'house',
  legislature: 'legislature',
  governor: 'governor',
  lt_governor: 'lt-governor',
  mayor: 'mayor',
  councilmember: 'city-council',
};

const DISTRICT_TYPE: Record<string, string> = {
  upper: 'sldu',
  legislature: 'sldu',
  lower: 'sldl',
  councilmember: 'council_district',
};

function conventionalBodySlug(role: RoleRecord): string | undefined {
  const place = divisionOfJurisdiction(role.jurisdiction).split(':').pop()!;
  const body = CONVENTIONAL_BODY[role.type];
  return body ? `${slugify(place)}-${body}` : undefined;
}

/** The seat's division: the district's when the role has one, else the whole jurisdiction's. */
export function postDivision(role: RoleRecord): string {
  const division = divisionOfJurisdiction(role.jurisdiction);
  const type = DISTRICT_TYPE[role.type];
  if (!role.district || !type) return division;
  return `${division}/${type}:${role.district.trim().toLowerCase().replace(/\s+/g, '_')}`;
}

function partyAt(person: PersonFile, role: RoleRecord): string | null {
  const overlapping = person.party.find(
    (p) =>
      (!p.end_date || !role.start_date || p.end_date >= role.start_date) &&
      (!p.start_date || !role.end_date || p.start_date <= role.end_date),
  );
  return overlapping?.name ?? null;
}

function contactDetails(person: PersonFile): s.ContactDetail[] {
  return person.offices.flatMap((office) =>
    (['address', 'voice', 'fax', 'email'] as const)
      .filter((type) => office[type])
      .map((type) => ({ type, value: office[type]!, label: office.classification })),
  );
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const LOCK = 727_016;
const ENTITIES = ['people', 'posts', 'memberships'];

export async function applyOpenStates(
  db: Db,
  people: LoadedPerson[],
  options: { bodies?: Record<string, string>; skipped?: CivicImportReport['skipped'] } = {},
) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const report = emptyReport(ENTITIES);
    report.skipped.push(...(options.skipped ?? []));
    const bodyIds = new Map(
      (await tx.select({ id: s.bodies.id, slug: s.bodies.slug }).from(s.bodies)).map((b) => [
        b.slug,
        b.id,
      ]),
    );
    for (const { file, person } of people) {
      const personId = await upsertPerson(tx, person, report);
      for (const role of person.roles) {
        const slug = options.bodies?.[role.type] ?? conventionalBodySlug(role);
        const bodyId = slug ? bodyIds.get(slug) : undefined;
        if (!bodyId) {
          report.skipped.push({
            record: `${file}: ${role.type} ${role.district ?? ''}`.trim(),
            reason: slug
              ? `no body "${slug}" in the library: add it, or pass --body ${role.type}=SLUG`
              : `no body for role type "${role.type}": pass --body ${role.type}=SLUG`,
          });
          continue;
        }
        const postId = await upsertPost(tx, bodyId, role, report);
        await upsertMembership(tx, { person, personId, bodyId, postId, role }, report);
      }
    }
    const changed = ENTITIES.some((e) => report.created[e] || report.updated[e]);
    if (changed) await bumpDataVersion(tx);
    return report;
  });
}

/**
 * The record another system's id points to. An id whose record was deleted since (staff removed
 * a person) is forgotten, so the record is created again rather than updated into nothing.
 */
async function findExternal(
  tx: Tx,
  scheme: string,
  value: string,
  table: typeof s.people | typeof s.memberships,
) {
  const match = and(eq(s.externalIds.scheme, scheme), eq(s.externalIds.value, value));
  const [row] = await tx
    .select({ id: s.externalIds.entityId, present: table.id })
    .from(s.externalIds)
    .leftJoin(table, eq(table.id, s.externalIds.entityId))
    .where(match);
  if (row && !row.present) await tx.delete(s.externalIds).where(match);
  return row?.present ?? undefined;
}

async function rememberExternal(tx: Tx, scheme: string, value: string, entity: string, id: string) {
  await tx.insert(s.externalIds).values({ scheme, value, entity, entityId: id });
}

async function freeSlug(tx: Tx, name: string, id: string): Promise<string> {
  const base = slugify(name) || 'person';
  const [taken] = await tx
    .select({ id: s.people.id })
    .from(s.people)
    .where(eq(s.people.slug, base));
  return taken ? `${base}-${id.slice('ocd-person/'.length, 'ocd-person/'.length + 8)}` : base;
}

async function upsertPerson(tx: Tx, person: PersonFile, report: CivicImportReport) {
  const values = {
    name: person.name,
    givenName: person.given_name ?? null,
    familyName: person.family_name ?? null,
    sortName: person.family_name
      ? `${person.family_name}, ${person.given_name ?? ''}`.trim()
      : null,
    email: person.email ?? null,
    image: person.image ?? null,
    contactDetails: contactDetails(person),
    links: person.links.map((l) => ({ url: l.url, ...(l.note ? { note: l.note } : {}) })),
    otherNames: person.other_names.map((n) => n.name),
    sources: person.sources.map((l) => ({ url: l.url, ...(l.note ? { note: l.note } : {}) })),
  };
  const contentHash = hash(values);
  const existing = await findExternal(tx, 'openstates:person', person.id, s.people);
  if (existing) {
    const [row] = await tx
      .select({ hash: s.people.contentHash })
      .from(s.people)
      .where(eq(s.people.id, existing));
    if (row?.hash === contentHash) {
      tally(report, 'people', 'unchanged');
      return existing;
    }
    await tx
      .update(s.people)
      .set({ ...values, contentHash, updatedAt: sql`now()` })
      .where(eq(s.people.id, existing));
    tally(report, 'people', 'updated');
    return existing;
  }
  const [created] = await tx
    .insert(s.people)
    .values({ ...values, slug: await freeSlug(tx, person.name, person.id), contentHash })
    .returning({ id: s.people.id });
  await rememberExternal(tx, 'openstates:person', person.id, 'people', created!.id);
  tally(report, 'people', 'created');
  return created!.id;
}

async function upsertPost(tx: Tx, bodyId: string, role: RoleRecord, report: CivicImportReport) {
  const label = role.district?.trim() || role.type;
  const division = postDivision(role);
  const [existing] = await tx
    .select()
    .from(s.posts)
    .where(and(eq(s.posts.bodyId, bodyId), eq(s.posts.label, label)));
  if (existing) {
    if (existing.divisionOcdId === division && existing.role === role.type) {
      tally(report, 'posts', 'unchanged');
      return existing.id;
    }
    await tx
      .update(s.posts)
      .set({ divisionOcdId: division, role: role.type, updatedAt: sql`now()` })
      .where(eq(s.posts.id, existing.id));
    tally(report, 'posts', 'updated');
    return existing.id;
  }
  const [created] = await tx
    .insert(s.posts)
    .values({ bodyId, label, divisionOcdId: division, role: role.type })
    .returning({ id: s.posts.id });
  tally(report, 'posts', 'created');
  return created!.id;
}

async function upsertMembership(
  tx: Tx,
  m: { person: PersonFile; personId: string; bodyId: string; postId: string; role: RoleRecord },
  report: CivicImportReport,
) {
  const key = [
    m.person.id,
    m.role.type,
    m.role.jurisdiction,
    m.role.district ?? '',
    m.role.start_date ?? '',
  ].join('|');
  const values = {
    personId: m.personId,
    bodyId: m.bodyId,
    postId: m.postId,
    role: m.role.type,
    party: partyAt(m.person, m.role),
    startDate: m.role.start_date ?? null,
    endDate: m.role.end_date ?? null,
    sources: m.person.sources.map((l) => ({ url: l.url, ...(l.note ? { note: l.note } : {}) })),
  };
  const contentHash = hash(values);
  const existing = await findExternal(tx, 'openstates:role', key, s.memberships);
  if (existing) {
    const [row] = await tx
      .select({ hash: s.memberships.contentHash })
      .from(s.memberships)
      .where(eq(s.memberships.id, existing));
    if (row?.hash === contentHash) {
      tally(report, 'memberships', 'unchanged');
      return;
    }
    await tx
      .update(s.memberships)
      .set({ ...values, contentHash, updatedAt: sql`now()` })
      .where(eq(s.memberships.id, existing));
    tally(report, 'memberships', 'updated');
    return;
  }
  const [created] = await tx
    .insert(s.memberships)
    .values({ ...values, contentHash })
    .returning({ id: s.memberships.id });
  await rememberExternal(tx, 'openstates:role', key, 'memberships', created!.id);
  tally(report, 'memberships', 'created');
}
