/**
 * Renders an AppError as RFC 9457 application/problem+json in the caller's language.
 */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { Locale } from '../config.ts';
import { translate } from '../i18n/catalog.ts';
import { AppError, type FieldProblem } from './errors.ts';

export function problemBody(error: AppError, locale: Locale, instance: string) {
  const fields = error.details.fields ?? [];
  const values = {
    what: 'other',
    slug: '',
    ...error.details.values,
    count: fields.length,
    names: fields.map((f) => f.name).join(', '),
  };
  return {
    type: `/api/v1/problems/${error.code}`,
    title: translate(locale, `errors.${error.code}.title`),
    status: error.status,
    code: error.code,
    detail: translate(locale, `errors.${error.code}.detail`, values),
    instance,
    ...(fields.length
      ? {
          errors: fields.map((f) => ({
            name: f.name,
            detail: translate(locale, f.reason, f.values),
          })),
        }
      : {}),
  };
}

export function problemResponse(c: Context, error: AppError, locale: Locale): Response {
  return new Response(JSON.stringify(problemBody(error, locale, c.req.path)), {
    status: error.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

/** Maps Zod issues to field problems named as the client named them, with catalog reasons. */
export function fieldProblems(error: ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const name = issue.path.map(String).join('.') || 'request';
    if (seen.has(name)) continue;
    seen.add(name);
    problems.push({ name, ...reasonFor(issue) });
  }
  return problems;
}

function reasonFor(issue: ZodError['issues'][number]): Omit<FieldProblem, 'name'> {
  if (issue.code === 'invalid_value')
    return {
      reason: 'validation.unknown_value',
      values: { allowed: issue.values.map(String).join(', ') },
    };
  if (issue.message.startsWith('validation.')) return { reason: issue.message };
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? { reason: 'validation.required' }
        : { reason: 'validation.too_small', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { reason: 'validation.too_long', values: { max: Number(issue.maximum) } }
        : { reason: 'validation.too_big', values: { max: Number(issue.maximum) } };
    case 'invalid_type':
      if (issue.input === undefined) return { reason: 'validation.required' };
      return issue.expected === 'number' || issue.expected === 'int'
        ? { reason: 'validation.not_whole_number' }
        : { reason: 'validation.invalid' };
    default:
      return { reason: 'validation.invalid' };
  }
}
