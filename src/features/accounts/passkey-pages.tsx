/**
 * Staff pages: passkey (WebAuthn) registration, sign-in as a second factor and removal.
 */
import type { AdminRegistrar } from '../admin/env.ts';
import type { RouteRule } from '../admin/route-rules.ts';

/** Each route here and what it requires (read by the route x role matrix test). */
export const PASSKEY_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {};

export const passkeyPages: AdminRegistrar = () => {};
