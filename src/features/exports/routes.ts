/**
 * `GET /api/v1/export/popolo.json` (served inline, for machines) and
 * `GET /api/v1/export/policies.csv` (a download, for spreadsheets). ETag and Cache-Control come
 * from the API app's middleware.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';
import { langParam, notModified, problemResponses } from '../api/common.ts';
import { buildPoliciesCsv } from './csv.ts';
import { buildPopoloExport, popoloExportSchema } from './popolo.ts';

const popoloRoute = createRoute({
  method: 'get',
  path: '/export/popolo.json',
  tags: ['Export'],
  summary: 'The whole library as Popolo areas and organizations and Open Civic Data bills',
  responses: {
    200: {
      description: 'Popolo / OCD export',
      content: { 'application/json': { schema: popoloExportSchema } },
    },
    ...notModified,
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/export/policies.csv',
  tags: ['Export'],
  summary: 'One row per policy, both languages, as a CSV file for spreadsheets',
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

  app.openapi(csvRoute, async (c) => {
    const csv = await buildPoliciesCsv(db, { lang: c.get('locale') });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="igualdad-policies.csv"',
    });
  });
}
