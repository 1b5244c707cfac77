/** Placeholder wiring; the export endpoints are added in src/features/exports/. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';

export function exportRoutes(_services: Services, _app: OpenAPIHono<AppEnv>) {}
