/**
 * The one error vocabulary. Each code has a stable HTTP status; the text people see comes from
 * the message catalogs (key `errors.<code>`), apart from the internal message kept for logs.
 */
export const errorStatuses = {
  not_found: 404,
  invalid_parameter: 400,
  invalid_body: 400,
  unsupported_media_type: 415,
  conflict: 409,
  payload_too_large: 413,
  method_not_allowed: 405,
  service_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatuses;

export interface FieldProblem {
  /** The parameter or field, as the client named it ("limit", "policies[2].slug"). */
  name: string;
  /** Catalog key under `validation.` plus values for it. */
  reason: string;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    internalMessage: string,
    readonly details: { fields?: FieldProblem[]; values?: Record<string, string | number> } = {},
  ) {
    super(internalMessage);
    this.status = errorStatuses[code];
  }
}

export const notFound = (what: string, values: Record<string, string | number> = {}) =>
  new AppError('not_found', `${what} not found`, { values });

export const invalidParameters = (fields: FieldProblem[]) =>
  new AppError('invalid_parameter', `invalid parameters: ${fields.map((f) => f.name).join(', ')}`, {
    fields,
  });
