/**
 * Roll calls in the Popolo export, as Popolo vote events: those on tracked policies only (the
 * public rule of vote-event-queries.ts). Ids are ours, `igualdad:vote_event/<row id>`; voters
 * are `igualdad:person/<slug>` when the recorded name is matched to an official, and otherwise
 * `voter: {name}` with the name as the source gives it, so no vote is lost.
 *
 * Dates: Popolo's `start_date` is a date-time ("the time at which the event begins"). We know
 * the day of a roll call, often only the month or the year, never the time, and we will not
 * invent a midnight that would read as a fact. So `start_date` is null and `extras.date` holds
 * the date as recorded (ISO 8601, possibly partial: "2017", "2017-03", "2017-03-14"), a local
 * date in the body's time zone.
 *
 * Options follow Open Civic Data's spelling ("not voting", with a space), as bill classifications
 * do in popolo.ts. The motion is English (Spanish when the English text is missing), both in
 * `extras.motion` with their translation states in `extras.translation.motion` (Legistar's
 * motions are English only: Spanish null and `missing`), as bills' titles; the policy voted on is `extras.bill_id`; each vote's verification state
 * travels with it.
 */
import { z } from '@hono/zod-openapi';
import type { Tx } from '../../db/client.ts';
import * as e from '../../db/enums.ts';
import { translationStateSchema, verificationSchema } from '../api/common.ts';
import {
  listAllVoteEvents,
  listVotesByEvent,
  type PublicVote,
  type PublicVoteEvent,
} from '../officials/vote-event-queries.ts';
import { personId } from './popolo-people.ts';

export const voteEventId = (id: string) => `igualdad:vote_event/${id}`;
const organizationId = (slug: string) => `igualdad:body/${slug}`;
const billId = (slug: string) => `igualdad:policy/${slug}`;
const ocdOption = (option: string) => option.replaceAll('_', ' ');

const link = z.object({ url: z.string(), note: z.string().optional() });

export const popoloVoteEventSchema = z
  .object({
    id: z.string().openapi({ description: '`igualdad:vote_event/<id>`' }),
    organization_id: z.string().nullable(),
    identifier: z.string().nullable(),
    motion: z.object({ text: z.string() }).optional(),
    start_date: z.null().openapi({
      description: 'Always null: the time is not known. The date is `extras.date`.',
    }),
    result: z.enum(e.voteResults),
    counts: z.array(z.object({ option: z.string(), value: z.number().int() })),
    votes: z.array(
      z.object({
        voter_id: z.string().nullable(),
        voter: z.object({ name: z.string() }).optional().openapi({
          description: 'The name as recorded, when it is not matched to an official.',
        }),
        option: z.string(),
        extras: z.object({ verification: verificationSchema }),
      }),
    ),
    sources: z.array(link),
    extras: z.object({
      date: z.string().openapi({ description: 'ISO 8601, possibly partial; local date.' }),
      bill_id: z.string(),
      motion: z.object({ es: z.string().nullable(), en: z.string().nullable() }),
      translation: z.object({
        motion: z.object({ es: translationStateSchema, en: translationStateSchema }),
      }),
      verification: verificationSchema,
    }),
  })
  .openapi('PopoloVoteEvent');

type PopoloVoteEvent = z.infer<typeof popoloVoteEventSchema>;

/** Every public roll call, newest first, with its votes, in two queries. */
export async function buildPopoloVoteEvents(db: Tx) {
  const [events, votes] = await Promise.all([listAllVoteEvents(db), listVotesByEvent(db)]);
  return {
    voteEvents: events.map((event) => presentVoteEvent(event, votes.get(event.id) ?? [])),
    /** The latest change among them, for the export's `generated_at`. */
    updatedAt: events.map((event) => event.updatedAt),
  };
}

function presentVoteEvent(event: PublicVoteEvent, votes: PublicVote[]): PopoloVoteEvent {
  const motion = event.motionEn || event.motionEs;
  return {
    id: voteEventId(event.id),
    organization_id: event.body ? organizationId(event.body.slug) : null,
    identifier: event.identifier,
    ...(motion ? { motion: { text: motion } } : {}),
    start_date: null,
    result: event.result,
    counts: event.counts.map((c) => ({ option: ocdOption(c.option), value: c.value })),
    votes: votes.map((v) => ({
      voter_id: v.personSlug ? personId(v.personSlug) : null,
      ...(v.personSlug ? {} : { voter: { name: v.voterName } }),
      option: ocdOption(v.option),
      extras: { verification: v.verification },
    })),
    sources: event.sources.map((s) => (s.note ? { url: s.url, note: s.note } : { url: s.url })),
    extras: {
      date: event.date,
      bill_id: billId(event.policy.slug),
      motion: { es: event.motionEs || null, en: event.motionEn || null },
      translation: { motion: { es: event.motionEsState, en: event.motionEnState } },
      verification: event.verification,
    },
  };
}
