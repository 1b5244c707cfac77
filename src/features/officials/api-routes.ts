/**
 * The officials and bodies API: `GET /api/v1/officials`, `/officials/{slug}` (terms, votes on
 * tracked policies read as with or against immigrant residents, a scorecard for an optional
 * period) and `/bodies/{slug}` (members today and every roll call with its votes). The same
 * queries as the pages; texts in the language asked.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Locale } from '../../config.ts';
import * as e from '../../db/enums.ts';
import { pickText } from '../../lib/bilingual.ts';
import { notFound } from '../../lib/errors.ts';
import { SLUG_PATTERN } from '../../lib/slug.ts';
import type { Services } from '../../services.ts';
import { langParam, notModified, problemResponses, verificationSchema } from '../api/common.ts';
import { listBodyRollCalls, loadBody } from './body-queries.ts';
import { motionStatesSchema as motionStates, presentMotion } from './motion.ts';
import { listCurrentTerms, listTrackedVotes, loadOfficial, type Term } from './official-queries.ts';
import { today } from './queries.ts';
import { readVote } from './reading.ts';
import { inPeriod, MAX_YEAR, MIN_YEAR, scorecard } from './scorecard.ts';

const slugParam = (name: string, example: string) =>
  z
    .string()
    .max(200)
    .regex(SLUG_PATTERN)
    .openapi({ param: { name, in: 'path' }, example });

const termSchema = z
  .object({
    body: z.object({ slug: z.string(), name: z.string() }),
    post: z.string().nullable(),
    role: z.string().nullable(),
    party: z.string().nullable(),
    start_date: z.string().nullable(),
    end_date: z.string().nullable(),
  })
  .openapi('Term');

const readingSchema = z.enum(['with', 'against']).nullable().openapi({
  description:
    'The vote read against the policy stance: with or against immigrant residents; null for a mixed policy or a vote other than yes or no.',
});

const presentTerm = (t: Term, locale: Locale) => ({
  body: { slug: t.bodySlug, name: locale === 'es' ? t.bodyNameEs : t.bodyNameEn },
  post: t.postLabel,
  role: t.role,
  party: t.party,
  start_date: t.startDate,
  end_date: t.endDate,
});

const year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional();

const listRoute = createRoute({
  method: 'get',
  path: '/officials',
  tags: ['Officials'],
  summary: 'Officials with a term in force today',
  request: {
    query: z.object({
      lang: langParam,
      body: z.string().max(200).regex(SLUG_PATTERN).optional().openapi({ example: 'nm-senate' }),
    }),
  },
  responses: {
    200: {
      description: 'Officials, by name',
      content: {
        'application/json': {
          schema: z.object({
            data: z.array(
              z.object({
                slug: z.string(),
                name: z.string(),
                terms: z.array(termSchema),
                url: z.string(),
              }),
            ),
          }),
        },
      },
    },
    ...notModified,
    400: problemResponses[400],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/officials/{slug}',
  tags: ['Officials'],
  summary: 'One official: terms, contact details, votes on tracked policies and a scorecard',
  request: {
    params: z.object({ slug: slugParam('slug', 'antoinette-sedillo-lopez') }),
    query: z.object({ lang: langParam, from: year, to: year }),
  },
  responses: {
    200: {
      description: 'The official',
      content: {
        'application/json': {
          schema: z
            .object({
              slug: z.string(),
              name: z.string(),
              email: z.string().nullable(),
              contact_details: z.array(
                z.object({ type: z.string(), value: z.string(), label: z.string().optional() }),
              ),
              links: z.array(z.object({ url: z.string(), note: z.string().optional() })),
              sources: z.array(z.object({ url: z.string(), note: z.string().optional() })),
              terms: z.array(termSchema),
              votes: z.array(
                z.object({
                  policy: z.object({
                    slug: z.string(),
                    title: z.string(),
                    stance: z.enum(e.policyStances),
                  }),
                  date: z.string(),
                  motion: z.string().nullable(),
                  translation_states: motionStates,
                  result: z.enum(e.voteResults),
                  option: z.enum(e.voteOptions),
                  reading: readingSchema,
                }),
              ),
              scorecard: z.object({
                with: z.number().int(),
                cast: z.number().int(),
                from: z.number().int().nullable(),
                to: z.number().int().nullable(),
              }),
            })
            .openapi('Official'),
        },
      },
    },
    ...notModified,
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

const bodyRoute = createRoute({
  method: 'get',
  path: '/bodies/{slug}',
  tags: ['Officials'],
  summary: 'One body: its members today and every roll call with its votes',
  request: {
    params: z.object({ slug: slugParam('slug', 'albuquerque-city-council') }),
    query: z.object({ lang: langParam }),
  },
  responses: {
    200: {
      description: 'The body',
      content: {
        'application/json': {
          schema: z
            .object({
              slug: z.string(),
              name: z.string(),
              jurisdiction: z.object({ slug: z.string(), name: z.string() }),
              members: z.array(z.object({ slug: z.string(), name: z.string(), term: termSchema })),
              roll_calls: z.array(
                z.object({
                  date: z.string(),
                  motion: z.string().nullable(),
                  translation_states: motionStates,
                  result: z.enum(e.voteResults),
                  counts: z.array(z.object({ option: z.string(), value: z.number().int() })),
                  verification: verificationSchema,
                  policy: z
                    .object({
                      slug: z.string(),
                      title: z.string(),
                      stance: z.enum(e.policyStances),
                    })
                    .nullable(),
                  votes: z.array(
                    z.object({
                      name: z.string().openapi({ description: 'As the source records it.' }),
                      official: z.string().nullable(),
                      option: z.enum(e.voteOptions),
                      reading: readingSchema,
                    }),
                  ),
                }),
              ),
            })
            .openapi('Body'),
        },
      },
    },
    ...notModified,
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

export function officialApiRoutes(services: Services, app: OpenAPIHono<AppEnv>) {
  const { db } = services;

  app.openapi(listRoute, async (c) => {
    const locale = c.get('locale');
    const terms = await listCurrentTerms(db, today(), c.req.valid('query').body);
    const bySlug = new Map<string, { slug: string; name: string; terms: Term[] }>();
    for (const t of terms) {
      const entry = bySlug.get(t.personSlug) ?? {
        slug: t.personSlug,
        name: t.personName,
        terms: [],
      };
      entry.terms.push(t);
      bySlug.set(t.personSlug, entry);
    }
    const data = [...bySlug.values()]
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map((o) => ({
        slug: o.slug,
        name: o.name,
        terms: o.terms.map((t) => presentTerm(t, locale)),
        url: `/api/v1/officials/${o.slug}`,
      }));
    return c.json({ data }, 200);
  });

  app.openapi(detailRoute, async (c) => {
    const locale = c.get('locale');
    const { slug } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    const official = await loadOfficial(db, slug);
    if (!official) throw notFound('official', { slug });
    const period = { from: from ?? null, to: to ?? null };
    const votes = (await listTrackedVotes(db, [slug])).filter((v) => inPeriod(v.date, period));
    const score = scorecard(votes, period);
    return c.json(
      {
        slug: official.slug,
        name: official.name,
        email: official.email,
        contact_details: official.contactDetails,
        links: official.links,
        sources: official.sources,
        terms: official.terms.map((t) => presentTerm(t, locale)),
        votes: votes.map((v) => ({
          policy: {
            slug: v.policySlug,
            title: pickText(locale, v.titleEs, v.titleEn).text,
            stance: v.stance,
          },
          date: v.date,
          ...presentMotion(locale, v),
          result: v.result,
          option: v.option,
          reading: readVote(v.stance, v.option),
        })),
        scorecard: { with: score.with, cast: score.cast, from: from ?? null, to: to ?? null },
      },
      200,
    );
  });

  app.openapi(bodyRoute, async (c) => {
    const locale = c.get('locale');
    const { slug } = c.req.valid('param');
    const body = await loadBody(db, slug);
    if (!body) throw notFound('body', { slug });
    const [members, rollCalls] = await Promise.all([
      listCurrentTerms(db, today(), slug),
      listBodyRollCalls(db, slug),
    ]);
    return c.json(
      {
        slug: body.slug,
        name: locale === 'es' ? body.nameEs : body.nameEn,
        jurisdiction: {
          slug: body.jurisdiction.slug,
          name: locale === 'es' ? body.jurisdiction.nameEs : body.jurisdiction.nameEn,
        },
        members: members.map((t) => ({
          slug: t.personSlug,
          name: t.personName,
          term: presentTerm(t, locale),
        })),
        roll_calls: rollCalls.map((r) => ({
          date: r.date,
          ...presentMotion(locale, r),
          result: r.result,
          counts: r.counts,
          verification: r.verification,
          policy: r.policy
            ? {
                slug: r.policy.slug,
                title: pickText(locale, r.policy.titleEs, r.policy.titleEn).text,
                stance: r.policy.stance,
              }
            : null,
          votes: r.votes.map((v) => ({
            name: v.voterName,
            official: v.personSlug,
            option: v.option,
            reading: r.policy ? readVote(r.policy.stance, v.option) : null,
          })),
        })),
      },
      200,
    );
  });
}
