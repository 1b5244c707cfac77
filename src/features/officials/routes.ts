/**
 * `GET /api/v1/representatives?lat=&lon=`: the divisions holding a point and the officials whose
 * seats are in them today. The point is not stored or logged, and the answer is `no-store`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import * as e from '../../db/enums.ts';
import type { Services } from '../../services.ts';
import { langParam, problemResponses } from '../api/common.ts';
import { parentOf } from '../divisions/list-import.ts';
import { coordinateQuery } from '../divisions/routes.ts';
import { representationIndex } from './seat-index.ts';

const linkSchema = z.object({ url: z.string(), note: z.string().optional() });

const officialSchema = z
  .object({
    person: z.object({
      slug: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      contact_details: z.array(
        z.object({ type: z.string(), value: z.string(), label: z.string().optional() }),
      ),
      links: z.array(linkSchema),
    }),
    role: z
      .string()
      .nullable()
      .openapi({ description: 'As the source names it: upper, lower, governor...' }),
    party: z.string().nullable(),
    body: z.object({
      slug: z.string(),
      name: z.string(),
      classification: z.enum(e.bodyClassifications),
    }),
    post: z.object({ label: z.string(), division: z.string() }),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
  })
  .openapi('Representative');

const route = createRoute({
  method: 'get',
  path: '/representatives',
  tags: ['Districts'],
  summary: 'Who represents a point: its divisions and the officials seated for them today',
  description:
    'Divisions come from the imported boundaries; officials from the imported terms (Open States, Legistar). The point is not stored or logged.',
  request: { query: z.object({ lang: langParam, ...coordinateQuery }) },
  responses: {
    200: {
      description: 'Divisions (broadest first) and their officials',
      content: {
        'application/json': {
          schema: z.object({
            divisions: z.array(
              z.object({
                ocd_id: z.string(),
                name: z.string().nullable(),
                parent: z.string().nullable(),
              }),
            ),
            officials: z.array(officialSchema),
          }),
        },
      },
    },
    400: problemResponses[400],
  },
});

export function representativeRoutes(services: Services, app: OpenAPIHono<AppEnv>) {
  const represent = representationIndex(services.db, services.config);
  app.openapi(route, async (c) => {
    const { lat, lon } = c.req.valid('query');
    const locale = c.get('locale');
    const { divisions, holders } = await represent({ lat, lon });
    c.header('cache-control', 'no-store');
    return c.json(
      {
        divisions: divisions.map((d) => ({
          ocd_id: d.ocdId,
          name: d.name,
          parent: parentOf(d.ocdId),
        })),
        officials: holders.map((h) => ({
          person: {
            slug: h.personSlug,
            name: h.name,
            email: h.email,
            contact_details: h.contactDetails,
            links: h.links,
          },
          role: h.role,
          party: h.party,
          body: {
            slug: h.bodySlug,
            name: locale === 'es' ? h.bodyNameEs : h.bodyNameEn,
            classification: h.bodyClassification as (typeof e.bodyClassifications)[number],
          },
          post: { label: h.postLabel, division: h.divisionOcdId },
          start_date: h.startDate,
          end_date: h.endDate,
        })),
      },
      200,
    );
  });
}
