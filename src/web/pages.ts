/**
 * Every feature's public pages, in navigation order. Each registrar adds its routes to the
 * per-language site (`/es/...`, `/en/...`).
 */
import { homePages } from '../features/home/pages.tsx';
import type { PageRegistrar } from './routes.ts';

export const pages: PageRegistrar[] = [homePages];
