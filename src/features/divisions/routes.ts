/**
 * `GET /api/v1/divisions/containing?lat=&lon=`: the divisions (state, county, districts...) whose
 * stored boundary contains a point. The answer says `no-store`: a location must not sit in any
 * cache, and the request log never records a query string.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { langParam, problemResponses } from '../api/common.ts';
import { divisionLookup } from './lookup.ts';
import { parentOf } from './list-import.ts';

const coordinate = (name: string, limit: number, example: number) =>
  z.coerce
    .number()
    .min(-limit)
    .max(limit)
    .openapi({
      param: { name, in: 'query' },
      description: `${name === 'lat' ? 'Latitude' : 'Longitude'} in WGS84 degrees`,
      example,
    });

/** `lat` and `lon` query parameters, in range, shared with /representatives. */
export const coordinateQuery = {
  lat: coordinate('lat', 90, 35.0844),
  lon: coordinate('lon', 180, -106.6504),
};

const containingDivisionSchema = z
  .object({
    ocd_id: z.string(),
    name: z.string().nullable().openapi({ description: 'Null when no imported list named it.' }),
    parent: z.string().nullable(),
  })
  .openapi('ContainingDivision');

const containingRoute = createRoute({
  method: 'get',
  path: '/divisions/containing',
  tags: ['Districts'],
  summary: 'The divisions whose boundary contains a point',
  description:
    'Every division with an imported boundary (`igualdad import boundaries`) that contains the point, broadest first. The point is not stored or logged.',
  request: {
    query: z.object({ lang: langParam, ...coordinateQuery }),
  },
  responses: {
    200: {
      description: 'The containing divisions (possibly none)',
      content: {
        'application/json': { schema: z.object({ data: z.array(containingDivisionSchema) }) },
      },
    },
    400: problemResponses[400],
  },
});

export function divisionRoutes(services: Services, app: OpenAPIHono<AppEnv>) {
  const lookup = divisionLookup(services.db, services.config);
  app.openapi(containingRoute, async (c) => {
    const { lat, lon } = c.req.valid('query');
    const found = await lookup({ lat, lon });
    c.header('cache-control', 'no-store');
    return c.json(
      { data: found.map((d) => ({ ocd_id: d.ocdId, name: d.name, parent: parentOf(d.ocdId) })) },
      200,
    );
  });
}
