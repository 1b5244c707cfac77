/**
 * Request and response schemas of `GET /api/v1/vote-events` and `/vote-events/{id}`: they
 * validate requests, type the presenter and generate the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import * as e from '../../db/enums.ts';
import { isPartialDate } from '../../lib/partial-date.ts';
import { SLUG_PATTERN } from '../../lib/slug.ts';
import { langParam, verificationSchema } from '../api/common.ts';
import { motionStatesSchema } from './motion.ts';
import { policyListQuery } from '../policies/schema.ts';

const slugFilter = (description: string, example: string) =>
  z.string().max(200).regex(SLUG_PATTERN).optional().openapi({ description, example });

const dateFilter = (description: string) =>
  z
    .string()
    .refine(isPartialDate, 'validation.not_a_date')
    .optional()
    .openapi({ description, example: '2017' });

export const voteEventListQuery = z
  .object({
    body: slugFilter('Slug of the body that voted.', 'albuquerque-city-council'),
    policy: slugFilter('Slug of the policy voted on.', 'abq-r-18-7'),
    official: slugFilter(
      'Slug of an official: the roll calls in which their vote is recorded.',
      'rosa-ruiz',
    ),
    option: z.enum(e.voteOptions).optional().openapi({
      description:
        'With `official`, roll calls in which that official voted so; alone, roll calls in which anyone did.',
    }),
    from: dateFilter('Held on or after this (partial) date.'),
    to: dateFilter('Held on or before this (partial) date, inclusive.'),
    lang: langParam,
    // Paged as /policies is: the same parameters, so the same cursors.
    limit: policyListQuery.shape.limit,
    cursor: policyListQuery.shape.cursor,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.slice(0, q.to.length) > q.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'validation.after_to' });
    }
  });

export const voteEventIdParams = z.object({
  // Checked before the query: a malformed id would otherwise fail the uuid cast in the database.
  id: z.guid('validation.invalid').openapi({
    param: { name: 'id', in: 'path' },
    example: '0b7f4f0e-3c1a-4a57-9a43-2d6c1e0f5b10',
  }),
});

export const voteEventDetailQuery = z.object({ lang: langParam });

const voteEventSummarySchema = z.object({
  id: z.string(),
  url: z.string().openapi({ description: 'Address of this roll call in the API.' }),
  date: z.string().openapi({ description: 'ISO 8601, possibly partial (2017, 2017-03).' }),
  body: z.object({ slug: z.string(), name: z.string() }).nullable(),
  policy: z.object({
    slug: z.string(),
    title: z.string(),
    stance: z.enum(e.policyStances),
    url: z.string(),
  }),
  motion: z.string().nullable().openapi({ description: 'In the language asked, else the other.' }),
  translation_states: motionStatesSchema,
  result: z.enum(e.voteResults),
  counts: z
    .array(z.object({ option: z.string(), value: z.number().int() }))
    .openapi({ description: 'The totals as recorded, which may name more voters than `votes`.' }),
  verification: verificationSchema,
});

export const voteEventListSchema = z
  .object({
    data: z.array(voteEventSummarySchema.openapi('VoteEventSummary')),
    next_cursor: z.string().nullable(),
    total: z.number().int(),
  })
  .openapi('VoteEventList');

export const voteEventDetailSchema = voteEventSummarySchema
  .extend({
    identifier: z.string().nullable().openapi({ description: "The source's own id for it." }),
    sources: z.array(z.object({ url: z.string(), note: z.string().optional() })),
    votes: z.array(
      z.object({
        name: z.string().openapi({ description: 'The voter as the source records it.' }),
        official: z
          .string()
          .nullable()
          .openapi({ description: 'Slug of the matched official; null when not matched.' }),
        option: z.enum(e.voteOptions),
        reading: z.enum(['with', 'against']).nullable().openapi({
          description:
            'The vote read against the policy stance: with or against immigrant residents; null for a mixed policy or a vote other than yes or no.',
        }),
        verification: verificationSchema,
      }),
    ),
  })
  .openapi('VoteEvent');

export type VoteEventSummary = z.infer<typeof voteEventSummarySchema>;
export type VoteEventDetail = z.infer<typeof voteEventDetailSchema>;
