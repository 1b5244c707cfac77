/**
 * Staff pages: the content list, create, edit, delete, workflow buttons, preview and conflict pages.
 */
import type { AdminRegistrar } from '../admin/env.ts';
import type { RouteRule } from '../admin/route-rules.ts';

/** Each route here and what it requires (read by the route x role matrix test). */
export const EDIT_ROUTE_RULES: Readonly<Record<string, RouteRule>> = {};

export const editPages: AdminRegistrar = () => {};
