/**
 * A polite Legistar Web API client: pages of 1000 (`$top`/`$skip`) until a short page, an
 * optional `$filter`, a request-rate limit and a bound on requests in flight, retries with
 * exponential backoff on 5xx, 429, network errors and timeouts, and a clear error naming the URL
 * on anything else (4xx, non-JSON, a body that is not an array of the expected rows).
 */
import type { z } from 'zod';
import { InputRejected, type InputProblem } from '../divisions/report.ts';

export const PAGE_SIZE = 1000;

export interface LegistarClientOptions {
  /** `https://webapi.legistar.com/v1/{client}` or a fake server's equivalent. */
  baseUrl: string;
  /** Requests started per second, across all concurrent ones (default 8). */
  requestsPerSecond?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff in milliseconds, doubled on every retry (default 500). */
  backoffMs?: number;
  onRetry?: (message: string) => void;
}

/** A request that failed for good: the message names the URL and what went wrong. */
export class LegistarRequestError extends Error {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
  }
}

class Transient extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type LegistarClient = ReturnType<typeof createLegistarClient>;

export function createLegistarClient(options: LegistarClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const spacing = 1000 / (options.requestsPerSecond ?? 8);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;

  // Rate limit by spacing: each request takes the next free start slot.
  let nextSlot = 0;
  async function waitForSlot() {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + spacing;
    if (slot > now) await sleep(slot - now);
  }

  // Bounded concurrency: a counting semaphore.
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  async function acquire() {
    if (inFlight < concurrency) {
      inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function release() {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  }

  async function attempt(url: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new Transient(
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : `network error (${(error as Error).message})`,
      );
    }
    const body = await response.text().catch(() => '');
    if (response.status >= 500 || response.status === 429)
      throw new Transient(`answered ${response.status}`);
    if (!response.ok)
      throw new LegistarRequestError(url, `answered ${response.status}: ${excerpt(body)}`);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new LegistarRequestError(url, `did not answer JSON (${type}): ${excerpt(body)}`);
    }
  }

  /** One GET with retries; resolves to the parsed JSON. */
  async function getJson(url: string): Promise<unknown> {
    await acquire();
    try {
      for (let tried = 0; ; tried += 1) {
        await waitForSlot();
        try {
          return await attempt(url);
        } catch (error) {
          if (!(error instanceof Transient)) throw error;
          if (tried >= retries)
            throw new LegistarRequestError(
              url,
              `${error.message}, ${tried + 1} attempt(s); giving up`,
            );
          const wait = backoffMs * 2 ** tried;
          options.onRetry?.(`${url}: ${error.message}; retrying in ${wait} ms`);
          await sleep(wait);
        }
      }
    } finally {
      release();
    }
  }

  function urlOf(path: string, query: Record<string, string | number | undefined>) {
    const parts = Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
    return `${baseUrl}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
  }

  /** One page (or a whole small list) of rows, each checked against the schema. */
  async function getRows<S extends z.ZodType>(
    path: string,
    schema: S,
    query: Record<string, string | number | undefined> = {},
  ): Promise<z.infer<S>[]> {
    const url = urlOf(path, query);
    const json = await getJson(url);
    if (!Array.isArray(json))
      throw new LegistarRequestError(
        url,
        `unexpected shape: expected a JSON array of rows, got ${json === null ? 'null' : typeof json}`,
      );
    const rows: z.infer<S>[] = [];
    const problems: InputProblem[] = [];
    json.forEach((row, index) => {
      const parsed = schema.safeParse(row);
      if (parsed.success) rows.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          problems.push({
            record: `row ${index}${rowId(row)}`,
            reason: `${issue.path.join('.') || '(row)'}: ${issue.message}`,
          });
    });
    if (problems.length) throw new InputRejected(url, problems);
    return rows;
  }

  /** Every row of a list, page by page, until a page comes back short. */
  async function getAll<S extends z.ZodType>(
    path: string,
    schema: S,
    query: { filter?: string; orderBy?: string } = {},
  ): Promise<z.infer<S>[]> {
    const all: z.infer<S>[] = [];
    for (let skip = 0; ; skip += PAGE_SIZE) {
      const page = await getRows(path, schema, {
        $filter: query.filter,
        $orderby: query.orderBy,
        $top: PAGE_SIZE,
        $skip: skip,
      });
      all.push(...page);
      if (page.length < PAGE_SIZE) return all;
    }
  }

  /** Runs `work` for every item with at most `concurrency` requests in flight. */
  async function forEach<T>(items: T[], work: (item: T) => Promise<void>) {
    let index = 0;
    const worker = async () => {
      while (index < items.length) await work(items[index++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  }

  return { baseUrl, getRows, getAll, forEach };
}

/** `$filter` for rows modified after an instant: `<X>LastModifiedUtc gt datetime'…'`. */
export function modifiedSince(entity: string, since: Date): string {
  return `${entity}LastModifiedUtc gt datetime'${since.toISOString().slice(0, 23)}'`;
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty body)';
}

function rowId(row: unknown): string {
  if (!row || typeof row !== 'object') return '';
  const key = Object.keys(row).find((k) => /^[A-Z]\w*Id$/.test(k));
  return key ? ` (${key} ${String((row as Record<string, unknown>)[key])})` : '';
}
