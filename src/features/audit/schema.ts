/** The audit page's filters (query string), validated with Zod. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from './chain.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'audit.filter.bad_date' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'audit.filter.bad_date' });

export const auditFilter = z
  .object({
    action: optional(z.enum(AUDIT_ACTIONS, { error: 'audit.filter.bad_action' })),
    actor: optional(
      z
        .string()
        .trim()
        .max(254, { error: 'audit.filter.bad_actor' })
        .regex(/^\P{Cc}*$/u, { error: 'audit.filter.bad_actor' }),
    ),
    from: optional(day),
    to: optional(day),
    before: optional(
      z.coerce
        .number({ error: 'audit.filter.bad_page' })
        .int({ error: 'audit.filter.bad_page' })
        .min(1, { error: 'audit.filter.bad_page' })
        .max(Number.MAX_SAFE_INTEGER, { error: 'audit.filter.bad_page' }),
    ),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    error: 'audit.filter.bad_range',
  });

export type AuditFilter = z.infer<typeof auditFilter>;
