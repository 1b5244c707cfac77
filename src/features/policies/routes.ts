/**
 * `GET /api/v1/policies` and `GET /api/v1/policies/{slug}`.
 */
import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { notFound } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { bodyEtag } from '../api/etag.ts';
import { notModified, problemResponses } from '../api/common.ts';
import { presentPolicyDetail, presentPolicySummary } from './presenter.ts';
import { findPolicyIdBySlug, loadPolicyDetail } from './queries.ts';
import {
  CURSOR_PATTERN,
  policyDetailQuery,
  policyDetailSchema,
  policyListQuery,
  policyListSchema,
  policySlugParams,
} from './schema.ts';
import { searchPolicySummaries } from './search.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/policies',
  tags: ['Policies'],
  summary: 'Search and filter policies',
  request: { query: policyListQuery },
  responses: {
    200: {
      description: 'A page of policies',
      content: { 'application/json': { schema: policyListSchema } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/policies/{slug}',
  tags: ['Policies'],
  summary: 'One policy with provisions, history, relations, sources, FAQ and talking points',
  request: { params: policySlugParams, query: policyDetailQuery },
  responses: {
    200: {
      description: 'The policy',
      content: { 'application/json': { schema: policyDetailSchema } },
    },
    ...notModified,
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

export function policyRoutes({ db }: Services, app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const locale = c.get('locale');
    const offset = q.cursor ? Number(CURSOR_PATTERN.exec(q.cursor)![1]) : 0;
    const found = await searchPolicySummaries(
      db,
      {
        q: q.q,
        jurisdiction: q.jurisdiction,
        classification: q.classification,
        topic: q.topic,
        status: q.status,
        stance: q.stance,
        adoptedFrom: q.adopted_from,
        adoptedTo: q.adopted_to,
      },
      { limit: q.limit, offset },
    );
    const rows = found.rows;
    const next =
      offset + rows.length < found.total && rows.length > 0 ? `o${offset + rows.length}` : null;
    const body = JSON.stringify({
      data: rows.map((r) => presentPolicySummary(r, locale)),
      next_cursor: next,
      total: found.total,
      ...(found.didYouMean ? { did_you_mean: found.didYouMean } : {}),
    } satisfies PolicyList);
    // What c.json would send, with the ETag the API's etag middleware would compute, given here
    // so that the middleware does not copy the response and read its body again.
    return c.body(body, 200, {
      'content-type': 'application/json',
      etag: bodyEtag(body),
    }) as unknown as TypedResponse<PolicyList, 200, 'json'>;
  });

  app.openapi(detailRoute, async (c) => {
    const { slug } = c.req.valid('param');
    const id = await findPolicyIdBySlug(db, slug);
    const detail = id ? await loadPolicyDetail(db, id) : undefined;
    if (!detail) throw notFound('policy', { what: 'policy', slug });
    return c.json(presentPolicyDetail(detail, c.get('locale')), 200);
  });
}

type PolicyList = z.infer<typeof policyListSchema>;
