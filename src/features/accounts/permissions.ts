/**
 * Who may do what: one declarative map per role and resource, and one `authorize()` that throws.
 * Anything not listed is denied. The route x role matrix test (issue 4, item 4) reads this map.
 *
 * Organization-scoped roles (organizer, member organization) will come as grants with a scope;
 * a rule may then be a predicate on the principal and the object instead of `true`.
 */
import { USER_ROLES } from '../../db/schema.ts';
import { AuthError } from './errors.ts';

export type Role = (typeof USER_ROLES)[number];
export const roles: readonly Role[] = USER_ROLES;

export const RESOURCES = ['own_account', 'users', 'audit_log', 'content', 'translations'] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'publish',
  'change_role',
  'disable',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The signed-in user as authorization sees them. */
export interface Principal {
  userId: string;
  role: Role;
  /** Whether this session verified a second factor (MFA arrives in the next slice). */
  mfaVerified: boolean;
}

type Rule = true | ((principal: Principal, object?: { ownerId?: string }) => boolean);
type RoleRules = { readonly [R in Resource]?: { readonly [A in Action]?: Rule } };

const everything = { read: true, create: true, update: true, delete: true, publish: true } as const;
const ownAccount = { read: true, update: true } as const;

export const PERMISSIONS: Readonly<Record<Role, RoleRules>> = {
  admin: {
    own_account: ownAccount,
    users: { read: true, create: true, change_role: true, disable: true },
    audit_log: { read: true },
    content: everything,
    translations: { read: true, update: true },
  },
  editor: {
    own_account: ownAccount,
    content: everything,
    translations: { read: true, update: true },
  },
  translator: {
    own_account: ownAccount,
    content: { read: true },
    translations: { read: true, update: true },
  },
  viewer: {
    own_account: ownAccount,
    content: { read: true },
    translations: { read: true },
  },
};

/** True when the principal's role allows the action on the resource (and object, if given). */
export function can(
  principal: Principal | undefined,
  action: Action,
  resource: Resource,
  object?: { ownerId?: string },
): boolean {
  if (!principal) return false;
  const rule = PERMISSIONS[principal.role]?.[resource]?.[action];
  if (rule === undefined) return false;
  return rule === true || rule(principal, object);
}

/** Throws unless allowed: `unauthenticated` without a principal, `forbidden` otherwise. */
export function authorize(
  principal: Principal | undefined,
  action: Action,
  resource: Resource,
  object?: { ownerId?: string },
): asserts principal is Principal {
  if (!principal) throw new AuthError('unauthenticated', `${action} ${resource}: not signed in`);
  if (!can(principal, action, resource, object))
    throw new AuthError('forbidden', `${action} ${resource}: role ${principal.role} not allowed`);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
