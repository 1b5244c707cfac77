/** `GET /api/v1/faq` and `GET /api/v1/talking-points`, filterable by audience, topic and policy. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import * as e from '../../db/enums.ts';
import { SLUG_PATTERN } from '../../lib/slug.ts';
import type { Services } from '../../services.ts';
import { langParam, listOf, notModified, problemResponses, topicRefSchema } from '../api/common.ts';
import { presentFaqEntry, presentTalkingPoint } from './presenter.ts';
import { listFaqEntries, listTalkingPoints } from './queries.ts';

const linkedPolicySchema = z.object({ slug: z.string(), title: z.string(), url: z.string() });

export const faqEntrySchema = z
  .object({
    slug: z.string(),
    audience: z.enum(e.audiences),
    position: z.number().int(),
    lang: z.enum(['es', 'en']),
    question: z.string(),
    answer: z.string(),
    translation_states: z.object({
      question: z.enum(e.translationStates),
      answer: z.enum(e.translationStates),
    }),
    policies: z.array(linkedPolicySchema),
    topics: z.array(topicRefSchema),
  })
  .openapi('FaqEntry');

export const talkingPointSchema = z
  .object({
    slug: z.string(),
    audience: z.enum(e.audiences),
    position: z.number().int(),
    lang: z.enum(['es', 'en']),
    text: z.string(),
    translation_state: z.enum(e.translationStates),
    policies: z.array(linkedPolicySchema),
    topics: z.array(topicRefSchema),
  })
  .openapi('TalkingPoint');

const slugParam = (description: string) =>
  z.string().regex(SLUG_PATTERN, 'validation.invalid').optional().openapi({ description });

const filters = z.object({
  audience: listOf(e.audiences, 'Audience.'),
  topic: slugParam('Topic slug.'),
  policy: slugParam('Policy slug.'),
  lang: langParam,
});

const faqRoute = createRoute({
  method: 'get',
  path: '/faq',
  tags: ['FAQ and talking points'],
  summary: 'Questions and answers, in order',
  request: { query: filters },
  responses: {
    200: {
      description: 'FAQ entries',
      content: { 'application/json': { schema: z.object({ data: z.array(faqEntrySchema) }) } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

const pointsRoute = createRoute({
  method: 'get',
  path: '/talking-points',
  tags: ['FAQ and talking points'],
  summary: 'Talking points for community members, advocates, media and officials',
  request: { query: filters },
  responses: {
    200: {
      description: 'Talking points',
      content: { 'application/json': { schema: z.object({ data: z.array(talkingPointSchema) }) } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

export function faqRoutes({ db }: Services, app: OpenAPIHono<AppEnv>) {
  app.openapi(faqRoute, async (c) => {
    const rows = await listFaqEntries(db, c.req.valid('query'));
    return c.json({ data: rows.map((r) => presentFaqEntry(r, c.get('locale'))) }, 200);
  });
  app.openapi(pointsRoute, async (c) => {
    const rows = await listTalkingPoints(db, c.req.valid('query'));
    return c.json({ data: rows.map((r) => presentTalkingPoint(r, c.get('locale'))) }, 200);
  });
}
