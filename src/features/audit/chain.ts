/**
 * The audit log: append-only and hash-chained. Each row's hash is the SHA-256 of a canonical
 * JSON array of its fields and the previous row's hash, so changing, removing or inserting a row
 * anywhere breaks every hash after it. Appends take a transaction advisory lock, so two app
 * servers can never give two rows the same predecessor (fork the chain); the lock is held until
 * the transaction commits, so call `appendAudit` last, inside the transaction of the change it
 * records: if it throws, the change rolls back.
 */
import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

/** Everything the log records. Add new actions here (and their labels in audit.json). */
export const AUDIT_ACTIONS = [
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_out',
  'sign_out.everywhere',
  'password.set',
  'password.changed',
  'password.change_failed',
  'password.reset_requested',
  'mfa.enabled',
  'mfa.verified',
  'mfa.failed',
  'passkey.registered',
  'passkey.removed',
  'passkey.verified',
  'passkey.failed',
  'content.created',
  'content.saved',
  'content.submitted',
  'content.published',
  'content.scheduled',
  'content.unscheduled',
  'content.discarded',
  'content.deleted',
  'content.restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  /** The user who acted; null for the command line or an unknown person (failed sign-in). */
  actorId: string | null;
  action: AuditAction;
  subjectType?: 'user' | 'session' | 'content';
  subjectId?: string;
  /** Never passwords, tokens, addresses or emails. */
  details?: AuditDetails;
}

export const GENESIS_HASH = '0'.repeat(64);
const APPEND_LOCK = 727_013;

export interface ChainFields {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: unknown;
  prevHash: string;
}

/** The row's hash: format version, then every field in a fixed order, keys sorted. */
export function hashAuditRow(row: ChainFields): string {
  const canonical = JSON.stringify([
    'v1',
    row.seq,
    row.occurredAt.toISOString(),
    row.actorId,
    row.action,
    row.subjectType,
    row.subjectId,
    sortKeys(row.details ?? {}),
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Appends one row; must run inside the transaction of the change it records. */
export async function appendAudit(
  tx: Tx,
  entry: AuditEntry,
  now: Date,
): Promise<{ seq: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  // Millisecond precision, as JavaScript reads it back: the hash must be recomputable.
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: new Date(now.getTime()),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    details: entry.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditRow(fields);
  await tx.insert(auditLog).values({ ...fields, details: fields.details as AuditDetails, hash });
  return { seq: fields.seq, hash };
}

export type ChainReport =
  | { ok: true; rows: number; head: { seq: number; hash: string } | null }
  | {
      ok: false;
      rows: number;
      brokenAt: number;
      reason: 'hash_mismatch' | 'previous_hash_mismatch' | 'missing_row';
    };

/** Reads the whole chain in order and recomputes every hash. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let head: { seq: number; hash: string } | null = null;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of batch) {
      if (row.seq !== expectedSeq)
        return { ok: false, rows, brokenAt: expectedSeq, reason: 'missing_row' };
      if (row.prevHash !== prevHash)
        return { ok: false, rows, brokenAt: row.seq, reason: 'previous_hash_mismatch' };
      if (hashAuditRow(row) !== row.hash)
        return { ok: false, rows, brokenAt: row.seq, reason: 'hash_mismatch' };
      prevHash = row.hash;
      head = { seq: row.seq, hash: row.hash };
      expectedSeq++;
      rows++;
    }
    if (batch.length < batchSize) return { ok: true, rows, head };
  }
}
