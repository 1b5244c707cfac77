/**
 * `GET /api/v1/jurisdictions` and `GET /api/v1/jurisdictions/{id}` (OCD id or slug).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, count, eq, or } from 'drizzle-orm';
import type { AppEnv } from '../../app-env.ts';
import type { Locale } from '../../config.ts';
import * as e from '../../db/enums.ts';
import { bodies, jurisdictions, policies } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import { notFound } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { bodyRefSchema, langParam, notModified, problemResponses } from '../api/common.ts';
import { isTracked } from '../policies/queries.ts';

const jurisdictionSchema = z
  .object({
    ocd_id: z.string(),
    slug: z.string(),
    name: z.string(),
    names: z.object({ es: z.string(), en: z.string() }),
    kind: z.enum(e.jurisdictionKinds),
    parent: z.string().nullable().openapi({ description: 'OCD id of the parent jurisdiction.' }),
    policy_count: z.number().int(),
    url: z.string(),
  })
  .openapi('Jurisdiction');

const jurisdictionDetailSchema = jurisdictionSchema
  .extend({ children: z.array(jurisdictionSchema), bodies: z.array(bodyRefSchema) })
  .openapi('JurisdictionDetail');

type JurisdictionRow = typeof jurisdictions.$inferSelect;

const present = (
  j: JurisdictionRow,
  byId: Map<string, JurisdictionRow>,
  counts: Map<string, number>,
  locale: Locale,
) => ({
  ocd_id: j.ocdId,
  slug: j.slug,
  name: pickName(locale, j),
  names: { es: j.nameEs, en: j.nameEn },
  kind: j.kind,
  parent: j.parentId ? (byId.get(j.parentId)?.ocdId ?? null) : null,
  policy_count: counts.get(j.id) ?? 0,
  url: `/api/v1/jurisdictions/${j.slug}`,
});

const listRoute = createRoute({
  method: 'get',
  path: '/jurisdictions',
  tags: ['Jurisdictions'],
  summary: 'All jurisdictions (state, counties, cities, school districts)',
  request: { query: z.object({ lang: langParam }) },
  responses: {
    200: {
      description: 'Jurisdictions',
      content: { 'application/json': { schema: z.object({ data: z.array(jurisdictionSchema) }) } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/jurisdictions/{id}',
  tags: ['Jurisdictions'],
  summary: 'One jurisdiction by OCD division id or slug',
  request: {
    params: z.object({
      id: z
        .string()
        .max(300)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'bernalillo-county' }),
    }),
    query: z.object({ lang: langParam }),
  },
  responses: {
    200: {
      description: 'The jurisdiction',
      content: { 'application/json': { schema: jurisdictionDetailSchema } },
    },
    ...notModified,
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

export function jurisdictionRoutes({ db }: Services, app: OpenAPIHono<AppEnv>) {
  const loadAll = async () => {
    const [rows, countRows] = await Promise.all([
      db.select().from(jurisdictions).orderBy(asc(jurisdictions.kind), asc(jurisdictions.slug)),
      db
        .select({ id: policies.jurisdictionId, n: count() })
        .from(policies)
        .where(isTracked)
        .groupBy(policies.jurisdictionId),
    ]);
    return {
      rows,
      byId: new Map(rows.map((r) => [r.id, r])),
      counts: new Map(countRows.map((r) => [r.id, Number(r.n)])),
    };
  };

  app.openapi(listRoute, async (c) => {
    const { rows, byId, counts } = await loadAll();
    return c.json({ data: rows.map((j) => present(j, byId, counts, c.get('locale'))) }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const locale = c.get('locale');
    const [row] = await db
      .select()
      .from(jurisdictions)
      .where(or(eq(jurisdictions.ocdId, id), eq(jurisdictions.slug, id)))
      .limit(1);
    if (!row) throw notFound('jurisdiction', { what: 'jurisdiction', slug: id });
    const [{ rows, byId, counts }, bodyRows] = await Promise.all([
      loadAll(),
      db.select().from(bodies).where(eq(bodies.jurisdictionId, row.id)).orderBy(asc(bodies.slug)),
    ]);
    return c.json(
      {
        ...present(row, byId, counts, locale),
        children: rows
          .filter((j) => j.parentId === row.id)
          .map((j) => present(j, byId, counts, locale)),
        bodies: bodyRows.map((b) => ({
          slug: b.slug,
          name: pickName(locale, b),
          classification: b.classification,
        })),
      },
      200,
    );
  });
}
