/**
 * What each staff route requires, declared once. The route x role matrix test
 * (admin/authorization.test.ts) reads the routes from the app itself and fails when a route has no
 * rule here, or when any role gets more (or less) than its rule and the permission map allow.
 */
import type { Action, Resource } from '../accounts/permissions.ts';
import { PASSKEY_ROUTE_RULES } from '../accounts/passkey-pages.tsx';
import { EDIT_ROUTE_RULES } from '../editorial/edit-pages.tsx';
import { REVISION_ROUTE_RULES } from '../editorial/revision-pages.tsx';

export type RouteRule =
  /** Anyone: sign-in, links, reset. */
  | 'public'
  /** A session past the password step, whatever its second factor (MFA pages, sign-out). */
  | 'password_step'
  /** Fully signed in, and the role's permissions include this action on this resource. */
  | { action: Action; resource: Resource };

const can = (action: Action, resource: Resource): RouteRule => ({ action, resource });

/** Keys are "METHOD path" with the path after the language prefix. */
const ACCOUNT_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /admin': can('read', 'own_account'),
  'GET /admin/sign-in': 'public',
  'POST /admin/sign-in': 'public',
  'POST /admin/sign-out': 'password_step',
  'POST /admin/sign-out-everywhere': 'password_step',
  'GET /admin/set-up': 'public',
  'POST /admin/set-up': 'public',
  'GET /admin/reset': 'public',
  'POST /admin/reset': 'public',
  'GET /admin/reset/confirm': 'public',
  'POST /admin/reset/confirm': 'public',
  'GET /admin/password': can('update', 'own_account'),
  'POST /admin/password': can('update', 'own_account'),
  'GET /admin/mfa': 'password_step',
  'POST /admin/mfa': 'password_step',
  'GET /admin/mfa/setup': 'password_step',
  'POST /admin/mfa/setup': 'password_step',
  'GET /admin/users': can('read', 'users'),
  'POST /admin/users': can('create', 'users'),
  'POST /admin/users/:id/role': can('change_role', 'users'),
  'POST /admin/users/:id/disable': can('disable', 'users'),
  'POST /admin/users/:id/enable': can('disable', 'users'),
  'GET /admin/audit': can('read', 'audit_log'),
};

/** Every staff route; each feature declares its own beside its pages. */
export const ADMIN_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  ...ACCOUNT_ROUTE_RULES,
  ...PASSKEY_ROUTE_RULES,
  ...EDIT_ROUTE_RULES,
  ...REVISION_ROUTE_RULES,
};
