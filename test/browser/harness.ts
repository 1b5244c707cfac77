/**
 * Browser tests' harness: the real app served in-process on a loopback port (PGlite clone of the
 * seeded template), headless Debian Chromium driven by playwright-core, and a guard on every page
 * that fails the test on a third-party request, a console error or a CSP violation.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { createTestApp, createTestDatabase } from '../harness.ts';

// Browser globals, for the callbacks that run inside the page (page.evaluate, init scripts).
// Declared in this module only: the project's tsconfig has no DOM lib, on purpose.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const chromeFound = existsSync(CHROME_PATH);
/** The `describe.skipIf` title when there is no browser, so the skip says why. */
export const NO_CHROME = `Chromium not found at ${CHROME_PATH}; install Debian's chromium package (apt-get install -y chromium) or set CHROME_PATH`;
if (!chromeFound) process.stderr.write(`[browser tests skipped] ${NO_CHROME}\n`);

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = path.join(repoRoot, 'artifacts', 'screenshots');

export const LOCALES = ['es', 'en'] as const;
export type Lang = (typeof LOCALES)[number];

/** The policy and jurisdiction the journeys use (default dataset). */
export const POLICY = 'bernco-ar-2017-22';
export const JURISDICTION = 'bernalillo-county';

export interface PageType {
  name: string;
  path: (lang: Lang) => string;
  /** The HTTP status the page must answer with. */
  status: number;
}

/** Every page type of the public site, in either language. */
export const PAGE_TYPES: PageType[] = [
  { name: 'home', path: (l) => `/${l}`, status: 200 },
  { name: 'policies', path: (l) => `/${l}/policies`, status: 200 },
  {
    name: 'policies-search-filters',
    path: (l) =>
      `/${l}/policies?q=${l === 'es' ? 'detencion' : 'detainer'}` +
      `&jurisdiction=${encodeURIComponent('ocd-division/country:us/state:nm/county:bernalillo')}&status=in_force`,
    status: 200,
  },
  { name: 'policy', path: (l) => `/${l}/policies/${POLICY}`, status: 200 },
  { name: 'print-kit', path: (l) => `/${l}/policies/${POLICY}/print`, status: 200 },
  { name: 'jurisdictions', path: (l) => `/${l}/jurisdictions`, status: 200 },
  { name: 'jurisdiction', path: (l) => `/${l}/jurisdictions/${JURISDICTION}`, status: 200 },
  { name: 'representatives', path: (l) => `/${l}/representatives`, status: 200 },
  {
    name: 'representatives-point',
    path: (l) => `/${l}/representatives?lat=35.0844&lon=-106.6504`,
    status: 200,
  },
  { name: 'officials', path: (l) => `/${l}/officials`, status: 200 },
  { name: 'body', path: (l) => `/${l}/bodies/albuquerque-city-council`, status: 200 },
  { name: 'officials-compare', path: (l) => `/${l}/officials/compare`, status: 200 },
  { name: 'timeline', path: (l) => `/${l}/timeline`, status: 200 },
  { name: 'faq', path: (l) => `/${l}/faq`, status: 200 },
  { name: 'talking-points', path: (l) => `/${l}/talking-points`, status: 200 },
  { name: 'about', path: (l) => `/${l}/about`, status: 200 },
  { name: 'privacy', path: (l) => `/${l}/privacy`, status: 200 },
  { name: 'not-found', path: (l) => `/${l}/no-such-page`, status: 404 },
  { name: 'api-reference', path: (l) => `/api/v1/docs?lang=${l}`, status: 200 },
];

export const HOOK_TIMEOUT = 120_000;

export interface Site {
  origin: string;
  browser: Browser;
  database: Database;
  close: () => Promise<void>;
}

/**
 * Starts the real app (createTestApp on a PGlite clone of the seeded template) on a free
 * loopback port, and launches Chromium. Playwright's `launch` gives every browser a fresh
 * temporary profile (user-data dir), removed on close.
 */
export async function startSite(
  overrides: Partial<Config> = {},
  /** `localhost` where a page needs a host name rather than an address (WebAuthn's RP ID). */
  options: { host?: '127.0.0.1' | 'localhost' } = {},
): Promise<Site> {
  const host = options.host ?? '127.0.0.1';
  const database = await createTestDatabase('pglite', 'seeded');
  // The server starts first so that the app can be built with its real origin as base URL.
  const target: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: (request: Request) => target.fetch!(request),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  const { app } = createTestApp(database, { baseUrl: origin, ...overrides });
  target.fetch = (request) => app.fetch(request);

  const browser = await chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // localhost is this server's IPv4 loopback, whatever the resolver says first.
      ...(host === 'localhost' ? ['--host-resolver-rules=MAP localhost 127.0.0.1'] : []),
    ],
  });
  return {
    origin,
    browser,
    database,
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

export interface Guard {
  /** Every URL the page requested. */
  requests: string[];
  /** Requests to another origin (aborted), console errors and CSP violations. */
  problems: string[];
  /** Console errors that are expected (e.g. the 404 page's own status). */
  allow: (pattern: RegExp) => void;
  /** Throws with every problem recorded so far. */
  check: () => void;
}

export interface GuardedContext {
  context: BrowserContext;
  page: Page;
  guard: Guard;
}

/**
 * A new browser context and page with the guard installed: requests to any other origin are
 * aborted and recorded; console errors and `securitypolicyviolation` events are recorded.
 */
export async function openPage(
  site: Site,
  options: {
    colorScheme?: 'light' | 'dark';
    width?: number;
    height?: number;
    reducedMotion?: 'reduce' | 'no-preference';
  } = {},
): Promise<GuardedContext> {
  const context = await site.browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    reducedMotion: options.reducedMotion ?? 'reduce',
    locale: 'es-US',
    serviceWorkers: 'block',
  });
  const requests: string[] = [];
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin !== site.origin) {
      problems.push(`third-party request: ${route.request().method()} ${url}`);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  await context.exposeBinding('__igualdadCspViolation', (_source, report: string) => {
    problems.push(`CSP violation: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e: { violatedDirective: string; blockedURI: string; documentURI: string }) => {
        const report = (window as unknown as { __igualdadCspViolation: (s: string) => void })
          .__igualdadCspViolation;
        void report(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`,
        );
      },
    );
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    if (allowed.some((p) => p.test(text))) return;
    problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error: ${error.message}`));
  return {
    context,
    page,
    guard: {
      requests,
      problems,
      allow: (pattern) => allowed.push(pattern),
      check: () => {
        if (problems.length) throw new Error(`page guard:\n  ${problems.join('\n  ')}`);
      },
    },
  };
}

/** Navigates and fails clearly when the page does not answer with the expected status. */
export async function visit(
  { page, guard }: GuardedContext,
  site: Site,
  pathname: string,
  status = 200,
): Promise<void> {
  if (status === 404) guard.allow(/status of 404/);
  const response = await page.goto(`${site.origin}${pathname}`, { waitUntil: 'load' });
  if (!response) throw new Error(`GET ${pathname}: no response`);
  if (response.status() !== status)
    throw new Error(
      `GET ${pathname} answered ${response.status()}, expected ${status}` +
        (response.status() === 404 ? ' (the route does not exist yet?)' : ''),
    );
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

/**
 * Runs axe-core in the page. The page's CSP forbids inline scripts, so axe is not added as a
 * <script>: its source is evaluated through the DevTools protocol (Runtime.evaluate), which the
 * page's CSP does not govern, and runs in the page's own JavaScript world.
 */
export async function runAxe(
  page: Page,
  runOnly: { type: 'tag' | 'rule'; values: string[] } = { type: 'tag', values: AXE_TAGS },
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  return page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const results = (await axe.run(document, {
      runOnly: only,
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        failureSummary: n.failureSummary,
        html: n.html.slice(0, 200),
      })),
    }));
  }, runOnly);
}

/** What the dark color scheme can change: colors only. */
export const AXE_COLOR_RULES = {
  type: 'rule' as const,
  values: ['color-contrast', 'link-in-text-block'],
};

/** axe violations as readable text. */
export function formatViolations(label: string, violations: AxeViolation[]): string {
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s)) ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`    at ${n.target.join(' ')}: ${n.html.replace(/\s+/g, ' ')}`);
      if (n.failureSummary)
        lines.push(`      ${n.failureSummary.replace(/\s*\n\s*/g, ' | ').slice(0, 300)}`);
    }
    if (v.nodes.length > 5) lines.push(`    ... and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
