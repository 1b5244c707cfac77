/**
 * Request and response schemas of the policy endpoints: they validate requests, type the
 * presenters and generate the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import * as e from '../../db/enums.ts';
import { isPartialDate } from '../../lib/partial-date.ts';
import { OCD_DIVISION_PATTERN } from '../../lib/ocd.ts';
import { SLUG_PATTERN } from '../../lib/slug.ts';
import {
  bodyRefSchema,
  jurisdictionRefSchema,
  langParam,
  listOf,
  topicRefSchema,
  translationStateSchema,
  verificationSchema,
} from '../api/common.ts';

const partialDateParam = (description: string) =>
  z
    .string()
    .refine(isPartialDate, 'validation.not_a_date')
    .optional()
    .openapi({ description, example: '2017' });

export const CURSOR_PATTERN = /^o(\d{1,7})$/;

export const policyListQuery = z
  .object({
    q: z.string().trim().max(200).optional().openapi({
      description:
        'Search words in Spanish or English (accents and case ignored, stemming, typos corrected) or an identifier such as "AR 2017-22".',
    }),
    jurisdiction: z
      .string()
      .regex(OCD_DIVISION_PATTERN, 'validation.not_an_ocd_id')
      .optional()
      .openapi({
        description: 'OCD division id; includes the jurisdictions below it.',
        example: 'ocd-division/country:us/state:nm',
      }),
    classification: listOf(e.policyClassifications, 'Policy classification.'),
    topic: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'Topic slugs, comma-separated.' })
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const items = [
          ...new Set(
            v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        if (!items.every((i) => SLUG_PATTERN.test(i))) {
          ctx.addIssue({ code: 'custom', message: 'validation.invalid', input: v });
          return z.NEVER;
        }
        return items;
      }),
    status: listOf(e.policyStatuses, 'Status.'),
    stance: listOf(e.policyStances, 'Stance toward immigrant residents.'),
    adopted_from: partialDateParam('Adopted on or after this (partial) date.'),
    adopted_to: partialDateParam('Adopted on or before this (partial) date, inclusive.'),
    lang: langParam,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .openapi({ description: 'Page size, 1-100.' }),
    cursor: z
      .string()
      .regex(CURSOR_PATTERN, 'validation.bad_cursor')
      .optional()
      .openapi({ description: 'The next_cursor of the previous page.' }),
  })
  .superRefine((q, ctx) => {
    if (
      q.adopted_from &&
      q.adopted_to &&
      q.adopted_from.slice(0, q.adopted_to.length) > q.adopted_to
    ) {
      ctx.addIssue({ code: 'custom', path: ['adopted_from'], message: 'validation.range' });
    }
  });

export type PolicyListQuery = z.infer<typeof policyListQuery>;

const datedFact = z.object({ date: z.string(), verification: verificationSchema }).nullable();

export const identifierSchema = z
  .object({
    scheme: z.enum(e.identifierSchemes),
    value: z.string(),
    primary: z.boolean(),
    verification: verificationSchema,
  })
  .openapi('PolicyIdentifier');

export const policySummarySchema = z
  .object({
    slug: z.string(),
    url: z.string().openapi({ description: 'Address of this policy in the API.' }),
    lang: z.enum(['es', 'en']),
    title: z.string(),
    summary: z.string(),
    translation_states: z.object({
      title: translationStateSchema,
      summary: translationStateSchema,
    }),
    classification: z.enum(e.policyClassifications),
    status: z.enum(e.policyStatuses),
    stance: z.enum(e.policyStances),
    jurisdiction: jurisdictionRefSchema,
    body: bodyRefSchema.nullable(),
    identifiers: z.array(identifierSchema),
    topics: z.array(topicRefSchema),
    dates: z.object({
      introduced: datedFact,
      adopted: datedFact,
      signed: datedFact,
      effective: datedFact,
    }),
    verification: verificationSchema,
    updated_at: z.string(),
  })
  .openapi('PolicySummary');

export const policyListSchema = z
  .object({
    data: z.array(policySummarySchema),
    next_cursor: z.string().nullable(),
    total: z.number().int(),
    did_you_mean: z
      .string()
      .optional()
      .openapi({ description: 'Present when nothing matched q and these corrected words did.' }),
  })
  .openapi('PolicyList');

const bilingualShown = z.object({ text: z.string(), state: translationStateSchema });

export const policyDetailSchema = policySummarySchema
  .extend({
    title_verification: verificationSchema,
    official_title: z.string().nullable(),
    full_text: bilingualShown.nullable(),
    verification_note: z.string().nullable(),
    provisions: z.array(
      z.object({
        category: z.enum(e.rubricCategories),
        text: z.string(),
        verification: verificationSchema,
      }),
    ),
    actions: z.array(
      z.object({
        date: z.string(),
        date_verification: verificationSchema,
        body: bodyRefSchema.nullable(),
        classification: z.array(z.string()),
        description: z.string(),
        translation_states: z.object({
          description: translationStateSchema.openapi({
            description:
              '`missing`: the description is given in the other language (imported ones: English).',
          }),
        }),
        votes: z
          .object({
            yes: z.number().int().nullable(),
            no: z.number().int().nullable(),
            abstain: z.number().int().nullable(),
            absent: z.number().int().nullable(),
            verification: verificationSchema,
          })
          .nullable(),
        roll_call: z
          .object({
            result: z.enum(e.voteResults),
            verification: verificationSchema,
            votes: z
              .array(z.object({ name: z.string(), option: z.enum(e.voteOptions) }))
              .openapi({ description: 'The voters the source names, as it names them.' }),
          })
          .nullable(),
      }),
    ),
    relations: z.array(
      z.object({
        kind: z.enum(e.relationKinds),
        direction: z.enum(['outgoing', 'incoming']),
        policy: z.object({ slug: z.string(), title: z.string(), url: z.string() }),
      }),
    ),
    sources: z.array(
      z.object({
        url: z.string().nullable(),
        citation: z.string().nullable(),
        title: z.string().nullable(),
        publisher: z.string().nullable(),
        accessed: z.string().nullable(),
      }),
    ),
    faq: z.array(z.object({ slug: z.string(), question: z.string() })),
    talking_points: z.array(
      z.object({ slug: z.string(), audience: z.enum(e.audiences), text: z.string() }),
    ),
    version: z.number().int(),
  })
  .openapi('PolicyDetail');

export const policySlugParams = z.object({
  slug: z
    .string()
    .max(200)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'bernco-ar-2017-22' }),
});

export const policyDetailQuery = z.object({ lang: langParam });

export type PolicySummary = z.infer<typeof policySummarySchema>;
export type PolicyDetail = z.infer<typeof policyDetailSchema>;
