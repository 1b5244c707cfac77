/**
 * Staff pages: revision history, diff, restore and the translator queue.
 */
import type { AdminRegistrar } from '../admin/env.ts';
import type { RouteRule } from '../admin/route-rules.ts';

/** Each route here and what it requires (read by the route x role matrix test). */
export const REVISION_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {};

export const revisionPages: AdminRegistrar = () => {};
