/**
 * Statements prepared once per database session and then run with bound parameters (decision
 * 012). On PostgreSQL this is drizzle's named statement on node-postgres: the driver parses it
 * once per pooled connection. PGlite's `query()` only uses the unnamed statement, so every call
 * would parse and plan the text again (for the policy page, 2 of its 3.5-4 ms); there the
 * statement is kept by name in the one session through the wire protocol (Parse once, then Bind
 * and Execute), which is what `PREPARE`/`EXECUTE` does but with the parameters bound, not spliced
 * into SQL. No migration and no server-side function: both engines keep one schema.
 *
 * Named statements are not transactional: one prepared inside a transaction that rolls back is
 * still there. A schema change makes PostgreSQL plan it again on its next run. `DEALLOCATE` or
 * `DISCARD ALL` (or a result shape changed by a migration) make the next run fail with 26000 or
 * 0A000; the statement is then prepared again, and the run retried when it is not inside a
 * transaction (inside one, the error has already aborted it).
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { fillPlaceholders, type SQLWrapper } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from './client.ts';

export interface PreparedStatement<Row> {
  readonly name: string;
  /** Runs the statement with `values` bound to its `sql.placeholder()`s; rows keyed by column. */
  execute(db: Tx, values?: Record<string, unknown>): Promise<Row[]>;
}

/** Sessions known to be PGlite: the instance itself and each of its open transactions. */
const pgliteOf = new WeakMap<object, PGlite>();

/**
 * Records a PGlite instance, and each transaction it opens, so that statements run through
 * drizzle's handle for either reach the instance's named statements (called by `openDatabase`).
 */
export function trackPgliteSessions(pglite: PGlite): void {
  pgliteOf.set(pglite, pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      pgliteOf.set(tx, pglite);
      return callback(tx);
    });
}

const names = new Set<string>();
const dialect = new PgDialect();

/**
 * A statement by name. `query` (a drizzle query builder or `sql`) is turned into SQL text once,
 * on first use; `sql.placeholder('x')` marks each parameter.
 */
export function preparedStatement<Row = Record<string, unknown>>(
  name: string,
  query: SQLWrapper,
): PreparedStatement<Row> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad statement name ${name}`);
  if (names.has(name)) throw new Error(`statement ${name} is defined twice`);
  names.add(name);
  let built: { sql: string; params: unknown[] } | undefined;
  const text = () => (built ??= dialect.sqlToQuery(query.getSQL()));
  return {
    name,
    async execute(db, values = {}) {
      const { session } = db._;
      const client = (session as unknown as { client: object }).client;
      const pglite = pgliteOf.get(client);
      const { sql, params } = text();
      if (pglite) {
        return runOnPglite<Row>(
          pglite,
          client !== pglite,
          name,
          sql,
          fillPlaceholders(params, values),
        );
      }
      // PostgreSQL (or a PGlite handle opened elsewhere): drizzle's own prepared query.
      const prepared = session.prepareQuery({ sql, params }, undefined, name, false);
      const result = (await prepared.execute(values)) as unknown as { rows: Row[] };
      return result.rows;
    },
  };
}

interface Prepared {
  paramTypes: number[];
}

/** What is prepared in each PGlite session, by statement name. */
const preparedIn = new WeakMap<PGlite, Map<string, Prepared>>();

let pgliteModule: Promise<typeof import('@electric-sql/pglite')> | undefined;

// Dates and intervals stay text, as drizzle's PGlite driver leaves them, so a row reads the same
// on both engines.
const asText = (value: string) => value;
const textParsers = Object.fromEntries(
  [1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231].map((oid) => [oid, asText]),
);

async function runOnPglite<Row>(
  pglite: PGlite,
  inTransaction: boolean,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  if (pglite.closed) throw new Error('database closed');
  const { protocol, parse } = await (pgliteModule ??= import('@electric-sql/pglite'));
  const { serialize } = protocol;
  let statements = preparedIn.get(pglite);
  if (!statements) preparedIn.set(pglite, (statements = new Map()));
  const known = statements;
  const send = (...messages: Uint8Array[]) =>
    pglite.execProtocol(concat(messages), { syncToFs: !inTransaction });

  // Closing first makes this safe when the name is already taken in the session (by a copy of
  // this module, say): closing a statement that does not exist is not an error.
  const prepare = async (): Promise<Prepared> => {
    const { messages } = await send(
      serialize.close({ type: 'S', name }),
      serialize.parse({ name, text }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    );
    const described = messages.find((m) => m.name === 'parameterDescription') as
      { dataTypeIDs: number[] } | undefined;
    const entry = { paramTypes: described?.dataTypeIDs ?? [] };
    known.set(name, entry);
    return entry;
  };
  const run = async (entry: Prepared) => {
    const bound = values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[entry.paramTypes[i] ?? 0];
      return serializer ? serializer(value) : String(value as string);
    });
    const { messages } = await send(
      serialize.bind({ statement: name, values: bound }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const [result] = parse.parseResults(messages, pglite.parsers, { parsers: textParsers });
    return (result?.rows ?? []) as Row[];
  };

  const once = async () => {
    const entry = known.get(name) ?? (await prepare());
    try {
      return await run(entry);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '26000' && code !== '0A000') throw error;
      // Deallocated, or planned for another result shape: prepare it again.
      known.delete(name);
      if (inTransaction) throw error;
      return run(await prepare());
    }
  };
  // One protocol exchange at a time; outside a transaction, also wait for any open one to end
  // (as PGlite's own `query()` does), so a read never runs inside someone else's transaction.
  // Holding the lock, first give the event loop a turn: PGlite runs synchronously, and queued
  // callers would otherwise hand the lock on through microtasks, query after query and page
  // after page, without the loop ever reaching the sockets (0.5-1 s stalls at 50 connections
  // with the page cache off; 75-150 ms with this turn, at the same throughput).
  const exclusive = () =>
    pglite._runExclusiveQuery(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return once();
    });
  return inTransaction ? exclusive() : pglite._runExclusiveTransaction(exclusive);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
