/**
 * "Last updated" on public pages (issue 4): a label from the page's own catalog and the date as a
 * machine-readable `<time>`, shown as a calendar date (UTC, like every other date on the site).
 */
import type { PageContext } from './i18n.ts';

/** The latest of some records' update times; null when there are none. */
export function latestUpdate(rows: readonly { updatedAt: Date }[]): Date | null {
  let latest: Date | null = null;
  for (const { updatedAt } of rows) if (!latest || updatedAt > latest) latest = updatedAt;
  return latest;
}

export function LastUpdated({
  ctx,
  label,
  at,
}: {
  ctx: PageContext;
  label: string;
  at: Date | null;
}) {
  if (!at) return null;
  const iso = at.toISOString();
  return (
    <p class="meta last-updated">
      {label}: <time datetime={iso}>{ctx.formatDate(iso.slice(0, 10))}</time>
    </p>
  );
}
