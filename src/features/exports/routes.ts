/**
 * `GET /api/v1/export/popolo.json` (served inline, for machines) and the downloads for
 * spreadsheets: `policies.csv`, `officials.csv` (one row per term) and `votes.csv` (one row per
 * vote on a tracked policy). ETag and Cache-Control come from the API app's middleware.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { langParam, notModified, problemResponses } from '../api/common.ts';
import { CSV_TABLES } from './csv-tables.ts';
import { buildPopoloExport, popoloExportSchema } from './popolo.ts';

const popoloRoute = createRoute({
  method: 'get',
  path: '/export/popolo.json',
  tags: ['Export'],
  summary:
    'The whole library as Popolo areas, organizations, persons, posts, memberships and vote events, and Open Civic Data bills',
  responses: {
    200: {
      description: 'Popolo / OCD export',
      content: { 'application/json': { schema: popoloExportSchema } },
    },
    ...notModified,
  },
});

const csvRoute = (path: `/export/${string}.csv`, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['Export'],
    summary,
    request: { query: z.object({ lang: langParam }) },
    responses: {
      200: {
        description:
          'UTF-8 CSV with a byte order mark; cells that a spreadsheet would run as formulas start with a single quote.',
        content: { 'text/csv': { schema: z.string() } },
      },
      ...notModified,
      400: problemResponses[400],
    },
  });

export function exportRoutes({ db, config }: Services, app: OpenAPIHono<AppEnv>) {
  app.openapi(popoloRoute, async (c) => {
    const data = await buildPopoloExport(db, { baseUrl: config.baseUrl });
    return c.json(data, 200);
  });

  for (const [name, { summary, build }] of Object.entries(CSV_TABLES)) {
    app.openapi(csvRoute(`/export/${name}.csv`, summary), async (c) => {
      const csv = await build(db, { lang: c.get('locale') });
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="igualdad-${name}.csv"`,
      });
    });
  }
}
