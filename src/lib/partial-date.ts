/**
 * Partial ISO 8601 dates ("2005", "2019-02", "2019-02-14"): many policy facts are known only to
 * the year or month, and we store exactly what is known.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  if (mo === undefined) return true;
  const month = Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/**
 * The first partial date after every date that `value` covers, for inclusive upper bounds:
 * "2017" -> "2018", "2017-12" -> "2018-01", "2017-03-31" -> "2017-04-01".
 * Partial dates sort as text, so `date < upperBound(to)` keeps every date within `to`.
 */
export function exclusiveUpperBound(value: string): string {
  const [y = '0', mo, d] = value.split('-');
  if (mo === undefined) return String(Number(y) + 1).padStart(4, '0');
  if (d === undefined) {
    const next = new Date(Date.UTC(Number(y), Number(mo), 1));
    return next.toISOString().slice(0, 7);
  }
  const next = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d) + 1));
  return next.toISOString().slice(0, 10);
}

/** The year of a partial date. */
export function yearOf(value: string): number {
  return Number(value.slice(0, 4));
}
