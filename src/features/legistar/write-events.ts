/**
 * Legistar events (meetings, hearings) to events. The start is the local date and clock time in
 * the client's time zone (midnight when the time is missing); a meeting whose comment or agenda
 * status says so is cancelled.
 */
import * as s from '../../db/schema.ts';
import { schemeOf, type WriteContext } from './context.ts';
import { localToInstant, parseClock } from './local-time.ts';
import type { LegistarEvent } from './schema.ts';
import { syncRecord } from './sync-record.ts';
import { insertChunks, loadKnown } from './store.ts';

export function eventValues(
  ctx: Pick<WriteContext, 'bodyIds' | 'timeZone' | 'baseUrl'>,
  e: LegistarEvent,
) {
  const links = [
    e.EventInSiteURL && { url: e.EventInSiteURL, note: 'meeting' },
    e.EventAgendaFile && { url: e.EventAgendaFile, note: 'agenda' },
    e.EventMinutesFile && { url: e.EventMinutesFile, note: 'minutes' },
  ].filter((l): l is { url: string; note: string } => !!l && /^https?:\/\//i.test(l.url));
  const cancelled = /cancel/i.test(`${e.EventComment ?? ''} ${e.EventAgendaStatusName ?? ''}`);
  return {
    bodyId: (e.EventBodyId && ctx.bodyIds.get(e.EventBodyId)) || null,
    name: [e.EventBodyName ?? 'Meeting', e.EventComment].filter(Boolean).join(': '),
    startsAt: localToInstant(e.EventDate, parseClock(e.EventTime) ?? 0, ctx.timeZone),
    timeZone: ctx.timeZone,
    location: e.EventLocation,
    status: cancelled ? 'cancelled' : 'confirmed',
    links,
    sources: [{ url: `${ctx.baseUrl}/events/${e.EventId}`, note: 'Legistar' }],
  };
}

export async function writeEvents(ctx: WriteContext, events: LegistarEvent[]) {
  const scheme = schemeOf(ctx, 'event');
  const known = await loadKnown(ctx.tx, scheme, s.events);
  const created: (typeof s.events.$inferInsert)[] = [];
  for (const event of events)
    await syncRecord(ctx, {
      table: s.events,
      entity: 'events',
      scheme,
      sourceId: event.EventId,
      modified: event.EventLastModifiedUtc,
      values: eventValues(ctx, event),
      known,
      created,
    });
  await insertChunks(ctx.tx, s.events, created);
}
