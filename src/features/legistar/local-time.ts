/**
 * Legistar gives a meeting as a local date (`2018-02-05T00:00:00`) and a clock time (`6:00 PM`)
 * with no zone; the instant depends on the client's time zone and on daylight saving time.
 */

/** Minutes the zone is ahead of UTC at an instant (America/Denver: -420 or -360). */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/** `6:00 PM`, `18:00`, `9 AM` → minutes after midnight; undefined when unreadable. */
export function parseClock(time: string | null): number | undefined {
  const match = time ? /^\s*(\d{1,2})(?::(\d\d))?\s*([ap])?\.?\s*m?\.?\s*$/i.exec(time) : null;
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  if (minutes > 59 || hours > (half ? 12 : 23) || (half && hours === 0)) return undefined;
  if (half === 'p' && hours < 12) hours += 12;
  if (half === 'a' && hours === 12) hours = 0;
  return hours * 60 + minutes;
}

/** The instant of a local date and clock time in a zone (midnight when the time is missing). */
export function localToInstant(date: string, minutesAfterMidnight: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day) + minutesAfterMidnight * 60_000;
  // Guess with the offset at the wall time read as UTC, then correct once with the offset at
  // the guess: right on both sides of a DST change (a wall time skipped in spring moves forward).
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  instant = wall - offsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant);
}
