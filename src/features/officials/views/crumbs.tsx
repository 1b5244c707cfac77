/**
 * The trail above a page inside the officials section: Officials › this page. Its styles live
 * with the jurisdiction pages (jurisdictions.css), which have the same trail.
 */
import type { PageContext } from '../../../web/i18n.ts';

export const CRUMB_STYLES = ['jurisdictions.css', 'officials.css'];

export function OfficialsCrumbs({ ctx, current }: { ctx: PageContext; current: string }) {
  return (
    <nav class="crumbs" aria-label={ctx.t('officials.crumbs')}>
      <ol>
        <li>
          <a href={ctx.href('/officials')}>{ctx.t('officials.index.title')}</a>
        </li>
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
