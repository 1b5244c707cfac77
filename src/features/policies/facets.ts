/**
 * The policy list's address: reads its query parameters into search filters (keeping what it
 * could not use, to tell the reader), and writes links that add, remove or page through filters.
 * One plain GET form produces these addresses, so every view of the list is a shareable link.
 */
import { policyClassifications, policyStances, policyStatuses } from '../../db/enums.ts';
import { isOcdDivisionId } from '../../lib/ocd.ts';
import type { PolicyFilters } from './search.ts';

export const LIST_FACETS = ['classification', 'topic', 'status', 'stance'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;
const MAX_QUERY = 200;
const MAX_PAGE = 10_000;

/** Everything the list page shows, as read from its address. */
export interface ListState {
  q: string;
  jurisdiction: string | undefined;
  classification: string[];
  topic: string[];
  status: string[];
  stance: string[];
  from: number | undefined;
  to: number | undefined;
  page: number;
  /** Only when given in the address (so links keep it); otherwise the default applies. */
  limit: number | undefined;
}

/** A parameter value the page ignored, to name in a note. */
export interface Ignored {
  param: string;
  value: string;
}

export interface KnownValues {
  jurisdictions: ReadonlySet<string>;
  topics: ReadonlySet<string>;
}

const allowed: Record<Exclude<ListFacet, 'topic'>, readonly string[]> = {
  classification: policyClassifications,
  status: policyStatuses,
  stance: policyStances,
};

/** Reads the list's parameters; what is unknown or malformed is dropped and reported. */
export function parseListState(
  params: URLSearchParams,
  known: KnownValues,
): { state: ListState; ignored: Ignored[] } {
  const ignored: Ignored[] = [];
  const ignore = (param: string, value: string) => ignored.push({ param, value: shown(value) });
  const values = (name: string) => [
    ...new Set(
      params
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const pickFrom = (name: string, accepted: (v: string) => boolean) =>
    values(name).filter((v) => {
      if (accepted(v)) return true;
      ignore(name, v);
      return false;
    });

  // Control characters (NUL included) and the highlighter's private-use sentinels are dropped.
  let q = (params.get('q') ?? '')
    .replace(/[\p{Cc}\p{Co}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (q.length > MAX_QUERY) {
    ignore('q', q);
    q = q.slice(0, MAX_QUERY);
  }

  const jurisdictions = pickFrom(
    'jurisdiction',
    (v) => isOcdDivisionId(v) && known.jurisdictions.has(v),
  );
  for (const extra of jurisdictions.slice(1)) ignore('jurisdiction', extra);

  const year = (name: string): number | undefined => {
    const raw = params.get(name)?.trim();
    if (!raw) return undefined;
    const m = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/.exec(raw);
    const y = m ? Number(m[1]) : NaN;
    if (y >= 1800 && y <= 2200) return y;
    ignore(name, raw);
    return undefined;
  };
  let from = year('adopted_from');
  let to = year('adopted_to');
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];

  const integer = (name: string, max: number): number | undefined => {
    const raw = params.get(name)?.trim();
    if (!raw) return undefined;
    const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (n >= 1 && n <= max) return n;
    ignore(name, raw);
    return undefined;
  };

  const state: ListState = {
    q,
    jurisdiction: jurisdictions[0],
    classification: pickFrom('classification', (v) => allowed.classification.includes(v)),
    topic: pickFrom('topic', (v) => known.topics.has(v)),
    status: pickFrom('status', (v) => allowed.status.includes(v)),
    stance: pickFrom('stance', (v) => allowed.stance.includes(v)),
    from,
    to,
    page: integer('page', MAX_PAGE) ?? 1,
    limit: integer('limit', MAX_PAGE_SIZE),
  };
  return { state, ignored };
}

/** The search engine's filters for a list state. */
export function toFilters(state: ListState): PolicyFilters {
  return {
    q: state.q || undefined,
    jurisdiction: state.jurisdiction,
    classification: state.classification,
    topic: state.topic,
    status: state.status,
    stance: state.stance,
    adoptedFrom: state.from === undefined ? undefined : String(state.from),
    adoptedTo: state.to === undefined ? undefined : String(state.to),
  };
}

export function hasFilters(state: ListState): boolean {
  return Boolean(
    state.jurisdiction ||
    state.from !== undefined ||
    state.to !== undefined ||
    LIST_FACETS.some((f) => state[f].length),
  );
}

/** The query string of a list state ("?q=...&status=in_force"), "" when empty. */
export function listQuery(state: ListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.jurisdiction) params.set('jurisdiction', state.jurisdiction);
  for (const facet of LIST_FACETS) for (const v of state[facet]) params.append(facet, v);
  if (state.from !== undefined) params.set('adopted_from', String(state.from));
  if (state.to !== undefined) params.set('adopted_to', String(state.to));
  if (state.limit !== undefined) params.set('limit', String(state.limit));
  if (state.page > 1) params.set('page', String(state.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A rejected value as the note quotes it: printable, and short. */
function shown(value: string): string {
  const clean = value.replace(/[\p{Cc}\p{Co}]/gu, '').trim();
  return clean.length > 24 ? `${clean.slice(0, 24)}…` : clean;
}

/** A new state from the current one; any change of filters goes back to the first page. */
export function withChanges(state: ListState, changes: Partial<ListState>): ListState {
  return { ...state, page: 1, ...changes };
}

/** The state with one active filter removed (a facet value, the jurisdiction or a year). */
export function without(
  state: ListState,
  filter: { facet: ListFacet; value: string } | 'jurisdiction' | 'from' | 'to' | 'q',
): ListState {
  if (filter === 'jurisdiction') return withChanges(state, { jurisdiction: undefined });
  if (filter === 'from') return withChanges(state, { from: undefined });
  if (filter === 'to') return withChanges(state, { to: undefined });
  if (filter === 'q') return withChanges(state, { q: '' });
  return withChanges(state, {
    [filter.facet]: state[filter.facet].filter((v) => v !== filter.value),
  });
}
