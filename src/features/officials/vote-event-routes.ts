/**
 * `GET /api/v1/vote-events` (roll calls on tracked policies, filtered and paged, newest first)
 * and `GET /api/v1/vote-events/{id}` (one roll call with every vote as recorded). Texts in the
 * language asked; the rule of what is public lives in vote-event-queries.ts.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { notFound } from '../../lib/errors.ts';
import type { Services } from '../../services.ts';
import { notModified, problemResponses } from '../api/common.ts';
import { CURSOR_PATTERN } from '../policies/schema.ts';
import { presentVoteEvent, presentVoteEventSummary } from './vote-event-presenter.ts';
import { listVoteEvents, listVotesByEvent, loadVoteEvent } from './vote-event-queries.ts';
import {
  voteEventDetailQuery,
  voteEventDetailSchema,
  voteEventIdParams,
  voteEventListQuery,
  voteEventListSchema,
} from './vote-event-schema.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/vote-events',
  tags: ['Officials'],
  summary: 'Roll calls on tracked policies, newest first',
  request: { query: voteEventListQuery },
  responses: {
    200: {
      description: 'A page of roll calls',
      content: { 'application/json': { schema: voteEventListSchema } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/vote-events/{id}',
  tags: ['Officials'],
  summary: 'One roll call: counts, result, motion, policy and every vote as recorded',
  request: { params: voteEventIdParams, query: voteEventDetailQuery },
  responses: {
    200: {
      description: 'The roll call',
      content: { 'application/json': { schema: voteEventDetailSchema } },
    },
    ...notModified,
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

export function voteEventRoutes({ db }: Services, app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = q.cursor ? Number(CURSOR_PATTERN.exec(q.cursor)![1]) : 0;
    const { events, total } = await listVoteEvents(db, q, { limit: q.limit, offset });
    const end = offset + events.length;
    return c.json(
      {
        data: events.map((e) => presentVoteEventSummary(e, c.get('locale'))),
        next_cursor: events.length > 0 && end < total ? `o${end}` : null,
        total,
      },
      200,
    );
  });

  app.openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const event = await loadVoteEvent(db, id);
    if (!event) throw notFound('vote_event', { what: 'vote_event', id });
    // The id as stored (lower case), whatever case the client wrote it in.
    const votes = (await listVotesByEvent(db, [event.id])).get(event.id) ?? [];
    return c.json(presentVoteEvent(event, votes, c.get('locale')), 200);
  });
}
