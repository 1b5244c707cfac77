/**
 * Legistar events (meetings, hearings) to events. The start is the local date and clock time in
 * the client's time zone (midnight when the time is missing); a meeting whose comment or agenda
 * status says so is cancelled.
 */
import { eq, sql } from 'drizzle-orm';
import * as s from '../../db/schema.ts';
import { tally } from '../divisions/report.ts';
import { schemeOf, type WriteContext } from './context.ts';
import { localToInstant, parseClock } from './local-time.ts';
import type { LegistarEvent } from './schema.ts';
import { changedMark, insertChunks, isOurs, legistarHash, loadKnown, newId } from './store.ts';

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
  const { tx, report } = ctx;
  const scheme = schemeOf(ctx, 'event');
  const known = await loadKnown(tx, scheme, s.events);
  const hashes = new Map(
    (
      await tx
        .select({ id: s.events.id, hash: s.events.contentHash })
        .from(s.events)
        .innerJoin(s.externalIds, eq(s.externalIds.entityId, s.events.id))
        .where(eq(s.externalIds.scheme, scheme))
    ).map((r) => [r.id, r.hash]),
  );
  const created: (typeof s.events.$inferInsert)[] = [];
  for (const event of events) {
    const values = eventValues(ctx, event);
    const contentHash = legistarHash({ ...values, startsAt: values.startsAt.toISOString() });
    const k = known.get(String(event.EventId));
    let id = k?.id;
    if (id) {
      const current = hashes.get(id);
      if (!isOurs(current) || current === contentHash) tally(report, 'events', 'unchanged');
      else {
        await tx
          .update(s.events)
          .set({ ...values, contentHash, updatedAt: sql`now()` })
          .where(eq(s.events.id, id));
        tally(report, 'events', 'updated');
      }
    } else {
      id = newId();
      created.push({ id, ...values, contentHash });
      tally(report, 'events', 'created');
    }
    if (changedMark(k, event.EventLastModifiedUtc))
      ctx.external.push({
        scheme,
        value: String(event.EventId),
        entity: 'events',
        entityId: id,
        sourceModifiedAt: event.EventLastModifiedUtc,
      });
  }
  await insertChunks(tx, s.events, created);
}
