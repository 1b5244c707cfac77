/**
 * A local stand-in for the Legistar Web API (webapi.legistar.com/v1/{client}), so the client,
 * the importer and the benchmark run against real HTTP without reaching the internet. It serves
 * raw rows with the API's own field names and applies the OData subset the API documents and the
 * importer uses: `$filter` (comparisons joined by `and`), `$orderby`, `$skip` and `$top` (capped
 * at 1000, like the real API). Faults can be injected per path for the client's error handling.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Row = Record<string, unknown>;

/** Raw Legistar rows, with the API's own field names. */
export interface FakeLegistarData {
  bodies: Row[];
  persons: Row[];
  officeRecords: Row[];
  matters: Row[];
  /** by MatterId */
  histories: Map<number, Row[]>;
  /** by MatterId */
  sponsors: Map<number, Row[]>;
  /** by EventItemId (= MatterHistoryId) */
  votes: Map<number, Row[]>;
  events: Row[];
  /** by EventId */
  eventItems: Map<number, Row[]>;
}

/** A fault answered instead of the data for the first `times` requests whose path matches. */
export interface FakeLegistarFault {
  /** Matched against the path after `/v1/{client}`, e.g. `/matters` or /^\/matters\/\d+\/histories$/. */
  path: string | RegExp;
  kind: 'status' | 'timeout' | 'non-json' | 'bad-shape';
  /** For `status`: the HTTP status (default 503). */
  status?: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface FakeLegistarOptions {
  /** The Legistar client name in the URL (default `cabq`). */
  client?: string;
  faults?: FakeLegistarFault[];
  /** Milliseconds added before every answer, to make concurrency observable. */
  latencyMs?: number;
}

export interface FakeLegistar {
  /** `http://127.0.0.1:PORT/v1/{client}` */
  baseUrl: string;
  /** Every request's path and query, decoded, in arrival order (`/matters?$top=1000&$skip=0`). */
  requests: string[];
  /** Arrival times (ms, performance.now()) in the same order as `requests`. */
  requestTimes: number[];
  close(): Promise<void>;
}

const PAGE_CAP = 1000;

/** Starts the fake API on 127.0.0.1 (a free port) and resolves once it listens. */
export async function startFakeLegistar(
  data: FakeLegistarData,
  options: FakeLegistarOptions = {},
): Promise<FakeLegistar> {
  const client = options.client ?? 'cabq';
  const prefix = `/v1/${client}`;
  const faults = (options.faults ?? []).map((fault) => ({ ...fault, left: fault.times ?? 1 }));
  const requests: string[] = [];
  const requestTimes: number[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const raw = `${url.pathname.slice(prefix.length)}${url.search}`;
    requests.push(safeDecode(raw));
    requestTimes.push(performance.now());
    if (req.method !== 'GET' || !url.pathname.startsWith(`${prefix}/`)) {
      return send(res, 404, {
        Message: 'No HTTP resource was found that matches the request URI.',
      });
    }
    const path = url.pathname.slice(prefix.length);
    const fault = faults.find(
      (f) => f.left > 0 && (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
    );
    if (fault) {
      fault.left -= 1;
      if (fault.kind === 'timeout') return; // never answers; the client's timeout must fire
      if (fault.kind === 'status')
        return send(res, fault.status ?? 503, { Message: 'Fault injected' });
      if (fault.kind === 'non-json') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Service Unavailable</body></html>');
        return;
      }
      return send(res, 200, { Message: 'An object, where the API answers an array' });
    }
    const rows = route(data, path);
    if (!rows) return send(res, 404, { Message: `No HTTP resource matches ${path}` });
    let answer: Row[];
    try {
      answer = applyQuery(rows, url.searchParams);
    } catch (error) {
      return send(res, 400, { Message: (error as Error).message });
    }
    send(res, 200, answer);
  };

  const server = createServer((req, res) => {
    if (options.latencyMs) setTimeout(() => handle(req, res), options.latencyMs);
    else handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    requestTimes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function route(data: FakeLegistarData, path: string): Row[] | undefined {
  const byId = (map: Map<number, Row[]>, id: string | undefined): Row[] =>
    map.get(Number(id)) ?? [];
  const flat: Record<string, Row[]> = {
    '/bodies': data.bodies,
    '/persons': data.persons,
    '/officerecords': data.officeRecords,
    '/matters': data.matters,
    '/events': data.events,
  };
  if (flat[path]) return flat[path];
  let match = /^\/matters\/(\d+)\/histories$/.exec(path);
  if (match) return byId(data.histories, match[1]);
  match = /^\/matters\/(\d+)\/sponsors$/.exec(path);
  if (match) return byId(data.sponsors, match[1]);
  match = /^\/eventitems\/(\d+)\/votes$/.exec(path);
  if (match) return byId(data.votes, match[1]);
  match = /^\/events\/(\d+)\/eventitems$/.exec(path);
  if (match) return byId(data.eventItems, match[1]);
  match = /^\/(matters|bodies|persons|events|officerecords)\/(\d+)$/.exec(path);
  if (match) {
    const [, entity = '', id] = match;
    const idField = {
      matters: 'MatterId',
      bodies: 'BodyId',
      persons: 'PersonId',
      events: 'EventId',
      officerecords: 'OfficeRecordId',
    }[entity];
    return (flat[`/${entity}`] ?? []).filter((row) => idField && row[idField] === Number(id));
  }
  return undefined;
}

/** Applies `$filter`, `$orderby`, `$skip` and `$top` the way the real API does. */
export function applyQuery(rows: Row[], params: URLSearchParams): Row[] {
  const filter = params.get('$filter');
  let result = filter ? rows.filter(compileFilter(filter)) : rows;
  const orderBy = params.get('$orderby');
  if (orderBy) result = [...result].sort(compileOrder(orderBy));
  const skip = Number(params.get('$skip') ?? 0);
  const top = Math.min(Number(params.get('$top') ?? PAGE_CAP), PAGE_CAP);
  if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(top) || top < 0) {
    throw new Error('$skip and $top must be non-negative integers');
  }
  return result.slice(skip, skip + top);
}

const COMPARISON =
  /^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(datetime'[^']*'|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|null)\s*$/i;

function compileFilter(filter: string): (row: Row) => boolean {
  const tests = filter.split(/\s+and\s+/i).map((clause) => {
    const match = COMPARISON.exec(clause);
    if (!match) throw new Error(`The query specified in the URI is not valid: ${clause}`);
    const [, field = '', op = '', literal = ''] = match;
    const value = parseLiteral(literal);
    return (row: Row) => compare(normalise(row[field]), value, op.toLowerCase());
  });
  return (row) => tests.every((test) => test(row));
}

function parseLiteral(literal: string): string | number | null {
  if (/^null$/i.test(literal)) return null;
  if (/^datetime'/i.test(literal)) return isoMillis(literal.slice(9, -1));
  if (literal.startsWith("'")) return literal.slice(1, -1).replace(/''/g, "'");
  return Number(literal);
}

/** Legistar timestamps carry no zone and are UTC; compare them as instants. */
function isoMillis(text: string): number {
  return Date.parse(/Z|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

function normalise(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^\d{4}-\d\d-\d\dT/.test(text) ? isoMillis(text) : text;
}

function compare(left: string | number | null, right: string | number | null, op: string): boolean {
  if (left === null || right === null) {
    return op === 'eq' ? left === right : op === 'ne' ? left !== right : false;
  }
  switch (op) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    default:
      return left <= right;
  }
}

function compileOrder(orderBy: string): (a: Row, b: Row) => number {
  const keys = orderBy.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = normalise(a[field]);
      const y = normalise(b[field]);
      if (x === y) continue;
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}

/** An empty data set, for tests that fill only what they need. */
export function emptyLegistarData(): FakeLegistarData {
  return {
    bodies: [],
    persons: [],
    officeRecords: [],
    matters: [],
    histories: new Map(),
    sponsors: new Map(),
    votes: new Map(),
    events: [],
    eventItems: new Map(),
  };
}
