/**
 * Today's date where the coalition works (America/Denver), as a partial-date string: terms begin
 * and end, and scheduled things fall due, by the local calendar, not by UTC's.
 */
export const COALITION_TIME_ZONE = 'America/Denver';

export function today(timeZone = COALITION_TIME_ZONE, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

/** `today()` computed at most once a minute, for hot paths such as the page cache. */
export function dayReader(everyMs = 60_000): () => string {
  let known = { day: '', readAt: -Infinity };
  return () => {
    const now = performance.now();
    if (now - known.readAt >= everyMs) known = { day: today(), readAt: now };
    return known.day;
  };
}
