/**
 * Roll calls as a spreadsheet: one row per recorded vote on a tracked policy (the public rule
 * of vote-event-queries.ts), newest roll call first, each vote read as with or against immigrant
 * residents by the policy's stance. A roll call known only by its totals has no row: the totals
 * are in the API and the Popolo export. The same CSV safety as the policies file (csv.ts).
 */
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { pickName } from '../../lib/bilingual.ts';
import { readVote } from '../officials/reading.ts';
import {
  listAllVoteEvents,
  listVotesByEvent,
  type PublicVote,
  type PublicVoteEvent,
} from '../officials/vote-event-queries.ts';
import { motionIn, motionLang } from '../officials/motion.ts';
import { tableToCsv, type CsvColumn } from './csv.ts';

type Row = PublicVote & { event: PublicVoteEvent };

const columns = (lang: Locale): CsvColumn<Row>[] => [
  ['date', (r) => r.event.date],
  ['vote_event_id', (r) => r.event.id],
  ['body_slug', (r) => r.event.body?.slug ?? null],
  ['body', (r) => (r.event.body ? pickName(lang, r.event.body) : null)],
  ['policy_slug', (r) => r.event.policy.slug],
  ['policy_stance', (r) => r.event.policy.stance],
  ['motion', (r) => motionIn(lang, r.event).text],
  // The language the motion is in: the other one when it has no translation (imported: English).
  ['motion_lang', (r) => motionLang(lang, r.event)],
  ['result', (r) => r.event.result],
  ['voter_name', (r) => r.voterName],
  ['official_slug', (r) => r.personSlug],
  ['option', (r) => r.option],
  ['with_or_against_immigrant_residents', (r) => readVote(r.event.policy.stance, r.option)],
  ['verification', (r) => r.verification],
];

/** Every vote of every public roll call, in two queries. */
export async function buildVotesCsv(db: Tx, options: { lang?: Locale } = {}): Promise<string> {
  const [events, votes] = await Promise.all([listAllVoteEvents(db), listVotesByEvent(db)]);
  const rows = events.flatMap((event) =>
    (votes.get(event.id) ?? []).map((vote): Row => ({ ...vote, event })),
  );
  return tableToCsv(columns(options.lang ?? 'es'), rows);
}
