/**
 * The account forms, validated with Zod. Messages are catalog keys (accounts.json), shown beside
 * the field in the reader's language.
 */
import { z } from 'zod';
import type { AdminContext } from '../admin/env.ts';
import type { PageContext } from '../../web/i18n.ts';
import type { FieldErrors } from '../admin/components.tsx';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';

/** An email address as typed in a form: trimmed, required, plausible. */
export const emailField = z
  .string({ error: 'accounts.field.email_required' })
  .trim()
  .min(1, { error: 'accounts.field.email_required' })
  .max(254, { error: 'accounts.field.email_invalid' })
  // No spaces and no control characters (PostgreSQL text cannot hold NUL at all).
  .regex(/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u, { error: 'accounts.field.email_invalid' });

const password = (required: string) =>
  z
    .string({ error: required })
    .min(1, { error: required })
    .max(MAX_PASSWORD_LENGTH * 4, { error: 'accounts.password.too_long' });

/** 43 base64url characters: what randomToken() makes. */
export const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const signInForm = z.object({
  email: emailField,
  password: password('accounts.field.password_required'),
});

export const resetRequestForm = z.object({ email: emailField });

export const newPasswordForm = z
  .object({
    token: linkToken,
    password: password('accounts.field.new_password_required'),
    confirm: z.string({ error: 'accounts.field.confirm_required' }),
  })
  .refine((f) => f.password === f.confirm, {
    path: ['confirm'],
    error: 'accounts.field.confirm_mismatch',
  });

export const changePasswordForm = z
  .object({
    current: password('accounts.field.current_required'),
    password: password('accounts.field.new_password_required'),
    confirm: z.string({ error: 'accounts.field.confirm_required' }),
  })
  .refine((f) => f.password === f.confirm, {
    path: ['confirm'],
    error: 'accounts.field.confirm_mismatch',
  });

/** The first message per field, translated. Unknown messages fall back to a generic one. */
export function formErrors(ctx: PageContext, error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    errors[field] = ctx.t(
      issue.message.startsWith('accounts.') ? issue.message : 'accounts.field.invalid',
    );
  }
  return errors;
}

/** Form fields as strings (a repeated field keeps its last value; files are ignored). */
export function formValues(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') values[key] = last;
  }
  return values;
}

export type FormResult<T> =
  | { ok: true; values: Record<string, string>; data: T }
  | { ok: false; values: Record<string, string>; errors: FieldErrors };

/** Reads the posted form and validates it; errors come translated, per field. */
export async function readForm<T>(c: AdminContext, schema: z.ZodType<T>): Promise<FormResult<T>> {
  const values = formValues(await c.req.parseBody());
  const parsed = schema.safeParse(values);
  return parsed.success
    ? { ok: true, values, data: parsed.data }
    : { ok: false, values, errors: formErrors(c.get('page'), parsed.error) };
}
