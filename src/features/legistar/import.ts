/**
 * `igualdad import legistar`: one Legistar Web API client's bodies, persons, office records,
 * matters (with histories, roll calls and sponsors) and events, into one jurisdiction. Everything
 * is fetched and validated first; then one transaction writes it, so a malformed record or an
 * unmapped vote value leaves the database as it was. Runs are incremental (each entity resumes
 * after the newest LastModifiedUtc already imported, unless `since` is given) and idempotent.
 * Decision 017 gives the matching, mapping and ownership rules.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import * as s from '../../db/schema.ts';
import {
  emptyReport,
  InputRejected,
  type CivicImportReport,
  type InputProblem,
} from '../divisions/report.ts';
import { createLegistarClient } from './client.ts';
import { LEGISTAR_ENTITIES, schemeOf, type WriteContext } from './context.ts';
import { fetchLegistarBatch, type LegistarBatch, type SyncMarks } from './fetch.ts';
import { DEFAULT_VOTE_OPTIONS, voteValueKey, type VoteOption } from './mapping.ts';
import { lastModified, upsertExternalIds } from './store.ts';
import { writeEvents } from './write-events.ts';
import { writeMatters } from './write-matters.ts';
import { writeBodies, writeMemberships, writePeople } from './write-people.ts';
import { writeVoteEvents } from './write-votes.ts';

export interface LegistarImportOptions {
  /** `http(s)://…/v1/{client}` */
  baseUrl: string;
  /** The slug of the jurisdiction the client's bodies belong to, e.g. `albuquerque`. */
  jurisdiction: string;
  /** ISO date or timestamp (UTC): only records modified after it. Default: the last sync. */
  since?: string;
  /** Only this body's matters and events (Legistar's BodyName). */
  body?: string;
  /** The client's time zone, for meeting times (default America/Denver). */
  timeZone?: string;
  requestsPerSecond?: number;
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  onProgress?: (message: string) => void;
}

const BASE_URL = /^https?:\/\/[^/\s]+(?:\/[^\s?#]*)?\/v1\/([A-Za-z0-9_-]+)\/?$/;
const LOCK = 727_017;

/** The client name of a base URL (`…/v1/cabq` → `cabq`); throws on anything else. */
export function clientOf(baseUrl: string): string {
  const match = BASE_URL.exec(baseUrl);
  if (!match)
    throw new Error(
      `--base-url ${baseUrl}: expected an http(s) URL ending in /v1/{client}, such as https://webapi.legistar.com/v1/cabq`,
    );
  return match[1]!;
}

const MARKS: [keyof SyncMarks, string][] = [
  ['Person', 'person'],
  ['OfficeRecord', 'office_record'],
  ['Matter', 'matter'],
  ['Event', 'event'],
];

async function syncMarks(db: Db, client: string, since?: string): Promise<SyncMarks> {
  if (since) {
    // A date is midnight UTC; a timestamp without a zone is UTC too, as Legistar's are.
    const text = /T/.test(since) ? since : `${since}T00:00:00`;
    const instant = new Date(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isNaN(instant.getTime()))
      throw new Error(`--since ${since}: expected a date such as 2024-01-31`);
    return Object.fromEntries(MARKS.map(([entity]) => [entity, instant]));
  }
  const marks: SyncMarks = {};
  for (const [entity, name] of MARKS) {
    const newest = await lastModified(db, schemeOf({ client }, name));
    if (newest) marks[entity] = newest;
  }
  return marks;
}

/** The client's vote words: built-in defaults, then `legistar` rows, then `legistar:{client}`. */
async function voteOptionsOf(db: Db, client: string) {
  const rows = await db
    .select()
    .from(s.voteOptionMappings)
    .where(inArray(s.voteOptionMappings.source, ['legistar', `legistar:${client}`]));
  const map = new Map<string, VoteOption>(Object.entries(DEFAULT_VOTE_OPTIONS));
  for (const source of ['legistar', `legistar:${client}`])
    for (const r of rows) if (r.source === source) map.set(voteValueKey(r.value), r.option);
  return map;
}

function checkVoteValues(batch: LegistarBatch, options: Map<string, VoteOption>, client: string) {
  const problems: InputProblem[] = [];
  for (const [eventItem, votes] of batch.votes)
    for (const vote of votes)
      if (!options.has(voteValueKey(vote.VoteValueName)))
        problems.push({
          record: `/eventitems/${eventItem}/votes, vote ${vote.VoteId} (${vote.VotePersonName})`,
          reason:
            `vote value "${vote.VoteValueName}" has no OCD option. Add a mapping, e.g. ` +
            `INSERT INTO vote_option_mappings (source, value, option) VALUES ('legistar:${client}', ` +
            `'${voteValueKey(vote.VoteValueName).replace(/'/g, "''")}', 'abstain'); ` +
            `options: yes, no, abstain, absent, excused, not_voting, paired, other`,
        });
  return problems;
}

export async function importLegistar(
  database: Db | Database,
  options: LegistarImportOptions,
): Promise<CivicImportReport> {
  const db = 'ping' in database ? database.db : database;
  const client = clientOf(options.baseUrl);
  const [jurisdiction] = await db
    .select({
      id: s.jurisdictions.id,
      slug: s.jurisdictions.slug,
      ocdId: s.jurisdictions.ocdId,
      nameEn: s.jurisdictions.nameEn,
    })
    .from(s.jurisdictions)
    .where(eq(s.jurisdictions.slug, options.jurisdiction));
  if (!jurisdiction)
    throw new Error(
      `--jurisdiction ${options.jurisdiction}: no such jurisdiction in the library (give its slug, e.g. albuquerque)`,
    );
  const marks = await syncMarks(db, client, options.since);
  const voteOptions = await voteOptionsOf(db, client);

  const api = createLegistarClient({
    baseUrl: options.baseUrl,
    requestsPerSecond: options.requestsPerSecond,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    backoffMs: options.backoffMs,
    onRetry: options.onProgress,
  });
  const batch = await fetchLegistarBatch(api, {
    marks,
    body: options.body,
    onProgress: options.onProgress,
  });
  const problems = checkVoteValues(batch, voteOptions, client);
  if (problems.length) throw new InputRejected(`${api.baseUrl} (vote values)`, problems);
  const optionOf = (value: string) => voteOptions.get(voteValueKey(value))!;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const ctx: WriteContext = {
      tx,
      client,
      baseUrl: api.baseUrl,
      jurisdiction,
      timeZone: options.timeZone ?? 'America/Denver',
      report: emptyReport([...LEGISTAR_ENTITIES]),
      bodyIds: new Map(),
      personIds: new Map(),
      external: [],
    };
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      options.onProgress?.(`${name} written in ${Math.round(performance.now() - started)} ms`);
      return result;
    };
    await step('bodies', () => writeBodies(ctx, batch.bodies));
    await step('people', () => writePeople(ctx, batch.persons));
    await step('terms', () => writeMemberships(ctx, batch.officeRecords));
    const rollCalls = await step('matters', () => writeMatters(ctx, batch, optionOf));
    await step('roll calls', () => writeVoteEvents(ctx, rollCalls));
    await step('events', () => writeEvents(ctx, batch.events));
    await step('external ids', () => upsertExternalIds(tx, ctx.external));
    const { created, updated } = ctx.report;
    if (LEGISTAR_ENTITIES.some((e) => created[e] || updated[e])) await bumpDataVersion(tx);
    return ctx.report;
  });
}
