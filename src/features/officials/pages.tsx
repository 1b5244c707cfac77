/**
 * Public pages: `/{lang}/representatives` (who represents a point, chosen by coordinates, the
 * browser's location or a click on the map), its map image, `/{lang}/officials` and
 * `/{lang}/officials/{slug}`.
 *
 * The point is never stored, logged or cached: the request log leaves out query strings, and the
 * page answers `no-store`, which also keeps it out of the page cache. With a geocoder configured
 * (decision 018) an address can be posted too: it goes to that service only, never into a URL.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { pickName } from '../../lib/bilingual.ts';
import { notFound } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { PAGE_CACHE_CONTROL } from '../../web/page-cache.ts';
import { divisionLookup, type Point } from '../divisions/lookup.ts';
import { createGeocoder } from './geocoder.ts';
import { lookUpAddress } from './geocoder-form.ts';
import { districtMap, pixelOf, pointAt, type DistrictMap } from './map.ts';
import {
  listCurrentTerms,
  listSponsorships,
  listTrackedVotes,
  loadOfficial,
  termInForce,
  type Term,
} from './official-queries.ts';
import { currentSeatHolders, today } from './queries.ts';
import { choosePeriod, scorecard } from './scorecard.ts';
import { OfficialPage, OfficialsIndexPage } from './views/officials.tsx';
import { RepresentativesPage, type RepresentativesView } from './views/representatives.tsx';

/** A coordinate as typed: a decimal comma is read as a point ("35,08"), as people write it. */
const coordinate = (max: number) =>
  z
    .string()
    .trim()
    .max(24)
    .transform((s) => (/^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s))
    .pipe(z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/))
    .transform(Number)
    .pipe(z.number().min(-max).max(max));

const pixel = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/)
  .transform(Number);

interface Chosen {
  point: Point | null;
  form: RepresentativesView['form'];
  errors: RepresentativesView['errors'];
}

/** The point a request asks about: a map click wins over the typed fields it carries along. */
function choosePoint(query: Record<string, string>, map: DistrictMap | null): Chosen {
  const typed = { lat: (query.lat ?? '').slice(0, 24), lon: (query.lon ?? '').slice(0, 24) };
  if ('map.x' in query || 'map.y' in query) {
    const x = pixel.safeParse(query['map.x'] ?? '');
    const y = pixel.safeParse(query['map.y'] ?? '');
    const point = map && x.success && y.success ? pointAt(map, x.data, y.data) : null;
    if (!point) return { point: null, form: typed, errors: { map: 'officials.reps.error_map' } };
    return { point, form: { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) }, errors: {} };
  }
  if (!('lat' in query) && !('lon' in query)) return { point: null, form: typed, errors: {} };
  const lat = coordinate(90).safeParse(typed.lat);
  const lon = coordinate(180).safeParse(typed.lon);
  const errors: Chosen['errors'] = {};
  if (!lat.success)
    errors.lat = typed.lat.trim() ? 'officials.reps.error_lat' : 'officials.reps.missing_lat';
  if (!lon.success)
    errors.lon = typed.lon.trim() ? 'officials.reps.error_lon' : 'officials.reps.missing_lon';
  return {
    point: lat.success && lon.success ? { lat: lat.data, lon: lon.data } : null,
    form: typed,
    errors,
  };
}

export function officialPages({ db, config, logger }: Services, app: Hono<AppEnv>) {
  const lookup = divisionLookup(db, config);
  const currentMap = districtMap(db, config);
  const geocoder = createGeocoder(config.geocoder, { userAgent: `Igualdad (+${config.baseUrl})` });

  /** The page for a chosen point (or none yet), however it was chosen. */
  async function representatives(
    c: Context<AppEnv>,
    { point, form, errors }: Chosen,
    options: {
      map: DistrictMap | null;
      focus?: string | undefined;
      address?: { value: string; label: string | null };
      status?: 400 | 503;
    },
  ) {
    const ctx = c.get('page');
    const { map, focus } = options;
    let result: RepresentativesView['result'] = null;
    if (point) {
      const divisions = await lookup(point);
      const holders = await currentSeatHolders(
        db,
        divisions.map((d) => d.ocdId),
        today(),
      );
      const votes = await listTrackedVotes(db, [...new Set(holders.map((h) => h.personSlug))]);
      result = {
        divisions: divisions.map((d) => ({
          ...d,
          officials: holders
            .filter((h) => h.divisionOcdId === d.ocdId)
            .map((holder) => ({
              holder,
              votes: votes.filter((v) => v.personSlug === holder.personSlug),
            })),
        })),
      };
    }
    const view: RepresentativesView = {
      form,
      errors,
      result,
      address: geocoder && {
        service: geocoder.service,
        host: geocoder.host,
        value: options.address?.value ?? '',
        label: options.address?.label ?? null,
      },
      map: map && {
        src: `${ctx.href('/representatives/map.svg')}?v=${map.version}${focus ? `&focus=${encodeURIComponent(focus)}` : ''}`,
        width: map.width,
        height: map.height,
        marker: point ? pixelOf(map, point) : null,
        focus: focus ?? null,
        // Zooming keeps the chosen point: these links stay on this site.
        zoom:
          point && result
            ? result.divisions.map((d) => ({
                ocdId: d.ocdId,
                href: `${ctx.href('/representatives')}?${new URLSearchParams({
                  lat: point.lat.toFixed(5),
                  lon: point.lon.toFixed(5),
                  focus: d.ocdId,
                })}`,
                current: d.ocdId === focus,
                name: d.name,
              }))
            : [],
        whole: focus
          ? `${ctx.href('/representatives')}${point ? `?lat=${point.lat.toFixed(5)}&lon=${point.lon.toFixed(5)}` : ''}`
          : null,
      },
    };
    return c.html(
      <RepresentativesPage ctx={ctx} baseUrl={config.baseUrl} view={view} />,
      options.status ?? (Object.keys(errors).length ? 400 : 200),
    );
  }

  app.get('/representatives', async (c) => {
    // Before anything else: even an error page about a point must not be kept anywhere.
    c.header('cache-control', 'no-store');
    const query = c.req.query();
    // A focus that names no stored boundary is ignored: the whole map is shown.
    const asked = query.focus?.slice(0, 300) || undefined;
    const focused = asked ? await currentMap(asked) : null;
    const focus = focused ? asked : undefined;
    const map = focused ?? (await currentMap());
    return representatives(c, choosePoint(query, map), { map, focus });
  });

  // An address is posted, never sent in the query: a query string travels into the language
  // switch links, browser history, Referer headers and proxy logs (decision 018).
  if (geocoder)
    app.post(
      '/representatives',
      bodyLimit({
        maxSize: 4096,
        onError: (c) => c.text(c.get('page').t('officials.reps.error_address'), 413),
      }),
      async (c) => {
        c.header('cache-control', 'no-store');
        const map = await currentMap();
        const typed = (await c.req.parseBody()).address;
        const found = await lookUpAddress(geocoder, typed, logger);
        if ('problem' in found)
          return representatives(
            c,
            { point: null, form: { lat: '', lon: '' }, errors: { address: found.problem } },
            { map, address: { value: found.address, label: null }, status: found.status },
          );
        const { point } = found;
        return representatives(
          c,
          { point, form: { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) }, errors: {} },
          { map, address: { value: found.address, label: found.label } },
        );
      },
    );

  // The same image for everyone: no point is drawn in it (the page draws its marker on top).
  app.get('/representatives/map.svg', async (c) => {
    const map = await currentMap(c.req.query('focus')?.slice(0, 300) || undefined);
    if (!map) throw notFound('map', { what: 'route' });
    c.header('cache-control', PAGE_CACHE_CONTROL);
    c.header('etag', map.etag);
    if (c.req.header('if-none-match') === map.etag) return c.body(null, 304);
    c.header('content-type', 'image/svg+xml');
    return c.body(map.svg);
  });

  app.get('/officials', async (c) => {
    const ctx = c.get('page');
    const terms = await listCurrentTerms(db, today());
    const groups = new Map<string, { slug: string; name: string; terms: Term[] }>();
    for (const term of terms) {
      const name = pickName(ctx.locale, { nameEs: term.bodyNameEs, nameEn: term.bodyNameEn });
      const group = groups.get(term.bodySlug) ?? { slug: term.bodySlug, name, terms: [] };
      group.terms.push(term);
      groups.set(term.bodySlug, group);
    }
    const all = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
    const asked = c.req.query('body');
    const chosen = all.some((g) => g.slug === asked) ? asked! : null;
    return c.html(
      <OfficialsIndexPage
        ctx={ctx}
        baseUrl={config.baseUrl}
        view={{
          bodies: all.map((g) => ({ slug: g.slug, name: g.name, count: g.terms.length })),
          chosen,
          groups: chosen ? all.filter((g) => g.slug === chosen) : all,
        }}
      />,
    );
  });

  app.get('/officials/:slug', async (c) => {
    const ctx = c.get('page');
    const official = await loadOfficial(db, c.req.param('slug').slice(0, 200));
    if (!official) throw notFound('official', { what: 'route' });
    const day = today();
    const choice = choosePeriod(c.req.query());
    const [votes, sponsorships] = await Promise.all([
      listTrackedVotes(db, [official.slug]),
      listSponsorships(db, official.slug),
    ]);
    return c.html(
      <OfficialPage
        ctx={ctx}
        baseUrl={config.baseUrl}
        view={{
          official,
          current: official.terms.filter((t) => termInForce(t, day)),
          past: official.terms.filter((t) => !termInForce(t, day)),
          votes,
          sponsorships,
          choice,
          score: scorecard(votes, choice.period),
        }}
      />,
      // A period that cannot be read is a friendly note on the page, never a 500.
      choice.errors.length ? 400 : 200,
    );
  });
}
