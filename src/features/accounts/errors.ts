/**
 * Errors of authentication and authorization. They are rendered by the admin pages' error
 * handler (routes.tsx): sign-in redirect, 403 page, 429 with Retry-After.
 *
 * They belong in the project's vocabulary (src/lib/errors.ts) once API routes need them too.
 */
export const authErrorStatuses = {
  /** No valid session: the pages send the reader to sign in. */
  unauthenticated: 401,
  /** Signed in with a password; the second factor is still to be verified (or set up). */
  mfa_required: 401,
  mfa_setup_required: 401,
  /** Signed in, but the role's permissions do not include this action. */
  forbidden: 403,
  /** A state-changing request from another site, or without a valid CSRF token. */
  csrf_rejected: 403,
  /** Backoff in force for this account or address. */
  too_many_attempts: 429,
} as const;

export type AuthErrorCode = keyof typeof authErrorStatuses;

export class AuthError extends Error {
  readonly status: number;
  constructor(
    readonly code: AuthErrorCode,
    internalMessage: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(internalMessage);
    this.status = authErrorStatuses[code];
  }
}
