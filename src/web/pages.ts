/**
 * Every feature's public pages. Each registrar adds its routes to the per-language site
 * (`/es/...`, `/en/...`).
 */
import { aboutPages } from '../features/about/pages.tsx';
import { faqPages } from '../features/faq/pages.tsx';
import { homePages } from '../features/home/pages.tsx';
import { jurisdictionPages } from '../features/jurisdictions/pages.tsx';
import { bodyPages } from '../features/officials/body-pages.tsx';
import { officialPages } from '../features/officials/pages.tsx';
import { policyPages } from '../features/policies/pages.tsx';
import { printPages } from '../features/print/pages.tsx';
import { timelinePages } from '../features/timeline/pages.tsx';
import type { PageRegistrar } from './routes.ts';

export const pages: PageRegistrar[] = [
  homePages,
  policyPages,
  printPages,
  jurisdictionPages,
  // Before officialPages: /officials/compare is not an official's slug.
  bodyPages,
  officialPages,
  timelinePages,
  faqPages,
  aboutPages,
];
