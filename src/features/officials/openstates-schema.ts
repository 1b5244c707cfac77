/**
 * The Open States person file (github.com/openstates/people, `data/<state>/{legislature,
 * executive,municipalities}/*.yml`), as far as Igualdad reads it. Fields we do not keep (gender,
 * birth date, extras, social ids) are accepted and ignored: officials' public role only.
 */
import { z } from 'zod';
import { isPartialDate } from '../../lib/partial-date.ts';

const text = z.string().trim().min(1).max(500);
/** YAML turns 2019-01-14 into a Date and keeps '2019-01-14' a string: take both. */
const date = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isPartialDate, 'must be a date such as 2019, 2019-01 or 2019-01-14');
const url = z.url({ protocol: /^https?$/ }).max(2000);

export const OPENSTATES_PERSON_ID =
  /^ocd-person\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const OPENSTATES_JURISDICTION_ID =
  /^ocd-jurisdiction\/country:[a-z]{2}(\/[\p{L}\p{M}_]+:[\p{L}\p{M}\p{N}_.~-]+)*\/government$/u;

export const roleSchema = z.object({
  type: text,
  jurisdiction: z.string().regex(OPENSTATES_JURISDICTION_ID, 'must be an OCD jurisdiction id'),
  district: z.union([text, z.number().transform(String)]).optional(),
  start_date: date.optional(),
  end_date: date.optional(),
  end_reason: z.string().optional(),
});

export const personFile = z.object({
  id: z
    .string()
    .regex(OPENSTATES_PERSON_ID, 'must be an Open States person id (ocd-person/<uuid>)'),
  name: text,
  given_name: text.optional(),
  family_name: text.optional(),
  email: z.email().max(320).optional(),
  image: url.optional(),
  party: z
    .array(z.object({ name: text, start_date: date.optional(), end_date: date.optional() }))
    .default([]),
  roles: z.array(roleSchema).default([]),
  offices: z
    .array(
      z.object({
        classification: text,
        address: text.optional(),
        voice: text.optional(),
        fax: text.optional(),
        email: z.email().max(320).optional(),
      }),
    )
    .default([]),
  links: z.array(z.object({ url, note: text.optional() })).default([]),
  other_names: z.array(z.object({ name: text })).default([]),
  sources: z.array(z.object({ url, note: text.optional() })).default([]),
});

export type PersonFile = z.infer<typeof personFile>;
export type RoleRecord = z.infer<typeof roleSchema>;
