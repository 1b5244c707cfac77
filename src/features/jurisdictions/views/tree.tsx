/** Pieces of the jurisdiction pages that other pages show too. */
import type { PageContext } from '../../../web/i18n.ts';
import type { Place } from '../tree.ts';

/** Jurisdictions as nested lists, each with the number of its own policies. */
export function PlaceTree({
  ctx,
  places,
  parentId = null,
  coverage,
}: {
  ctx: PageContext;
  places: Place[];
  parentId?: string | null;
  /** Rubric topics with a protection in force, by jurisdiction id (index page only). */
  coverage?: { covered: Map<string, number>; of: number } | undefined;
}) {
  const level = places.filter((p) => p.parentId === parentId);
  if (!level.length) return null;
  return (
    <ul class="place-tree">
      {level.map((p) => (
        <li>
          <a href={ctx.href(`/jurisdictions/${p.slug}`)}>{p.name}</a>{' '}
          <span class="meta">
            {ctx.t(`kind.${p.kind}`)} · {ctx.t('policy.count', { count: p.ownCount })}
          </span>
          {coverage ? (
            <>
              <br />
              <span class="meta">
                {ctx.t('jurisdictions.index.coverage', {
                  covered: coverage.covered.get(p.id) ?? 0,
                  of: coverage.of,
                })}
              </span>
            </>
          ) : null}
          <PlaceTree ctx={ctx} places={places} parentId={p.id} coverage={coverage} />
        </li>
      ))}
    </ul>
  );
}
