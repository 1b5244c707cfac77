/**
 * Schemas shared by every API endpoint: language, pagination, problem documents.
 */
import { z } from '@hono/zod-openapi';
import * as e from '../../db/enums.ts';

export const langParam = z.enum(['es', 'en']).optional().openapi({
  description:
    'Language of texts and error messages (default: Accept-Language, then DEFAULT_LOCALE).',
});

export const verificationSchema = z.enum(e.verificationStates);
export const translationStateSchema = z.enum(e.translationStates);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z
      .string()
      .openapi({ description: 'Stable error code (not_found, invalid_parameter, ...).' }),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ name: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem');

export const problemResponses = {
  400: {
    description: 'A parameter is not valid',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
  404: {
    description: 'Not found',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
} as const;

export const notModified = {
  304: { description: 'Not modified (ETag matched If-None-Match)' },
} as const;

export const namesSchema = z.object({ es: z.string(), en: z.string() });

export const jurisdictionRefSchema = z
  .object({
    ocd_id: z.string(),
    slug: z.string(),
    name: z.string(),
    kind: z.enum(e.jurisdictionKinds),
  })
  .openapi('JurisdictionRef');

export const bodyRefSchema = z
  .object({ slug: z.string(), name: z.string(), classification: z.enum(e.bodyClassifications) })
  .openapi('BodyRef');

export const topicRefSchema = z.object({ slug: z.string(), name: z.string() }).openapi('TopicRef');

/** Comma-separated list of allowed values: `status=in_force,pending`. */
export function listOf<T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .string()
    .max(500)
    .optional()
    .openapi({ description: `${description} Comma-separated; any of: ${values.join(', ')}.` })
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
      const bad = items.filter((i) => !values.includes(i));
      if (bad.length) {
        ctx.addIssue({
          code: 'invalid_value',
          values: [...values],
          message: 'validation.unknown_value',
          input: v,
        });
        return z.NEVER;
      }
      return items as T[number][];
    });
}
