/** `GET /api/v1/topics`. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, count, eq } from 'drizzle-orm';
import type { AppEnv } from '../../app-env.ts';
import { policyTopics, topics } from '../../db/schema.ts';
import { pickName } from '../../lib/bilingual.ts';
import type { Services } from '../../services.ts';
import { langParam, notModified, problemResponses } from '../api/common.ts';

const topicSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    names: z.object({ es: z.string(), en: z.string() }),
    policy_count: z.number().int(),
  })
  .openapi('Topic');

const listRoute = createRoute({
  method: 'get',
  path: '/topics',
  tags: ['Topics'],
  summary: 'Topics that policies, FAQ entries and talking points are tagged with',
  request: { query: z.object({ lang: langParam }) },
  responses: {
    200: {
      description: 'Topics',
      content: { 'application/json': { schema: z.object({ data: z.array(topicSchema) }) } },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

export function topicRoutes({ db }: Services, app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const rows = await db
      .select({ topic: topics, n: count(policyTopics.policyId) })
      .from(topics)
      .leftJoin(policyTopics, eq(policyTopics.topicId, topics.id))
      .groupBy(topics.id)
      .orderBy(asc(topics.position), asc(topics.slug));
    const locale = c.get('locale');
    return c.json(
      {
        data: rows.map(({ topic, n }) => ({
          slug: topic.slug,
          name: pickName(locale, topic),
          names: { es: topic.nameEs, en: topic.nameEn },
          policy_count: Number(n),
        })),
      },
      200,
    );
  });
}
