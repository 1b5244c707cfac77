/** Placeholder: this feature's public pages are being written. */
import type { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../services.ts';

export function timelinePages(_services: Services, _app: Hono<AppEnv>) {}
